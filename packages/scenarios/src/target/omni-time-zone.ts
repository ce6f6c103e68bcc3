/**
 * Omni's time zone: the one in which it reads and writes date-times that name no zone (VICIdial's
 * `YYYY-MM-DD HH:MM:SS`, e.g. a dispose's `callback_date_time`). On a real Omni it is `OMNI_TIME_ZONE`;
 * on the mock, the system's own (its office hours' `time_zone`).
 *
 * @module
 */

import { fixedZone, formatDateAs, parseAnyDate, UTC_ZONE, type WireZone } from '@omnikit/contracts/variants';

/** A fixed offset, as the sdk's `timeZone` takes it: `+02:00`, `-0530` (at most ±18:59). */
const OFFSET = /^([+-])(0\d|1[0-8]):?([0-5]\d)$/;

/** An instant with its zone: ISO-8601 with `Z` or an offset. */
const INSTANT = /(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Whether `value` names a time zone: an IANA name this runtime knows (`Africa/Johannesburg`, `UTC`) or a
 * fixed offset (`+02:00`), what the sdk's `timeZone` option takes.
 */
export function isOmniTimeZone(value: string): boolean {
  if (OFFSET.test(value)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** Why `value` is not a time zone, in one line (for `OMNI_TIME_ZONE`). */
export function timeZoneProblem(name: string, value: string): string {
  return `${name} must be an IANA time zone (e.g. Africa/Johannesburg) or an offset like +02:00, not "${value}"`;
}

/** The zone's offset from UTC at each instant (daylight saving time included for an IANA zone). */
function wireZone(timeZone: string): WireZone {
  const fixed = OFFSET.exec(timeZone);
  if (fixed) {
    const minutes = Number(fixed[2]) * 60 + Number(fixed[3]);
    return fixedZone(fixed[1] === '-' ? -minutes : minutes);
  }
  if (timeZone === 'UTC') return UTC_ZONE;
  // `GMT+02:00`, `GMT-03:30`, or `GMT` itself for UTC.
  const format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
  return {
    offsetMinutesAt(epochMs) {
      const name = format.formatToParts(new Date(epochMs)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
      const m = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name);
      if (!m) return 0;
      const minutes = Number(m[2]) * 60 + Number(m[3]);
      return m[1] === '-' ? -minutes : minutes;
    },
  };
}

/**
 * A scenario's date-time as it is sent to Omni. With Omni's zone known, an instant (ISO-8601 with `Z` or an
 * offset) is written as Omni's own wall-clock time there, `YYYY-MM-DD HH:MM:SS` with no zone — inferred: an Omni
 * built on VICIdial takes its date-times in that form (omni-api.md B.1 accepts both; the mock reads either). A
 * value already in that form is Omni's local time as the scenario wrote it, and is sent as given; so is every
 * value when the zone is not known (`timeZone` undefined: as before `OMNI_TIME_ZONE`).
 *
 * @example
 * ```ts
 * toOmniDateTime('2026-01-06T08:00:00Z', 'Africa/Johannesburg'); // '2026-01-06 10:00:00'
 * toOmniDateTime('2026-01-06 10:00:00', 'Africa/Johannesburg');  // as given
 * toOmniDateTime('2026-01-06T08:00:00Z', undefined);             // as given
 * ```
 */
export function toOmniDateTime(value: string, timeZone: string | undefined): string {
  if (timeZone === undefined || !INSTANT.test(value)) return value;
  const at = parseAnyDate(value);
  return at === undefined ? value : formatDateAs(at, 'vicidial', wireZone(timeZone));
}
