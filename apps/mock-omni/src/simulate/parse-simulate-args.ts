/**
 * The `omni-mock simulate` command line, parsed without reading the process (main.ts passes argv in).
 *
 * @module
 */

import { parseSubcommandArgs } from '../cli/parse-subcommand-args.js';
import { type Comparison, parseComparison, type SimulationSettingsInput } from './simulation-settings.js';

export interface SimulateOptions {
  /** Settings given as flags (they win over the config file's). */
  settings: SimulationSettingsInput;
  config: string | undefined;
  comparison: Comparison | undefined;
  report: string;
  help: boolean;
}

export type SimulateParse = { ok: true; options: SimulateOptions } | { ok: false; error: string };

export const SIMULATE_HELP_TEXT = `omni-mock simulate — a blended campaign's day on a manual clock, in process, as an HTML report

Usage: omni-mock simulate [options]

Runs one Progressive blended campaign (predictive pacing, inbound callers between the outbound
calls) with its agents logged in and ready from the first minute, on an in-memory mock whose clock
moves a minute at a time; progress goes to stderr, the day's figures to stdout. The report is one
self-contained HTML file (uPlot inlined, no network): dials / connects / drops per minute, the drop
rate against the target, the inbound queue and speed of answer, agents by state, each agent's
states in the last hour, the day's table, and the what-if comparison. The same seed gives the same
figures.

Options:
  --agents <n>        agents logged in and ready (default 100)
  --hours <h>         simulated hours (default 8; 0.25 to 24)
  --seed <n>          the seed of everything drawn: callees, arrivals, patience (default 42)
  --leads <n>         leads in the campaign's list (default 400 per agent)
  --inbound-per-hour <n>  inbound callers an hour (default 10 per agent; 0 for none)
  --patience <s>      median seconds a caller waits in the queue before leaving (default 60)
  --max-lines <n>     the campaign's max_lines: dials per ready agent at most (default 3)
  --target-drop <p>   the campaign's target_drop_percentage (default 3)
  --wrapup <s>        the campaign's wrapup_seconds (default 10)
  --amd               answering machines are detected and dropped (amd_enabled)
  --config <file>     settings from a JSON file: agents, hours, seed, leads, inbound_per_hour,
                      patience_median_seconds, max_lines, target_drop_percentage, wrapup_seconds,
                      amd_enabled (flags win)
  --compare <setting=v1,v2>
                      what-if: the same day from the same seed with 2 to 4 values of one setting,
                      side by side (agents, target_drop_percentage, max_lines, inbound_per_hour,
                      wrapup_seconds, patience_median_seconds, amd_enabled), e.g.
                      --compare target_drop_percentage=1,3,5 or --compare agents=80,100
  --report <file>     where the HTML report goes (default simulation-report.html)
  --help              print this help

Example: omni-mock simulate --agents 100 --hours 8 --seed 42 --report day.html`;

const NUMERIC: [flag: string, key: keyof SimulationSettingsInput][] = [
  ['agents', 'agents'],
  ['hours', 'hours'],
  ['seed', 'seed'],
  ['leads', 'leads'],
  ['inbound-per-hour', 'inbound_per_hour'],
  ['patience', 'patience_median_seconds'],
  ['max-lines', 'max_lines'],
  ['target-drop', 'target_drop_percentage'],
  ['wrapup', 'wrapup_seconds'],
];

export function parseSimulateArgs(argv: readonly string[]): SimulateParse {
  const args = parseSubcommandArgs(argv, {
    ...Object.fromEntries(NUMERIC.map(([flag]) => [flag, { type: 'string' as const }])),
    amd: { type: 'boolean' },
    config: { type: 'string' },
    compare: { type: 'string' },
    report: { type: 'string' },
    help: { type: 'boolean' },
  });
  if (!args.ok) return args;
  // The numeric flags come from a table, so look them up by name.
  const values: Record<string, string | boolean | undefined> = args.values;
  const settings: Record<string, number | boolean> = {};
  for (const [flag, key] of NUMERIC) {
    const raw = values[flag];
    if (typeof raw !== 'string') continue;
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n)) return { ok: false, error: `--${flag} ${raw}: expected a number` };
    settings[key] = n;
  }
  if (values.amd === true) settings.amd_enabled = true;
  let comparison: Comparison | undefined;
  if (typeof values.compare === 'string') {
    const parsed = parseComparison(values.compare);
    if (!parsed.ok) return parsed;
    comparison = parsed.comparison;
  }
  const report = typeof values.report === 'string' ? values.report : 'simulation-report.html';
  if (report.trim() === '') return { ok: false, error: '--report: expected a file name' };
  return {
    ok: true,
    options: {
      settings,
      config: typeof values.config === 'string' ? values.config : undefined,
      comparison,
      report,
      help: values.help === true,
    },
  };
}
