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

  it('at one instant (dates in whole seconds), a state further along the call is newer even if the one between is late', () => {
    const calls = createCallTracker();
    const t = '2026-01-05T08:00:00.000Z';
    expect(calls.apply(state('initiated', '', t))).toBe('applied');
    // ringing is delayed (a retry); answered, in the same second, arrives first.
    expect(calls.apply(state('answered', 'ringing', t))).toBe('applied');
    expect(calls.apply(state('ringing', 'initiated', t))).toBe('stale');
    expect(calls.get(41)?.call_state).toBe('answered');
    // Hold and retrieve in one second still go by previous_state.
    expect(calls.apply(state('on_hold', 'answered', t))).toBe('applied');
    expect(calls.apply(state('answered', 'on_hold', t))).toBe('applied');
    expect(calls.apply(state('ended', 'answered', t))).toBe('applied');
    expect(calls.apply(state('answered', 'on_hold', t))).toBe('stale');
  });

  it('a call forgotten once its CDR is stored stays final: a late call_state or CDR of it is stale', () => {
    const calls = createCallTracker();
    expect(calls.apply(state('answered', 'ringing', '2026-01-05T08:00:03.000Z'))).toBe('applied');
    expect(calls.apply(CDR as Notification)).toBe('applied');
    calls.forget(41);
    expect(calls.get(41)).toBeUndefined();
    expect(calls.size).toBe(0);
    expect(calls.apply(state('ended', 'answered', '2026-01-05T08:03:12.000Z'))).toBe('stale');
    expect(calls.apply(CDR as Notification)).toBe('stale');
    expect(calls.get(41)).toBeUndefined();
    // Likewise a final call the bound pushed out.
    const small = createCallTracker({ maxCalls: 1 });
    small.apply(CDR as Notification);
    const other = { type: 'call_state', payload: { ...CALL_STATE.payload, call_id: 43 } } as Notification;
    expect(small.apply(other)).toBe('applied');
    expect(small.get(41)).toBeUndefined();
    expect(small.apply(state('answered', 'ringing', '2026-01-05T08:00:03.000Z'))).toBe('stale');
    // A call forgotten before its end is simply unknown again.
    const open = createCallTracker();
    open.apply(state('ringing', 'initiated', '2026-01-05T08:00:01.000Z'));
    open.forget(41);
    expect(open.apply(state('answered', 'ringing', '2026-01-05T08:00:03.000Z'))).toBe('applied');
  });
});
