import { parseDateTimeIn, SCHEDULE_NOW } from '@omnikit/contracts';
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
