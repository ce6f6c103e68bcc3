/**
 * When the dialler works (B.9 `AFTHRS`, inferred: omni-api.md names the code and nothing else). The system's office
 * hours (control API `/__mock/office-hours`, default Monday to Friday 08:00–17:00 UTC) are the contact centre's
 * opening hours: outside them the dialler places no outbound call and resumes at the next opening, and an inbound
 * caller is not queued but told the centre is closed — the call ends at once, unanswered (SIP 480), with disposition
 * `AFTHRS`.
 *
 * @module
 */

import type { OfficeHours } from '@omnikit/contracts/control';
import { instantOfLocalTime, isInsideOfficeHours, localParts } from '../systems/office-hours.js';

export interface OpeningHours {
  isOpen(at: number): boolean;
  /** The next instant at or after `at` inside the hours; null when the hours have no window. */
  nextOpening(at: number): number | null;
}

/** Always open: the in-memory simulation and callers with no hours. */
export const ALWAYS_OPEN: OpeningHours = { isOpen: () => true, nextOpening: (at) => at };

const DAY_MS = 86_400_000;
const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

export function openingHours(hours: () => OfficeHours): OpeningHours {
  // Windows are whole minutes: the answer holds for the rest of the minute (the dialler asks often).
  let last: { hours: OfficeHours; minute: number; open: boolean } | undefined;
  return {
    isOpen(at) {
      const h = hours();
      const minute = Math.floor(at / 60_000);
      if (last?.hours !== h || last.minute !== minute) last = { hours: h, minute, open: isInsideOfficeHours(h, at) };
      return last.open;
    },
    nextOpening(at) {
      const h = hours();
      if (isInsideOfficeHours(h, at)) return at;
      // Each window's start on each of the next eight local days (a week and the rest of today).
      const today = localParts(at, h.time_zone);
      const midnightAsUtc = Date.UTC(today.year, today.month - 1, today.date);
      let best: number | null = null;
      for (let d = 0; d <= 7; d++) {
        const localMidnight = midnightAsUtc + d * DAY_MS;
        const day = DAY_NAMES[new Date(localMidnight).getUTCDay()];
        for (const w of h.windows) {
          if (day === undefined || !w.days.includes(day)) continue;
          const [hh = 0, mm = 0] = w.start.split(':').map(Number);
          const localStart = localMidnight + (hh * 60 + mm) * 60_000;
          const start = instantOfLocalTime(localStart, h.time_zone);
          if (start >= at && (best === null || start < best) && isInsideOfficeHours(h, start)) best = start;
        }
        if (best !== null) return best;
      }
      return best;
    },
  };
}
