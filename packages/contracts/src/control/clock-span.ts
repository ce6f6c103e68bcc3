/**
 * The mock's clock: the span it may start in and run to.
 *
 * @module
 */

/**
 * The span a system's virtual clock may start in and run to. Every date-time the mock emits is ISO-8601 with a
 * four-digit year (B.1): past year 9999 `toISOString` writes `+010000-…`. The clock stops a year short of that, so
 * that what is dated after "now" (a token's expiry, a callback) still has four digits; and it starts no earlier than
 * 1970 (no negative epoch milliseconds in ids, file names and timers).
 */
export const EARLIEST_CLOCK_MS = Date.UTC(1970, 0, 1);
export const LATEST_CLOCK_MS = Date.UTC(9999, 0, 1);

/** Why an instant cannot be a clock's (`undefined` when it can), for a message that names the span. */
export function clockInstantProblem(ms: number): string | undefined {
  if (ms < EARLIEST_CLOCK_MS) return 'must be 1970-01-01T00:00:00.000Z or later';
  if (ms > LATEST_CLOCK_MS) return 'must be 9999-01-01T00:00:00.000Z or earlier (dates keep four-digit years)';
  return undefined;
}

/** An ISO-8601 instant as `clock_start` takes it: a date, `T`, a time, and `Z` or an offset. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A clock start given as text (`--clock-start`, the `clockStart` option): its instant, or why it cannot be one
 * (`Date.parse` alone reads `1` as the year 2001).
 */
export function parseClockStart(text: string): { ok: true; ms: number } | { ok: false; problem: string } {
  const ms = Date.parse(text);
  if (!ISO_INSTANT.test(text) || Number.isNaN(ms))
    return { ok: false, problem: 'must be an ISO-8601 instant with Z or an offset (2026-01-05T08:00:00Z)' };
  const problem = clockInstantProblem(ms);
  return problem ? { ok: false, problem } : { ok: true, ms };
}
