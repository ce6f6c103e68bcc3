import { describe, expect, it } from 'vitest';
import { createCallTracker, type Notification, parseNotification } from '../../src/index.js';
import { CALL_STATE, CDR, SHOTGUN_RESULT } from '../support/notifications.js';

describe('createCallTracker', () => {
  const state = (call_state: string, previous_state: string, timestamp: string) =>
    ({
      type: 'call_state',
      payload: { ...CALL_STATE.payload, call_state, previous_state, timestamp },
    }) as Notification;

  it('at one instant, a state that follows the known one is newer; one that precedes it is not', () => {
    const calls = createCallTracker();
    const t = '2026-01-05T08:00:00.000Z';
    expect(calls.apply(state('ringing', 'initiated', t))).toBe('applied');
    expect(calls.apply(state('initiated', '', t))).toBe('stale');
    expect(calls.apply(state('answered', 'ringing', t))).toBe('applied');
    expect(calls.get(41)?.call_state).toBe('answered');
  });

  it('the CDR is final: a call_state after it is stale, a second CDR too', () => {
    const calls = createCallTracker();
    expect(calls.apply(CDR as Notification)).toBe('applied');
    expect(calls.apply(state('ended', 'answered', '2026-01-05T08:03:12.000Z'))).toBe('stale');
    expect(calls.apply(CDR as Notification)).toBe('stale');
    expect(calls.get(41)).toMatchObject({ call_state: 'ended', cdr: CDR.payload });
  });

  it('other notifications are not its business; it forgets the call heard of least recently', () => {
    const calls = createCallTracker({ maxCalls: 1 });
    expect(calls.apply(parseNotification(SHOTGUN_RESULT))).toBe('other');
    calls.apply(state('initiated', '', '2026-01-05T08:00:00.000Z'));
    calls.apply({ ...CDR, payload: { ...CDR.payload, call_id: 42 } } as Notification);
    expect(calls.size).toBe(1);
    expect(calls.get(41)).toBeUndefined();
    expect(() => createCallTracker({ maxCalls: 0 })).toThrow(RangeError);
  });
});
