/**
 * A call and its `calls` row: every column of the schema is written from its own field and read back into it (each
 * field holds a value no other field holds, so a field written to its neighbour's column fails), and the copies the
 * caches keep hold exactly the fields a row read back holds.
 *
 * @module
 */

import { describe, expect, it } from 'vitest';
import { initialCallState } from '../../src/engine/calls/call-machine.js';
import type { StoredCall } from '../../src/engine/calls/call-store.js';
import {
  CALL_COLUMNS,
  CALL_RECORD_COLUMNS,
  callRecordOf,
  fromCallRecordRow,
  fromCallRow,
  newCallOf,
  storedCallOf,
  toCallRecordRow,
  toCallRow,
  withRecord,
} from '../../src/store/call-columns.js';

const call: StoredCall = {
  callId: 101,
  userId: 102,
  campaignId: 103,
  listId: 104,
  leadId: 105,
  shotgunId: 106,
  parentCallId: 107,
  phoneNumber: '5550100108',
  callerId: '5550100109',
  dnis: '5550100110',
  uniqueId: 'U111',
  direction: 'inbound',
  callType: 112,
  machine: initialCallState('agent', true),
  outcome: 'busy',
  sipCode: 486,
  dispositionCode: 'D113',
  recordingFile: 'r114.wav',
  timeline: [{ at: 115, event: 'ringing' }],
  linkedCallId: 116,
  recordedMs: 117,
  recordingSince: 118,
  notes: 'n119',
  callbackAt: 120,
};
const { linkedCallId, recordedMs, recordingSince, notes, callbackAt, ...record } = call;

describe('calls columns', () => {
  it('a whole row: every column, from its own field, the machine and timeline as JSON', () => {
    const row = toCallRow(7, call);
    expect(Object.keys(row).sort()).toEqual(CALL_COLUMNS.map(([, field]) => field).sort());
    expect(row).toEqual({
      systemId: 7,
      ...call,
      machine: JSON.stringify(call.machine),
      timeline: '[{"at":115,"event":"ringing"}]',
    });
    expect(fromCallRow(row)).toEqual(call);
  });

  it("a record's row: exactly the record's columns", () => {
    const row = toCallRecordRow(call);
    expect(Object.keys(row).sort()).toEqual(CALL_RECORD_COLUMNS.map(([, field]) => field).sort());
    expect(row).toEqual({ ...record, machine: JSON.stringify(call.machine), timeline: JSON.stringify(call.timeline) });
    expect(fromCallRecordRow({ ...toCallRow(7, call) })).toEqual(record);
  });

  it('the copies the caches keep hold what a row read back holds, the machine and timeline shared', () => {
    const kept = storedCallOf({ ...call, extra: 'not a column' } as StoredCall);
    expect(kept).toEqual(fromCallRow(toCallRow(7, call)));
    expect(kept.machine).toBe(call.machine);
    const copy = callRecordOf(call);
    expect(copy).toEqual(fromCallRecordRow(toCallRecordRow(call)));
    expect(copy.timeline).toBe(call.timeline);
  });

  it('every copy has exactly the fields a row read back has, each from its own source', () => {
    const callFields = CALL_COLUMNS.map(([, field]) => field)
      .filter((f) => f !== 'systemId')
      .sort();
    const recordFields = CALL_RECORD_COLUMNS.map(([, field]) => field).sort();
    const other: StoredCall = {
      ...call,
      callId: 201,
      userId: 202,
      linkedCallId: 216,
      recordedMs: 217,
      recordingSince: 218,
      notes: 'n219',
      callbackAt: 220,
    };
    for (const copy of [storedCallOf(call), withRecord(other, record), newCallOf(record)])
      expect(Object.keys(copy).sort()).toEqual(callFields);
    expect(Object.keys(callRecordOf(call)).sort()).toEqual(recordFields);
    expect(Object.keys(fromCallRecordRow(toCallRow(7, call))).sort()).toEqual(recordFields);
    // The record's fields from the record, the rest from the call it is written over.
    expect(withRecord(other, record)).toEqual({
      ...record,
      linkedCallId: 216,
      recordedMs: 217,
      recordingSince: 218,
      notes: 'n219',
      callbackAt: 220,
    });
    expect(newCallOf(record)).toEqual({
      ...record,
      linkedCallId: 0,
      recordedMs: 0,
      recordingSince: null,
      notes: '',
      callbackAt: null,
    });
  });
});
