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
