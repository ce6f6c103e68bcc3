/**
 * The system's time zone, as the client's `timeZone` option names it, turned into what the
 * variants' date reader needs: the offset from UTC at an instant. Omni may write date-times in
 * VICIdial's local form (`YYYY-MM-DD HH:MM:SS`, no zone), which only the system's time zone turns
 * into an instant.
 *
 * @module
 */

import { fixedZone, UTC_ZONE, type WireZone } from '@omnikit/contracts/variants';

const OFFSET = /^([+-])(\d{2}):?(\d{2})$/;

/**
 * `UTC` (the default), a fixed offset (`+02:00`, `-0530`), or an IANA name (`Africa/Johannesburg`,
 * daylight saving time included). Throws a TypeError naming the option for anything else.
 */
export function wireZoneOf(timeZone: string | undefined): WireZone {
  if (timeZone === undefined || timeZone === 'UTC' || timeZone === 'Z') return UTC_ZONE;
  const fixed = OFFSET.exec(timeZone);
  if (fixed) {
    const minutes = Number(fixed[2]) * 60 + Number(fixed[3]);
    if (Number(fixed[2]) > 18 || Number(fixed[3]) > 59) throw badZone(timeZone);
    return fixedZone(fixed[1] === '-' ? -minutes : minutes);
  }
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  } catch {
    throw badZone(timeZone);
  }
  return {
    offsetMinutesAt(epochMs) {
      const parts: Record<string, number> = {};
      for (const p of format.formatToParts(new Date(epochMs)))
        if (p.type !== 'literal') parts[p.type] = Number(p.value);
      const wall = Date.UTC(
        parts['year'] as number,
        (parts['month'] as number) - 1,
        parts['day'] as number,
        parts['hour'] as number,
        parts['minute'] as number,
        parts['second'] as number,
      );
      return Math.round((wall - Math.floor(epochMs / 1000) * 1000) / 60_000);
    },
  };
}

function badZone(timeZone: string): TypeError {
  return new TypeError(
    `timeZone "${timeZone}" is neither an IANA time zone (e.g. Africa/Johannesburg) nor an offset like +02:00`,
  );
}
