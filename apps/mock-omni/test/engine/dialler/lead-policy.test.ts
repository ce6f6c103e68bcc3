/**
 * The lead rules, against tables written by hand from B.8/B.9 and the rules stated in lead-policy.ts.
 *
 * @module
 */

import { describe, expect, it } from 'vitest';
import {
  dueAfterEdit,
  initialDueAt,
  isPriorityLead,
  leadAfterCall,
  leadAfterDial,
  leadPolicy,
  phoneToDial,
} from '../../../src/engine/dialler/lead-policy.js';
import { campaign, DAY_START, lead, MINUTE, phone } from './support/fixtures.js';

const T = DAY_START + 60 * MINUTE;
const policy = leadPolicy(campaign({ maxAttempts: 3, recycleDelayMinutes: 60 }));
const RECYCLE = 60 * MINUTE;
const one = [phone('0821000001')];
const two = [phone('0821000001'), phone('0821000002')];
const three = [phone('0821000001'), phone('0821000002'), phone('0821000003')];

describe('leadAfterCall: when the lead is due again (attempts already counts the call that just ended)', () => {
  // [disposition, numbers, attempts, expected dueAt offset from T (null: never)]
  const table: [string, typeof one, number, number | null][] = [
    ['NA', one, 1, RECYCLE],
    ['N', one, 1, RECYCLE],
    ['B', one, 2, RECYCLE],
    ['A', one, 1, RECYCLE],
    ['DROP', one, 1, RECYCLE],
    ['NA', one, 3, null], // max_attempts reached
    ['NA', two, 1, 0], // the pass has its second number left: at once
    ['NA', two, 2, RECYCLE], // end of the pass
    ['B', three, 1, 0],
    ['B', three, 2, 0],
    ['B', three, 3, null], // three dials: the cap, even at a pass end
    ['DC', one, 1, null], // a lone dead number is final
    ['DC', two, 1, 0], // next number at once
    ['DC', two, 2, RECYCLE], // end of a pass of a lead with other numbers: recycles
    ['SALE', one, 1, null],
    ['NI', two, 1, null],
    ['XFER', one, 1, null],
    ['DNC', two, 1, null],
    ['TIMEOT', one, 1, null],
    ['OWNCODE', one, 1, null], // a campaign's own code is final
    ['ABAND', one, 1, null],
  ];
  it.each(table)('%s, %# numbers, %i attempts', (code, phones, attempts, offset) => {
    const after = leadAfterCall(lead(1, phones, { attempts }), code, { at: T, policy });
    expect(after.status).toBe(code);
    expect(after.dueAt).toBe(offset === null ? null : T + offset);
  });

  it('CALLBK is due at its date, else after the recycle delay; the cap still applies', () => {
    const at = T + 3 * 60 * MINUTE;
    expect(leadAfterCall(lead(1, one, { attempts: 1 }), 'CALLBK', { at: T, policy, callbackAt: at })).toMatchObject({
      status: 'CALLBK',
      callbackAt: at,
      dueAt: at,
    });
    expect(leadAfterCall(lead(1, one, { attempts: 1 }), 'CALLBK', { at: T, policy }).dueAt).toBe(T + RECYCLE);
    expect(leadAfterCall(lead(1, one, { attempts: 3 }), 'CALLBK', { at: T, policy, callbackAt: at }).dueAt).toBe(null);
  });

  it('a dial that rang several numbers (a shotgun race): the next one rung too recycles as at a pass end', () => {
    const after = (rung: string[], code = 'B') =>
      leadAfterCall(lead(1, three, { attempts: 1 }), code, { at: T, policy, rung }).dueAt;
    expect(after(['0821000001', '0821000002'])).toBe(T + RECYCLE);
    expect(after(['0821000001', '0821000002'], 'DC')).toBe(T + RECYCLE);
    // The next number (the second) was not rung: at once, as after one dial.
    expect(after(['0821000001', '0821000003'])).toBe(T);
    expect(after([])).toBe(T);
  });

  it('a later code clears a callback date', () => {
    const cb = leadAfterCall(lead(1, one, { attempts: 1 }), 'CALLBK', { at: T, policy, callbackAt: T + 1 });
    expect(leadAfterCall({ ...cb, attempts: 2 }, 'NA', { at: T + 5, policy }).callbackAt).toBe(null);
  });

  it('a number scheduled later holds the next dial back until its schedule', () => {
    const later = T + 5 * 60 * MINUTE;
    const phones = [phone('0821000001'), phone('0821000002', { schedule_call_at: later })];
    expect(leadAfterCall(lead(1, phones, { attempts: 1 }), 'NA', { at: T, policy }).dueAt).toBe(later);
  });
});

