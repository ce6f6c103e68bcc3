/**
 * The mock's clock: the span it may start in and run to.
 *
 * @module
 */

import { z } from 'zod';

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

/** The text of a clock's start wherever it is given: an ISO-8601 instant with `Z` or an offset, inside the span. */
export const clockStartText = z.iso
  .datetime({ offset: true, error: 'must be an ISO-8601 instant with Z or an offset (2026-01-05T08:00:00Z)' })
  .superRefine((value, ctx) => {
    const problem = clockInstantProblem(Date.parse(value));
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/**
 * A clock start given as text (`--clock-start`, the `clockStart` option), read as `clock_start` of the control API
 * reads it: its instant, or why it cannot be one (`Date.parse` alone reads `1` as the year 2001).
 */
export function parseClockStart(text: string): { ok: true; ms: number } | { ok: false; problem: string } {
  const checked = clockStartText.safeParse(text);
  if (!checked.success) return { ok: false, problem: checked.error.issues[0]?.message ?? 'is not an instant' };
  return { ok: true, ms: Date.parse(checked.data) };
}
