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

export function isInsideOfficeHours(hours: OfficeHours, epochMs: number): boolean {
  const p = localParts(epochMs, hours.time_zone);
  const hhmm = `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
  return hours.windows.some((w) => w.days.includes(p.day) && w.start <= hhmm && hhmm < w.end);
}
