import type { OfficeHours } from '@omnikit/contracts/control';

/**
 * Office hours on a system's clock and time zone. Lead archiving (A.7) answers 403 inside them.
 * A window covers [start, end) on each of its days, in the zone's local time.
 */
export const DEFAULT_OFFICE_HOURS: OfficeHours = {
  time_zone: 'UTC',
  windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '17:00' }],
};

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

interface LocalParts {
  day: (typeof DAY_NAMES)[number];
  year: number;
  month: number;
  date: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-calendar reading of an instant in a time zone. */
export function localParts(epochMs: number, timeZone: string): LocalParts {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(epochMs))) parts[p.type] = p.value;
  const day = (parts.weekday ?? 'Sun').slice(0, 3).toLowerCase() as LocalParts['day'];
  return {
    day,
    year: Number(parts.year),
    month: Number(parts.month),
    date: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** Minutes east of UTC of a time zone at an instant. */
export function utcOffsetMinutes(epochMs: number, timeZone: string): number {
  const p = localParts(epochMs, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.date, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60_000);
}

const DAY_MS = 86_400_000;

/**
 * The first instant at which the clocks of `timeZone` read `localAsUtc` or later (`localAsUtc`: the wall reading's
 * fields taken as UTC, `Date.UTC(y, m, d, hh, mm)`). A reading a change of offset repeats (clocks going back) is its
 * first occurrence; one a change skips (clocks going forward over it) is the instant of the change, when the clocks
 * jump past it. The offset at the reading taken as UTC is not enough: west of UTC that instant lies hours away from
 * the reading's own, on the other side of a change made that night.
 *
 * @example
 * instantOfLocalTime(Date.UTC(2026, 2, 8, 8, 0), 'America/Los_Angeles'); // 2026-03-08T15:00Z (08:00 PDT)
 */
export function instantOfLocalTime(localAsUtc: number, timeZone: string): number {
  // The offsets a day either side: any change near the reading lies between them.
  const offsets = new Set([
    utcOffsetMinutes(localAsUtc - DAY_MS, timeZone),
    utcOffsetMinutes(localAsUtc + DAY_MS, timeZone),
  ]);
  let first: number | undefined;
  for (const offset of offsets) {
    const at = localAsUtc - offset * 60_000;
    if (utcOffsetMinutes(at, timeZone) === offset && (first === undefined || at < first)) first = at;
  }
  if (first !== undefined) return first;
  // Skipped: the change lies between the readings of the two offsets. Find it to the second.
  let before = localAsUtc - Math.max(...offsets) * 60_000;
  let after = localAsUtc - Math.min(...offsets) * 60_000;
  const readsBefore = (at: number) => at + utcOffsetMinutes(at, timeZone) * 60_000 < localAsUtc;
  while (after - before > 1000) {
    const mid = before + Math.floor((after - before) / 2000) * 1000;
    if (readsBefore(mid)) before = mid;
    else after = mid;
  }
  return after;
}

export function isInsideOfficeHours(hours: OfficeHours, epochMs: number): boolean {
  const p = localParts(epochMs, hours.time_zone);
  const hhmm = `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
  return hours.windows.some((w) => w.days.includes(p.day) && w.start <= hhmm && hhmm < w.end);
}
