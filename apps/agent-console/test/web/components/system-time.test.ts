import { describe, expect, it } from 'vitest';
import { formatSystemTime, SYSTEM_TIME_LABEL } from '../../../src/web/components/system-time.js';

describe('times from the Omni system clock', () => {
  it('are labelled as the system clock’s, not the browser’s', () => {
    expect(SYSTEM_TIME_LABEL).toBe('Omni system time');
  });

  it.each([
    ['2026-12-06T22:41:19.250Z', 'second', '2026-12-06 22:41:19 UTC'],
    ['2026-12-06T22:41:19.250Z', 'minute', '2026-12-06 22:41 UTC'],
    ['2026-12-06T22:41Z', 'second', '2026-12-06 22:41:00 UTC'],
    ['not a date', 'second', 'not a date'],
  ] as const)('%s (%s) reads %s', (iso, precision, text) => {
    expect(formatSystemTime(iso, precision)).toBe(text);
  });
});
