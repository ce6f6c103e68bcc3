/**
 * `omnikit-contracts drift-apply <report.json> [--src <dir>]` on injected I/O (the bin gives it the
 * file system and the process): reads a drift report of `omni-mock proxy --report x.json`, checks
 * it against the report's schema, reads the contracts' source, and prints the changes. It never
 * writes a file. Exit status: 0 when it printed the changes, 2 on bad usage or a bad report.
 *
 * @module
 */

import type { SourceFile } from './contract-source.js';
import { formatDriftApply, planDriftChanges } from './drift-apply.js';
import { driftReport } from './drift-report.js';

export const DRIFT_APPLY_HELP = `omnikit-contracts drift-apply — the changes to the contracts that a drift report asks for

Usage: omnikit-contracts drift-apply <report.json> [options]

Reads a drift report (omni-mock proxy --report report.json) and prints, for each inferred
difference, the change to the route's or notification's schema that makes the contracts match what
was seen: a unified diff against packages/contracts/src when the field's line is found, else a
precise instruction. Each diff is taken on top of the ones before it, so the output applies whole:
save it, git apply it, review the result (git diff) and keep what you accept. Documented
differences are listed for a person to judge, never turned into a diff. Nothing is written.

Options:
  --src <dir>         the contracts' source folder (default: packages/contracts/src under the
                      current folder, else the one beside this package); without it only
                      instructions are printed
  --help              print this help

Exit status: 0 when the changes were printed, 2 on bad usage or a report that cannot be read (not
JSON, or not a drift report: the first wrong fields are named).`;

export interface DriftApplyIo {
  out(text: string): void;
  err(text: string): void;
  /** A file's text, or undefined when it cannot be read. */
  readText(path: string): string | undefined;
  /** The `.ts` files of the contracts' source folder (`src/*.ts`, `src/routes/*.ts`), paths as a diff shows them; undefined when there is none. */
  sources(srcOption: string | undefined): readonly SourceFile[] | undefined;
}

function parseArgv(argv: readonly string[]): { file?: string; src?: string; help: boolean } | string {
  const args = [...argv];
  if (args[0] !== 'drift-apply') {
    return args[0] === '--help' || args[0] === undefined
      ? { help: true }
      : `unknown command "${args[0]}" (the one command is drift-apply)`;
  }
  args.shift();
  let file: string | undefined;
  let src: string | undefined;
  let help = false;
  while (args.length > 0) {
    const arg = args.shift() as string;
    if (arg === '--help') help = true;
    else if (arg === '--src' || arg.startsWith('--src=')) {
      const value = arg === '--src' ? args.shift() : arg.slice('--src='.length);
      if (value === undefined || value === '') return '--src needs a folder';
      src = value;
    } else if (arg.startsWith('-')) return `unknown option ${arg}`;
    else if (file !== undefined) return `one report at a time, not ${file} and ${arg}`;
    else file = arg;
  }
  if (!help && file === undefined) return 'which report? omnikit-contracts drift-apply <report.json>';
  return { ...(file === undefined ? {} : { file }), ...(src === undefined ? {} : { src }), help };
}

/** Runs the command; answers its exit status. */
export function runDriftApply(argv: readonly string[], io: DriftApplyIo): number {
  const parsed = parseArgv(argv);
  if (typeof parsed === 'string') {
    io.err(`omnikit-contracts: ${parsed}\nRun omnikit-contracts drift-apply --help for the options.\n`);
    return 2;
  }
  if (parsed.help || parsed.file === undefined) {
    io.out(`${DRIFT_APPLY_HELP}\n`);
    return 0;
  }
  const file = parsed.file;
  const text = io.readText(file);
  if (text === undefined) {
    io.err(`omnikit-contracts drift-apply: cannot read ${file}\n`);
    return 2;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    io.err(`omnikit-contracts drift-apply: ${file} is not JSON (${(error as Error).message})\n`);
    return 2;
  }
  const report = driftReport.safeParse(json);
  if (!report.success) {
    const issues = report.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(report)'}: ${i.message}`);
    io.err(
      `omnikit-contracts drift-apply: ${file} is not a drift report (${issues.join('; ')}${report.error.issues.length > 3 ? '; …' : ''}); write one with omni-mock proxy --report ${file}\n`,
    );
    return 2;
  }
  const sources = io.sources(parsed.src);
  if (sources === undefined && parsed.src !== undefined) {
    io.err(
      `omnikit-contracts drift-apply: --src ${parsed.src} holds no contracts source (src/*.ts, src/routes/*.ts)\n`,
    );
    return 2;
  }
  const entries = planDriftChanges(report.data, sources ?? []);
  io.out(formatDriftApply(report.data, entries, file));
  if (sources === undefined) {
    io.err(
      'omnikit-contracts drift-apply: no contracts source found (run it in an OmniKit checkout or pass --src): instructions only\n',
    );
  }
  return 0;
}
