/**
 * A call and its `calls` row: every column of the schema is written from its own field and read back into it (each
 * field holds a value no other field holds, so a field written to its neighbour's column fails), and the copies the
 * caches keep hold exactly the fields a row read back holds.
 *
 * @module
 */

import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { initialCallState } from '../../src/engine/calls/call-machine.js';
import type { CallRecord } from '../../src/engine/calls/call-record.js';
import type { StoredCall } from '../../src/engine/calls/call-store.js';
import {
  CALL_COLUMNS,
  CALL_RECORD_COLUMNS,
  CALL_RECORD_PARAMETERS,
  CALL_ROW_PARAMETERS,
  type CallRecordRow,
  type CallRow,
  callRecordOf,
  fromCallRecordRow,
  fromCallRow,
  newCallOf,
  runWithCallRecordRow,
  runWithCallRow,
  storedCallOf,
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

/** What a statement run by `run` is bound with, each parameter under the field its position says it holds. */
function bound(fields: readonly string[], run: (statement: { run(...params: unknown[]): Database.RunResult }) => void) {
  let params: unknown[] = [];
  run({
    run: (...p) => {
      params = p;
      return { changes: 1, lastInsertRowid: 0 };
    },
  });
  expect(params).toHaveLength(fields.length);
  return Object.fromEntries(fields.map((f, i) => [f, params[i]]));
}
const toCallRow = (systemId: number, c: StoredCall) =>
  bound(CALL_ROW_PARAMETERS, (s) => runWithCallRow(s, systemId, c)) as CallRow;
const toCallRecordRow = (systemId: number, r: CallRecord) =>
  bound(CALL_RECORD_PARAMETERS, (s) => runWithCallRecordRow(s, systemId, r)) as CallRecordRow & { systemId: number };

describe('calls columns', () => {
  it('a whole row: every column bound from its own field, the machine and timeline as JSON', () => {
    const row = toCallRow(7, call);
    expect([...CALL_ROW_PARAMETERS].sort()).toEqual(CALL_COLUMNS.map(([, field]) => field).sort());
    expect(row).toEqual({
      systemId: 7,
      ...call,
      machine: JSON.stringify(call.machine),
      timeline: '[{"at":115,"event":"ringing"}]',
    });
    expect(fromCallRow(row)).toEqual(call);
  });

  it("a record's row: exactly the record's columns and the system, each bound from its own field", () => {
    const row = toCallRecordRow(7, call);
    expect([...CALL_RECORD_PARAMETERS].sort()).toEqual(
      ['systemId', ...CALL_RECORD_COLUMNS.map(([, field]) => field)].sort(),
    );
    expect(row).toEqual({
      systemId: 7,
      ...record,
      machine: JSON.stringify(call.machine),
      timeline: JSON.stringify(call.timeline),
    });
    expect(fromCallRecordRow({ ...toCallRow(7, call) })).toEqual(record);
  });

  it('the copies the caches keep hold what a row read back holds, the machine and timeline shared', () => {
    const kept = storedCallOf({ ...call, extra: 'not a column' } as StoredCall);
    expect(kept).toEqual(fromCallRow(toCallRow(7, call)));
    expect(kept.machine).toBe(call.machine);
    const copy = callRecordOf(call);
    expect(copy).toEqual(fromCallRecordRow(toCallRecordRow(7, call)));
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
