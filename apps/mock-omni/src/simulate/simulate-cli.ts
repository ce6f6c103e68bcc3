/**
 * `omni-mock simulate`: reads the settings (flags over the config file's), runs the day (and the
 * what-if days), writes the report, and says what it did — on injected I/O, so main.ts alone touches
 * the process. Exit codes: 0 done, 2 a bad command line or config file, 1 the report could not be
 * written.
 *
 * @module
 */

import { parseSimulateArgs, SIMULATE_HELP_TEXT } from './parse-simulate-args.js';
import { runSimulation, type SimulationResult } from './run-simulation.js';
import { dayFigures, renderSimulationReport } from './simulation-report.js';
import { type SimulationSettings, simulationSettings } from './simulation-settings.js';

export interface SimulateIo {
  stdout(line: string): void;
  stderr(line: string): void;
  readFile(path: string): string;
  writeFile(path: string, text: string): void;
  /**
   * Makes ready to write the report at `path` (its folder made when missing): what stands in the way, or undefined.
   * Asked before the day runs, so that a report that cannot be written costs no day's run.
   */
  prepareReport(path: string): string | undefined;
  /** uPlot's minified script and style sheet. */
  uplot(): { js: string; css: string };
}

export async function runSimulateCli(argv: readonly string[], io: SimulateIo): Promise<number> {
  const parsed = parseSimulateArgs(argv);
  if (!parsed.ok) {
    io.stderr(`omni-mock simulate: ${parsed.error}\nRun omni-mock simulate --help for the options.`);
    return 2;
  }
  const { options } = parsed;
  if (options.help) {
    io.stdout(SIMULATE_HELP_TEXT);
    return 0;
  }
  let fromFile: Record<string, unknown> = {};
  if (options.config !== undefined) {
    try {
      const json: unknown = JSON.parse(io.readFile(options.config));
      if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error('expected a JSON object');
      fromFile = json as Record<string, unknown>;
    } catch (error) {
      io.stderr(`omni-mock simulate: --config ${options.config}: ${(error as Error).message}`);
      return 2;
    }
  }
  const checked = simulationSettings.safeParse({ ...fromFile, ...options.settings });
  if (!checked.success) {
    const problems = checked.error.issues.map((i) => `${i.path.join('.') || 'settings'}: ${i.message}`).join('; ');
    io.stderr(`omni-mock simulate: bad settings (${problems})`);
    return 2;
  }
  const settings = checked.data;
  const reportProblem = io.prepareReport(options.report);
  if (reportProblem) {
    io.stderr(`omni-mock simulate: cannot write --report ${options.report} (${reportProblem})`);
    return 1;
  }
  let assets: { js: string; css: string };
  try {
    assets = io.uplot();
  } catch (error) {
    io.stderr(`omni-mock simulate: cannot read uPlot to inline it (${(error as Error).message})`);
    return 1;
  }

  const runs: { label: string; settings: SimulationSettings }[] = [{ label: 'the day', settings }];
  const comparison = options.comparison;
  if (comparison)
    for (const value of comparison.values)
      runs.push({
        label: `${comparison.setting}=${String(value)}`,
        settings: { ...settings, [comparison.setting]: value },
      });

  const results: SimulationResult[] = [];
  for (const [i, run] of runs.entries()) {
    io.stderr(
      `omni-mock simulate: run ${i + 1}/${runs.length} (${run.label}): ${run.settings.agents} agents, ${run.settings.hours} h, seed ${run.settings.seed}`,
    );
    results.push(
      await runSimulation(run.settings, {
        onProgress: (p) => io.stderr(`  hour ${p.hour}/${p.hours}: ${(p.wallMs / 1000).toFixed(1)} s`),
      }),
    );
  }
  const [main, ...compared] = results;
  if (!main) return 1;
  const command = ['omni-mock simulate', ...argv].join(' ');
  const html = renderSimulationReport({
    main,
    comparison: comparison ? { setting: comparison.setting, runs: compared } : undefined,
    uplot: assets,
    command,
  });
  try {
    io.writeFile(options.report, html);
  } catch (error) {
    io.stderr(`omni-mock simulate: cannot write --report ${options.report} (${(error as Error).message})`);
    return 1;
  }
  for (const [label, value] of dayFigures(main.stats)) io.stdout(`${label.padEnd(46)} ${value}`);
  io.stdout(`simulated ${settings.hours} h in ${(main.wallMs / 1000).toFixed(1)} s; report: ${options.report}`);
  return 0;
}
