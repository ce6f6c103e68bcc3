/**
 * The matrix as terminal text: rows the suite's entries, columns the variants by number, a legend naming each
 * variant (random draws with every axis), then every failed cell with its variant, the axis it varies, the step
 * or expectation that broke and why. Nothing in it depends on timing, so the same run prints the same text.
 *
 * @module
 */

import type { MatrixCell, MatrixReport, MatrixVariant } from './run-matrix.js';

const MARK: Record<MatrixCell['status'], string> = { passed: '✓', failed: '✗', 'not run': '·' };

function axisNote(v: MatrixVariant): string {
  if (v.axis) return `axis ${v.axis}`;
  if (v.axes.length === 0) return 'no axis varied';
  return `${v.axes.length === 1 ? 'axis' : 'axes'} ${v.axes.join(', ')}`;
}

/**
 * The matrix of a `runMatrix` report as plain text (see the module comment).
 *
 * @example
 * ```ts
 * import { variationMatrix } from '@omnikit/contracts/variants';
 * import { formatMatrix, library, runMatrix } from '@omnikit/scenarios';
 *
 * console.log(formatMatrix(await runMatrix(library, { variants: variationMatrix() })));
 * ```
 */
export function formatMatrix(report: MatrixReport): string {
  const keys = report.variants.map((_, i) => String(i + 1));
  const width = Math.max(...keys.map((k) => k.length)) + 1;
  const nameWidth = Math.max('scenario'.length, ...report.rows.map((r) => r.name.length));
  const out = [
    `Variant matrix on ${report.target}: ${report.rows.length} × ${report.variants.length} variants`,
    '',
    `${'scenario'.padEnd(nameWidth)}  ${keys.map((k) => k.padEnd(width)).join('')}`.trimEnd(),
    ...report.rows.map((r) =>
      `${r.name.padEnd(nameWidth)}  ${r.cells.map((c) => MARK[c.status].padEnd(width)).join('')}`.trimEnd(),
    ),
    '',
    `${MARK.passed} passed  ${MARK.failed} failed  ${MARK['not run']} not run`,
    '',
    'variants:',
  ];
  for (const [i, v] of report.variants.entries()) {
    const text = v.axis || v.axes.length === 0 ? v.label : `${v.label}  ${v.variation}`;
    out.push(`${keys[i]?.padStart(width)}  ${text}`);
  }
  const failures = report.rows.flatMap((r) =>
    r.cells.flatMap((c, i) => (c.status === 'failed' ? [{ row: r.name, cell: c, variant: i }] : [])),
  );
  if (failures.length > 0) {
    out.push('', 'failures:');
    for (const f of failures) {
      const v = report.variants[f.variant] as MatrixVariant;
      out.push(`${f.row} × ${f.variant + 1} ${v.label} (${axisNote(v)}): ${f.cell.failedAt ?? 'failed'}`);
      for (const line of (f.cell.message ?? '').split('\n')) out.push(`    ${line}`);
    }
  }
  const notRun = report.rows.flatMap((r) =>
    r.cells.flatMap((c, i) => (c.status === 'not run' ? [`${r.name} × ${i + 1}: ${c.reason ?? ''}`] : [])),
  );
  if (notRun.length > 0) out.push('', 'not run:', ...notRun.map((l) => `  ${l}`));
  const { passed, failed, notRun: skipped } = report.counts;
  out.push('', `${passed + failed + skipped} cells: ${passed} passed, ${failed} failed, ${skipped} not run`);
  return out.join('\n');
}
