/**
 * The variant matrix (`omnikit-scenarios run --vary all`): every scenario and integration of a suite under each
 * variation — the default, each non-default value of each axis alone, seeded random combinations — each variation
 * on a fresh in-process mock playing it. The answer is a grid: rows the suite's entries, columns the variants.
 *
 * @module
 */

import {
  type AxisName,
  describeVariation,
  formatVariation,
  type NamedVariation,
  VARIATION_AXES,
  type Variation,
} from '@omnikit/contracts/variants';
import { createInprocTarget } from '../target/mock-target.js';
import type { Target } from '../target/target.js';
import { runSuite, type SuiteEntry } from './run-suite.js';
import type { ScenarioStatus } from './scenario-result.js';
import { interruptedReason } from './when-aborted.js';

/**
 * One column of the matrix: its label (`default`, `dates=vicidial`, `random#3`), the axis it varies alone (none for
 * the default and random draws), the axes away from their defaults, and every axis's value.
 *
 * @example
 * ```ts
 * import type { MatrixVariant } from '@omnikit/scenarios';
 *
 * const heading = (v: MatrixVariant) => (v.label.startsWith('random') ? `${v.label} ${v.variation}` : v.label);
 * ```
 */
export interface MatrixVariant {
  label: string;
  axis: AxisName | undefined;
  /** The axes away from their defaults: `--vary` text (`default` for none). */
  vary: string;
  /** Every axis with its value: `errors=coded,dates=vicidial,…`. */
  variation: string;
  /** The axes away from their defaults, by name. */
  axes: AxisName[];
}

/**
 * One cell: how an entry ended under one variant, and where it broke.
 *
 * @example
 * ```ts
 * import type { MatrixCell } from '@omnikit/scenarios';
 *
 * const broken = (cells: MatrixCell[]) => cells.filter((c) => c.status === 'failed').map((c) => `${c.variant}: ${c.failedAt}`);
 * ```
 */
export interface MatrixCell {
  variant: string;
  status: ScenarioStatus;
  /** failed: the step or expectation that broke (`step 5 (hold agent=a1 call=call)`). */
  failedAt?: string;
  /** failed: what broke and why. */
  message?: string;
  /** not run: why. */
  reason?: string;
  durationMs: number;
}

/**
 * The matrix: the variants (columns), one row per entry with a cell per variant, and the counts of cells.
 *
 * @example
 * ```ts
 * import type { MatrixReport } from '@omnikit/scenarios';
 *
 * const failedCells = (r: MatrixReport) => r.rows.flatMap((row) => row.cells.filter((c) => c.status === 'failed').map((c) => [row.name, c.variant]));
 * ```
 */
export interface MatrixReport {
  target: string;
  variants: MatrixVariant[];
  rows: { name: string; cells: MatrixCell[] }[];
  counts: { passed: number; failed: number; notRun: number };
}

/**
 * How to run a matrix: the variations (`variationMatrix(…)`), where each runs (a fresh in-process mock by default),
 * the seed of every system, and progress.
 *
 * @example
 * ```ts
 * import { variationMatrix } from '@omnikit/contracts/variants';
 * import type { MatrixOptions } from '@omnikit/scenarios';
 *
 * const options: MatrixOptions = { variants: variationMatrix({ random: 5, seed: 1 }), onProgress: (line) => console.error(line) };
 * ```
 */
export interface MatrixOptions {
  variants: readonly NamedVariation[];
  /** A target playing `variation`, closed after its column (default: a fresh in-process mock). */
  targetFor?: (variation: Variation) => Promise<Target>;
  /** Overrides every entry's seed. */
  seed?: number | undefined;
  settleMs?: number;
  onProgress?: (line: string) => void;
  /** Stops the run (Ctrl-C): the entry under way abandons its step and cleans up; its cell and the rest are `not run`. */
  signal?: AbortSignal;
}

function columnOf(v: NamedVariation): MatrixVariant {
  const axes = VARIATION_AXES.filter((a) => v.variation[a.name] !== a.values[0].name).map((a) => a.name);
  return {
    label: v.label,
    axis: v.axis,
    vary: formatVariation(v.variation),
    variation: describeVariation(v.variation),
    axes,
  };
}

/**
 * Runs every entry under every variation, one column at a time, each column on its own fresh target.
 *
 * @example
 * ```ts
 * import { variationMatrix } from '@omnikit/contracts/variants';
 * import { formatMatrix, library, runMatrix } from '@omnikit/scenarios';
 *
 * const report = await runMatrix(library, { variants: variationMatrix({ random: 5, seed: 1 }) });
 * console.log(formatMatrix(report));
 * ```
 */
export async function runMatrix(entries: readonly SuiteEntry[], opts: MatrixOptions): Promise<MatrixReport> {
  const targetFor = opts.targetFor ?? ((vary: Variation) => createInprocTarget({ vary }));
  const progress = opts.onProgress ?? (() => {});
  const variants = opts.variants.map(columnOf);
  const rows = entries.map((e) => ({ name: e.name, cells: [] as MatrixCell[] }));
  let label = 'in-process mock';
  for (const [k, v] of opts.variants.entries()) {
    const column = variants[k] as MatrixVariant;
    const heading = `variant ${k + 1}/${opts.variants.length} ${v.label}${v.axis ? '' : ` (${column.vary})`}`;
    if (opts.signal?.aborted) {
      for (const row of rows)
        row.cells.push({ variant: v.label, status: 'not run', reason: interruptedReason(), durationMs: 0 });
      continue;
    }
    progress(heading);
    const target = await targetFor(v.variation);
    if (k === 0) label = target.label.replace(/ \(--vary .*\)$/, '');
    try {
      const report = await runSuite(entries, {
        target,
        seed: opts.seed,
        ...(opts.settleMs !== undefined ? { settleMs: opts.settleMs } : {}),
        // One line per entry: the steps of hundreds of runs would bury the progress.
        onProgress: (line) => {
          if (line.startsWith('[') || line.startsWith('  →')) progress(`  ${line.trim()}`);
        },
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
      for (const [i, r] of report.scenarios.entries()) {
        (rows[i] as (typeof rows)[number]).cells.push({
          variant: v.label,
          status: r.status,
          ...(r.failedAt !== undefined ? { failedAt: r.failedAt } : {}),
          ...(r.message !== undefined ? { message: r.message } : {}),
          ...(r.reason !== undefined ? { reason: r.reason } : {}),
          durationMs: r.durationMs,
        });
      }
    } finally {
      await target.close();
    }
  }
  const cells = rows.flatMap((r) => r.cells);
  return {
    target: label,
    variants,
    rows,
    counts: {
      passed: cells.filter((c) => c.status === 'passed').length,
      failed: cells.filter((c) => c.status === 'failed').length,
      notRun: cells.filter((c) => c.status === 'not run').length,
    },
  };
}