describe('phoneToDial: numbers in order, DNC skipped, a callback redials the number answered', () => {
  const none = () => false;
  it.each([
    [0, 'NEW', 0],
    [1, 'NA', 1],
    [2, 'NA', 2],
    [3, 'NA', 0],
    [4, 'B', 1],
    [2, 'CALLBK', 1], // the second dial (index 1) was answered and asked for a callback
    [3, 'CALLBK', 2],
  ])('after %i dials with status %s → number %i', (attempts, status, index) => {
    expect(phoneToDial(lead(1, three, { attempts, status }), none)?.index).toBe(index);
  });

  it('a callback dials the number of the lead’s last call, whatever the count says (a shotgun win, a lead_id call)', () => {
    const callback = (over: Parameters<typeof lead>[2]) =>
      phoneToDial(lead(1, three, { status: 'CALLBK', ...over }), none);
    expect(callback({ attempts: 1, callbackNumber: '0821000003' })).toEqual({ index: 2, phoneNumber: '0821000003' });
    expect(callback({ attempts: 3, callbackNumber: '0821000002' })?.index).toBe(1);
    // No longer one of the lead's numbers (edited away, or the call was to another number): the count's.
    expect(callback({ attempts: 2, callbackNumber: '0829999999' })?.index).toBe(1);
    // On the DNC list now: the next number in order.
    expect(
      phoneToDial(
        lead(1, three, { status: 'CALLBK', attempts: 1, callbackNumber: '0821000002' }),
        (p) => p === '0821000002',
      )?.index,
    ).toBe(2);
    // Not a callback: the rotation, whatever number was called last.
    expect(phoneToDial(lead(1, three, { status: 'NA', attempts: 1, callbackNumber: '0821000003' }), none)?.index).toBe(
      1,
    );
  });

  it('leadAfterCall keeps the number of the call that ended for a CALLBK, and drops it for any other code', () => {
    const dialled = lead(1, three, { attempts: 1, lastCallId: 7 });
    const cb = leadAfterCall(dialled, 'CALLBK', { at: T, policy, callbackAt: T + 1, calledNumber: '0821000003' });
    expect(cb.callbackNumber).toBe('0821000003');
    expect(phoneToDial(cb, none)?.phoneNumber).toBe('0821000003');
    expect(leadAfterCall({ ...cb, attempts: 2 }, 'NA', { at: T + 5, policy }).callbackNumber).toBe(null);
  });

  it('skips DNC numbers in order and gives up when all are DNC', () => {
    const dnc = (p: string) => p === '0821000001' || p === '0821000002';
    expect(phoneToDial(lead(1, three, { attempts: 0 }), dnc)).toEqual({ index: 2, phoneNumber: '0821000003' });
    expect(phoneToDial(lead(1, two, { attempts: 0 }), dnc)).toBe(null);
    expect(phoneToDial(lead(1, [], { attempts: 0 }), dnc)).toBe(null);
  });
});

describe('the rest', () => {
  it('a lead is high priority when any number is', () => {
    expect(isPriorityLead(lead(1, two))).toBe(false);
    expect(isPriorityLead(lead(1, [phone('1'), phone('2', { high_priority: true })]))).toBe(true);
  });

  it('a new lead is due at its first number’s schedule, else at once; a DNC lead never', () => {
    expect(initialDueAt(lead(1, one), T)).toBe(T);
    expect(initialDueAt(lead(1, [phone('1', { schedule_call_at: T + 9 })]), T)).toBe(T + 9);
    expect(initialDueAt(lead(1, one, { status: 'DNC' }), T)).toBe(null);
    expect(initialDueAt(lead(1, []), T)).toBe(null);
  });

  it('a dial counts an attempt and records the call', () => {
    expect(leadAfterDial(lead(1, one, { attempts: 1 }), 77, T)).toMatchObject({
      attempts: 2,
      lastCallId: 77,
      lastCallAt: T,
    });
  });

  it('takes the campaign’s max_attempts and recycle delay', () => {
    expect(leadPolicy(campaign({ maxAttempts: 5, recycleDelayMinutes: 15 }))).toEqual({
      maxAttempts: 5,
      recycleDelayMs: 15 * MINUTE,
    });
  });
});

describe('dueAfterEdit: when a lead edited through the API is due (inferred rules in lead-policy.ts)', () => {
  const later = T + 2 * RECYCLE;
  const scheduled = [phone('0821000001', { schedule_call_at: later })];
  // [case, lead after the edit, status before, expected dueAt (null: never)]
  const table: [string, ReturnType<typeof lead>, string, number | null][] = [
    ['set to DNC', lead(1, one, { status: 'DNC' }), 'NEW', null],
    ['re-opened (SALE → NEW), no schedule, was retired', lead(1, one, { status: 'NEW', dueAt: null }), 'SALE', T],
    ['re-opened with a schedule', lead(1, scheduled, { status: 'NEW', dueAt: null }), 'SALE', later],
    ['set to CALLBK with a date', lead(1, one, { status: 'CALLBK', callbackAt: later, dueAt: null }), 'NA', later],
    ['set to a recycling code', lead(1, one, { status: 'NA', dueAt: null, attempts: 1 }), 'NEW', T],
    ['set to a final code', lead(1, one, { status: 'SALE' }), 'NEW', null],
    ['new lead, numbers changed, due since it was added', lead(1, two), 'NEW', DAY_START],
    ['new lead given a schedule', lead(1, scheduled), 'NEW', later],
    ['new lead, its old schedule removed', lead(1, one, { dueAt: later }), 'NEW', T],
    ['recycled lead, number changed', lead(1, one, { status: 'B', attempts: 1, dueAt: T + RECYCLE }), 'B', T + RECYCLE],
    [
      'recycled lead, next number scheduled later',
      lead(1, scheduled, { status: 'B', attempts: 1, dueAt: T }),
      'B',
      later,
    ],
    ['retired (every number was DNC), new number', lead(1, two, { status: 'NEW', dueAt: null }), 'NEW', T],
    ['final lead, numbers changed', lead(1, two, { status: 'SALE', dueAt: null }), 'SALE', null],
    ['every number removed', lead(1, [], { status: 'NEW' }), 'NEW', null],
  ];
  it.each(table)('%s', (_case, edited, before, expected) => {
    expect(dueAfterEdit(edited, before, T)).toBe(expected);
  });
});
