/**
 * A call record's step makes a new record: the one it was given (which the store keeps and shares, frozen) is left
 * as it was, timeline included, and the new record's timeline is its own.
 *
 * @module
 */

import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../../src/engine/calls/call-record.js';
import { startCallRecord, stepCall } from '../../../src/engine/calls/call-step.js';

const fields = {
  callId: 41,
  userId: 7,
  campaignId: 2,
  listId: 1,
  leadId: 3,
  shotgunId: 0,
  parentCallId: 0,
  phoneNumber: '0821234567',
  callerId: '0100000000',
  dnis: '',
  uniqueId: '',
  direction: 'outbound' as const,
  callType: 2,
  outcome: 'answer' as const,
};

/** The record frozen all the way down, as the call store hands it out: a write into it throws. */
function frozen(r: CallRecord): CallRecord {
  for (const e of r.timeline) Object.freeze(e);
  Object.freeze(r.timeline);
  Object.freeze(r.machine);
  return Object.freeze(r);
}

describe('call step', () => {
  it('steps a frozen record into a new one, leaving the given record and its timeline as they were', () => {
    const started = startCallRecord(fields, { role: 'system', at: 1000 }).record;
    const before = frozen(started);
    const snapshot = structuredClone(before);
    const ringing = stepCall(before, { type: 'ringing' }, 2000);
    if (!ringing.ok) throw new Error(ringing.detail);
    const answered = stepCall(frozen(ringing.record), { type: 'answered' }, 3000);
    if (!answered.ok) throw new Error(answered.detail);
    expect(before).toEqual(snapshot);
    expect(answered.record.timeline).not.toBe(ringing.record.timeline);
    expect(answered.record.timeline.length).toBeGreaterThan(ringing.record.timeline.length);
    expect(ringing.record.timeline.length).toBeGreaterThan(before.timeline.length);
    expect(answered.record.timeline.slice(0, ringing.record.timeline.length)).toEqual(ringing.record.timeline);
    expect(answered.record.sipCode).toBe(200);
  });
});
