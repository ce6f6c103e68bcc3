/**
 * Checks the numeric options (the client's, each call's, the webhook receiver's) before they are
 * used. Each is read in a comparison or a timer, where a bad value does not fail but quietly changes
 * the meaning: `attempt >= NaN` is never true (unbounded retries), a deadline of NaN, 0 or `'500'`
 * is skipped (no timeout), `age > NaN` accepts a replayed delivery of any age, `size > NaN` lets any
 * body in, and a timer past 2^31 − 1 ms fires at once. Such values often come from
 * configuration (`Number(process.env.X)` of an unset variable is NaN), so they are refused with a
 * TypeError naming the option.
 *
 * @module
 */

/** The longest delay a JavaScript timer keeps (about 24.8 days); a longer one fires at once. */
export const MAX_TIMER_MS = 2_147_483_647;

/**
 * What an option may hold:
 * - `timeout`: milliseconds > 0 up to MAX_TIMER_MS, or `Infinity` for no timeout;
 * - `retries`: an integer ≥ 0 (a finite count);
 * - `delay`: milliseconds ≥ 0 up to MAX_TIMER_MS (a wait between attempts);
 * - `margin`: finite milliseconds ≥ 0 (compared with a clock, never a timer);
 * - `tolerance`: seconds ≥ 0, or `Infinity` for any age (the webhook timestamp check);
 * - `bytes`: a whole number of bytes ≥ 1 (a body limit).
 */
export type NumberOptionKind = 'timeout' | 'retries' | 'delay' | 'margin' | 'tolerance' | 'bytes';

const RULES: Record<NumberOptionKind, { readonly ok: (n: number) => boolean; readonly says: string }> = {
  timeout: {
    ok: (n) => (n > 0 && n <= MAX_TIMER_MS) || n === Number.POSITIVE_INFINITY,
    says: `a number of milliseconds above 0 and at most ${MAX_TIMER_MS} (Infinity: no timeout)`,
  },
  retries: { ok: (n) => Number.isSafeInteger(n) && n >= 0, says: 'a whole number, 0 or more' },
  delay: { ok: (n) => n >= 0 && n <= MAX_TIMER_MS, says: `a number of milliseconds from 0 to ${MAX_TIMER_MS}` },
  margin: { ok: (n) => n >= 0 && Number.isFinite(n), says: 'a finite number of milliseconds, 0 or more' },
  tolerance: { ok: (n) => n >= 0, says: 'a number of seconds, 0 or more (Infinity: any age)' },
  bytes: { ok: (n) => Number.isSafeInteger(n) && n >= 1, says: 'a whole number of bytes, 1 or more' },
};

/**
 * Returns `value` when it is undefined or fits `kind`; otherwise throws a TypeError that says
 * where (`OmniClient`, a route id), which option, what it must be and what it was.
 */
export function checkNumberOption(
  where: string,
  name: string,
  value: unknown,
  kind: NumberOptionKind,
): number | undefined {
  if (value === undefined) return undefined;
  const rule = RULES[kind];
  if (typeof value === 'number' && !Number.isNaN(value) && rule.ok(value)) return value;
  const got =
    typeof value === 'number' || value === null
      ? String(value)
      : typeof value === 'string'
        ? JSON.stringify(value)
        : typeof value;
  throw new TypeError(`${where}: ${name} must be ${rule.says}; got ${got}`);
}
