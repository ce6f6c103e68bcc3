import { formatDateTime, parseDateTimeIn, SCHEDULE_NOW } from '@omnikit/contracts';
import { instantOfLocalTime } from '../systems/office-hours.js';
import type { SystemContext } from '../systems/system-context.js';

/**
 * Reads an accepted date-time input (B.1) as epoch ms: ISO with `Z` or an offset as given, the
 * local `YYYY-MM-DD HH:MM:SS` form in the system's time zone (its office hours' zone).
 */
export function parseSystemDateTime(sys: SystemContext, value: string): number {
  const zone = sys.record.officeHours.time_zone;
  // The local form's fields as UTC: where the zone's clocks first read them is the instant (a form with Z or an
  // offset ignores the offset given).
  const localAsUtc = parseDateTimeIn(value, 0);
  return parseDateTimeIn(value, (localAsUtc - instantOfLocalTime(localAsUtc, zone)) / 60_000);
}

/**
 * Reads a lead number's `schedule_call_date_time`: `"Now()"` (the add-lead page's default) is the
 * system clock's current instant, so the lead is due at once and reads back when it was scheduled;
 * anything else is a date-time as `parseSystemDateTime` reads it.
 */
export function parseScheduleDateTime(sys: SystemContext, value: string): number {
  return value === SCHEDULE_NOW ? sys.clock.now() : parseSystemDateTime(sys, value);
}

/** How far ahead a number may be scheduled: a year (366 days, so that the same date next year is always allowed). */
export const SCHEDULE_HORIZON_MS = 366 * 24 * 3_600_000;

/** The earliest schedule taken: the Unix epoch, before which no system's clock has ever stood. */
export const SCHEDULE_FLOOR_MS = 0;

/**
 * Why a number's schedule read as `at` (epoch ms) is refused at `now`, the system clock's instant; undefined when it is
 * taken. Inferred (A.6 is silent), to match the `CALLBK` callback's one-year horizon (call-service.ts): a time already
 * past is due at once, as `"Now()"` is, and kept as given; a time more than `SCHEDULE_HORIZON_MS` ahead (a typo of
 * the year, or the 9999-12-31 a date picker allows) would keep the number out of dialling for good, and one before
 * `SCHEDULE_FLOOR_MS` is no date anyone set for a call (an unset default such as 0001-01-01) — both are refused
 * rather than stored, so no year out of range is kept (nor read back as a date the API cannot write).
 */
export function scheduleRefusal(at: number, now: number): string | undefined {
  if (!Number.isFinite(at)) return 'is not a real date and time';
  if (at < SCHEDULE_FLOOR_MS)
    return `must not be before ${formatDateTime(SCHEDULE_FLOOR_MS)} (a time in the past is due at once)`;
  const latest = now + SCHEDULE_HORIZON_MS;
  if (at > latest)
    return `must be at most a year ahead: ${formatDateTime(latest)} at the latest (the system's clock says ${formatDateTime(now)})`;
  return undefined;
}
