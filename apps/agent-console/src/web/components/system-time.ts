/**
 * Times the console shows from the Omni system's clock (notifications, the token's expiry, the
 * supervisor's figures), as opposed to this browser's. The mock's system clock may be manual or
 * scaled, so it can read a quite different day than the wall clock: every such time is labelled.
 *
 * @module
 */

/** The label that goes with every time read from the system clock. */
export const SYSTEM_TIME_LABEL = 'Omni system time';

/**
 * An ISO-8601 instant from the system clock as `YYYY-MM-DD HH:MM[:SS] UTC`; the text as given when
 * it is not an ISO-8601 date-time (nothing is hidden).
 */
export function formatSystemTime(iso: string, precision: 'minute' | 'second' = 'second'): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?/.exec(iso);
  if (!m) return iso;
  return `${m[1]} ${m[2]}${precision === 'second' ? (m[3] ?? ':00') : ''} UTC`;
}
