/**
 * What `omni-mock proxy` prints as it stops: the line for the stop itself, the lines after the CI summary line that
 * count what could not be checked (target timeouts, other target failures, notifications the webhook tap could not
 * pass on), and the line for a second signal. Each says where the details are: the `--report` file by name when there
 * is one; without one the live page is gone with the proxy, so the line says to run with `--report <file>` instead of
 * naming a report that does not exist. A `--report` whose last write failed (the proxy has said `cannot write the report
 * …; the report is not saved`) lists nothing either: the line says so, and how to get one next time.
 *
 * @module
 */

/** The counts of a drift report's summary the exit lines speak of. */
export interface ProxyExitCounts {
  timeouts: number;
  target_failures: number;
  tap_failures: number;
}

/** Where the rows are listed, `by` what: the report file, or how to get one. */
function whereListed(report: string | undefined, saved: boolean, by: string): string {
  if (report === undefined) return `run with --report <file> to list them ${by}`;
  if (!saved)
    return `the report ${report} could not be saved: run with a --report <file> that can be written to list them ${by}`;
  return `the report ${report} lists them ${by}`;
}

/**
 * The lines after the CI summary line, one for each kind of failure seen (none when nothing failed). `saved`: whether
 * the `report` file was written at the end (`RunningProxy.reportSaved()`).
 */
export function proxyExitLines(counts: ProxyExitCounts, report: string | undefined, saved: boolean): string[] {
  const where = (by: string) => whereListed(report, saved, by);
  const exchanges = (n: number) => `${n} ${n === 1 ? 'exchange' : 'exchanges'}`;
  const lines: string[] = [];
  if (counts.timeouts > 0)
    lines.push(
      `omni-mock proxy: the target did not answer ${exchanges(counts.timeouts)} in time (--target-timeout); ${where('by route and stage')}`,
    );
  if (counts.target_failures > 0)
    lines.push(
      `omni-mock proxy: the target failed ${exchanges(counts.target_failures)} otherwise (no connection, no TLS, no HTTP, an answer cut off); ${where('by route and kind')}`,
    );
  if (counts.tap_failures > 0) {
    const n = counts.tap_failures;
    lines.push(
      `omni-mock proxy: the webhook tap could not pass ${n} ${n === 1 ? 'notification' : 'notifications'} on to the CRM; ${where('by type and kind')}`,
    );
  }
  return lines;
}

/** The line for the first signal: the report is written only when there is a file for it. */
export function proxyStoppingLine(signal: string, report: string | undefined): string {
  return `omni-mock proxy: ${signal}: finishing exchanges in flight${report === undefined ? '' : `, writing the report ${report}`} (again to quit at once)`;
}

/** The line for a second signal: what keeps what was written so far, of the files there are. */
export function proxyQuittingLine(
  signal: string,
  files: { record: string | undefined; report: string | undefined },
): string {
  const kept = [
    ...(files.record === undefined ? [] : [`the recording ${files.record}`]),
    ...(files.report === undefined ? [] : [`the report ${files.report}`]),
  ];
  const keep =
    kept.length === 0 ? '' : `; ${kept.join(' and ')} ${kept.length === 1 ? 'keeps' : 'keep'} what was written so far`;
  return `omni-mock proxy: ${signal} again: quitting at once${keep}`;
}
