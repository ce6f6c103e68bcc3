/**
 * `omni-mock simulate` on injected I/O: the same seed gives the same figures (another seed others), flags win over
 * the config file, bad command lines and config files exit 2 with one line, and a run with `--compare` writes a
 * self-contained report with every chart, its table and the what-if table.
 *
 * @module
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parseSimulateArgs } from '../../src/simulate/parse-simulate-args.js';
import { runSimulation } from '../../src/simulate/run-simulation.js';
import { runSimulateCli, type SimulateIo } from '../../src/simulate/simulate-cli.js';
import { simulationSettings } from '../../src/simulate/simulation-settings.js';

const require = createRequire(import.meta.url);

function io(files: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const written: Record<string, string> = {};
  const value: SimulateIo = {
    stdout: (l) => out.push(l),
    stderr: (l) => err.push(l),
    readFile: (p) => {
      const f = files[p];
      if (f === undefined) throw new Error(`ENOENT: no such file, open '${p}'`);
      return f;
    },
    writeFile: (p, t) => {
      written[p] = t;
    },
    prepareReport: (p) =>
      p.startsWith('/unwritable/') ? "EACCES: permission denied, access '/unwritable'" : undefined,
    uplot: () => ({
      js: readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8'),
      css: readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8'),
    }),
  };
  return { io: value, out, err, written };
}

const small = { agents: 6, hours: 0.5, leads: 500 };

describe('runSimulation', () => {
  it('the same seed gives the same figures and series; another seed other figures', async () => {
    const a = await runSimulation(simulationSettings.parse({ ...small, seed: 7 }));
    const b = await runSimulation(simulationSettings.parse({ ...small, seed: 7 }));
    const c = await runSimulation(simulationSettings.parse({ ...small, seed: 8 }));
    expect(a.stats.dials).toBeGreaterThan(20);
    expect(a.stats.inbound_offered).toBeGreaterThan(5);
    expect(b.stats).toEqual(a.stats);
    expect(b.series).toEqual(a.series);
    expect(c.stats).not.toEqual(a.stats);
    // Half an hour of minutes, from the day's start.
    expect(a.series.buckets.start).toHaveLength(30);
    expect(a.series.from).toBe('2026-01-05T08:00:00.000Z');
    expect(a.series.agent_timeline.agents).toHaveLength(6);
  }, 60_000);
});

describe('omni-mock simulate', () => {
  it('writes the report: each chart with its table, the day’s table, the what-if table; nothing from the network', async () => {
    const t = io({ 'day.json': JSON.stringify({ agents: 4, hours: 0.25, seed: 3, leads: 300 }) });
    const code = await runSimulateCli(
      ['--config', 'day.json', '--agents', '5', '--compare', 'target_drop_percentage=1,5', '--report', 'r.html'],
      t.io,
    );
    expect(t.err.filter((l) => !l.startsWith('omni-mock simulate: run') && !l.startsWith('  hour'))).toEqual([]);
    expect(code).toBe(0);
    const html = t.written['r.html'] ?? '';
    // Flags win over the file: 5 agents, from the file the rest.
    expect(html).toContain('5 agents, 0.25 h, seed 3, 300 leads');
    for (const id of ['calls-chart', 'drop-chart', 'queue-chart', 'agents-chart', 'timeline-chart'])
      expect(html).toContain(`id="${id}"`);
    expect(html).toContain('class="day-table"');
    // The times are the simulated system clock's, and say so.
    expect(html).toContain("Times are the mock's system time (UTC)");
    expect(html).toContain('By hour (system time, UTC)');
    expect(html).toContain('target_drop_percentage = 1</th>');
    expect(html).toContain('target_drop_percentage = 5</th>');
    expect((html.match(/<details>/g) ?? []).length).toBe(5);
    // uPlot inlined; no script, style or image from anywhere else.
    expect(html).toContain('uPlot');
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/);
    expect(t.out.at(-1)).toMatch(/^simulated 0\.25 h in \d+\.\d s; report: r\.html$/);
    expect(t.out.some((l) => /^Drop rate\s+\d/.test(l))).toBe(true);
  }, 60_000);

  it('the day’s table has each figure of the day from the statistics; the what-if day with the same value is that day', async () => {
    const t = io();
    const argv = ['--agents', '5', '--hours', '0.5', '--leads', '400', '--seed', '11', '--compare', 'agents=4,5'];
    expect(await runSimulateCli([...argv, '--report', 'r.html'], t.io)).toBe(0);
    const html = t.written['r.html'] ?? '';
    const rowsOf = (cls: string) => {
      const tableHtml = new RegExp(`<table class="${cls}">(.*?)</table>`, 's').exec(html)?.[1] ?? '';
      return [...tableHtml.matchAll(/<tr><th scope="row">(.*?)<\/th>(.*?)<\/tr>/g)].map((m) => [
        m[1] ?? '',
        ...[...(m[2] ?? '').matchAll(/<td>(.*?)<\/td>/g)].map((c) => c[1] ?? ''),
      ]);
    };
    const day = new Map(rowsOf('day-table').map(([label, value]) => [label, value]));
    const { stats } = await runSimulation(simulationSettings.parse({ agents: 5, hours: 0.5, leads: 400, seed: 11 }));
    const count = (v: number) => v.toLocaleString('en-GB');
    const percent = (v: number) => `${v.toFixed(2)} %`;
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    expect(stats.dials).toBeGreaterThan(0);
    expect(stats.inbound_answered).toBeGreaterThan(0);
    expect(Object.fromEntries(day)).toMatchObject({
      'Calls (outbound dials + inbound offered)': count(stats.dials + stats.inbound_offered),
      'Connects (outbound put through)': count(stats.connects),
      'Answering machines': count(stats.answering_machines),
      Drops: count(stats.drops),
      'Drop rate': percent(stats.drop_rate),
      'Abandon rate': percent(stats.abandon_rate),
      'Average speed of answer (ASA)': seconds(stats.average_speed_of_answer_ms),
      'Average handle time (AHT)': seconds(stats.average_handle_time_ms),
      'Agent occupancy': percent(stats.agent_occupancy),
    });
    // Side by side, from the same seed: the column with the day's own value is the day.
    const whatIf = rowsOf('what-if-table');
    expect(whatIf.map(([label]) => label)).toEqual([...day.keys()]);
    expect(whatIf.map(([label, , five]) => [label, five])).toEqual([...day.entries()]);
    expect(whatIf.map(([, four]) => four)).not.toEqual([...day.values()]);
  }, 60_000);

  it('--help prints the options and documents the report, and exits 0', async () => {
    const t = io();
    expect(await runSimulateCli(['--help'], t.io)).toBe(0);
    const help = t.out.join('\n');
    expect(help).toContain('--compare <setting=v1,v2>');
    expect(help).toMatch(/^ {2}--report <file> {5}where the HTML report goes/m);
    expect(help).toContain('self-contained HTML file');
    for (const part of [
      'dials / connects / drops per minute',
      'drop\nrate against the target',
      'inbound queue and speed of answer',
      'agents by state',
      "each agent's\nstates in the last hour",
      "the day's table",
      'what-if comparison',
    ])
      expect(help).toContain(part);
  });

  it('a report it cannot write is refused before the day runs (exit 1, one line, no run announced)', async () => {
    const t = io();
    expect(await runSimulateCli(['--report', '/unwritable/day.html', '--hours', '8'], t.io)).toBe(1);
    expect(t.err).toEqual([
      "omni-mock simulate: cannot write --report /unwritable/day.html (EACCES: permission denied, access '/unwritable')",
    ]);
    expect(t.out).toEqual([]);
    expect(t.written).toEqual({});
  });

  it('shows progress while it runs: each run announced, then each simulated hour, before the result', async () => {
    const log: string[] = [];
    const t = io();
    const code = await runSimulateCli(['--agents', '3', '--hours', '2', '--leads', '200', '--compare', 'agents=2,3'], {
      ...t.io,
      stdout: (l) => log.push(`out ${l}`),
      stderr: (l) => log.push(`err ${l}`),
    });
    expect(code).toBe(0);
    const progress = log.filter((l) => l.startsWith('err ')).map((l) => l.replace(/: \d+\.\d s$/, ''));
    expect(progress).toEqual([
      'err omni-mock simulate: run 1/3 (the day): 3 agents, 2 h, seed 42',
      'err   hour 1/2',
      'err   hour 2/2',
      'err omni-mock simulate: run 2/3 (agents=2): 2 agents, 2 h, seed 42',
      'err   hour 1/2',
      'err   hour 2/2',
      'err omni-mock simulate: run 3/3 (agents=3): 3 agents, 2 h, seed 42',
      'err   hour 1/2',
      'err   hour 2/2',
    ]);
    // All of it before the first line of the result.
    expect(log.findIndex((l) => l.startsWith('out '))).toBe(progress.length);
  }, 60_000);

  it.each([
    [['--agents', 'many'], '--agents many: expected a number'],
    [['--agents', '0'], 'agents'],
    [['--hours', '30'], 'hours'],
    [['--frobnicate'], "Unknown option '--frobnicate'"],
    [['--compare', 'colour=1,2'], 'colour is not one of'],
    [['--compare', 'agents=80'], 'give 2 to 4 values'],
    [['--compare', 'agents=1,2,3,4,5'], 'give 2 to 4 values'],
    [['--compare', 'agents=80,80'], 'the values repeat'],
    [['--compare', 'target_drop_percentage=1,abc'], 'target_drop_percentage=abc is not a valid value'],
    [['--config', 'missing.json'], '--config missing.json: ENOENT'],
    [['--config', 'bad.json'], '--config bad.json:'],
    [['--config', 'array.json'], 'expected a JSON object'],
    [['--config', 'unknown.json'], 'bad settings'],
    [['--report', ''], '--report: expected a file name'],
  ])('%j exits 2 saying why', async (argv, message) => {
    const t = io({ 'bad.json': '{ nope', 'array.json': '[1]', 'unknown.json': '{"agent": 5}' });
    expect(await runSimulateCli(argv, t.io)).toBe(2);
    expect(t.err.join('\n')).toContain(message);
    expect(t.written).toEqual({});
  });

  it('parses every flag into the settings', () => {
    const parsed = parseSimulateArgs([
      '--agents=80',
      '--hours=2',
      '--seed=9',
      '--leads=100',
      '--inbound-per-hour=0',
      '--patience=30',
      '--max-lines=2',
      '--target-drop=1.5',
      '--wrapup=20',
      '--amd',
    ]);
    expect(parsed).toMatchObject({
      ok: true,
      options: {
        settings: {
          agents: 80,
          hours: 2,
          seed: 9,
          leads: 100,
          inbound_per_hour: 0,
          patience_median_seconds: 30,
          max_lines: 2,
          target_drop_percentage: 1.5,
          wrapup_seconds: 20,
          amd_enabled: true,
        },
        report: 'simulation-report.html',
      },
    });
  });
});
