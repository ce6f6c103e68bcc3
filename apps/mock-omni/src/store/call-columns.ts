/**
 * The `calls` table's columns, read from its drizzle schema, and a call record as its row holds it, for the two stores
 * that write the table on raw statements: the call repository (a whole `StoredCall`) and the dialler's store (the
 * `CallRecord` part of a call no agent has yet).
 *
 * The schema is the one list of columns; each column is selected under its field's name, so a row read back is
 * `CallRow` as drizzle infers it. A call's fields are written out again in each copy and codec below (type-checked
 * against the engine's types, which are checked against the schema's, and each one's keys tested against the
 * columns), so a new column is one more line in each.
 *
 * @module
 */

import type { CalleeOutcome } from '@omnikit/contracts/control';
import type Database from 'better-sqlite3';
import { getTableColumns } from 'drizzle-orm';
import type { CallMachineState } from '../engine/calls/call-machine.js';
import type { CallDirection, CallRecord } from '../engine/calls/call-record.js';
import type { StoredCall } from '../engine/calls/call-store.js';
import type { TimelineEntry } from '../engine/calls/call-timing.js';
import { calls } from './schema/calls.js';

/** A `calls` row with its columns under their fields' names: the machine and the timeline as JSON. */
export type CallRow = typeof calls.$inferSelect;

/** The part of a `calls` row that holds a `CallRecord`. */
export type CallRecordRow = Pick<CallRow, keyof CallRecord>;

type Column = readonly [column: string, field: keyof CallRow];

/** Every column of `calls` with its field, in the schema's order (`system_id`, then `call_id`). */
export const CALL_COLUMNS: readonly Column[] = Object.entries(getTableColumns(calls)).map(
  ([field, column]) => [column.name, field as keyof CallRow] as const,
);

type StoredExtra = Exclude<keyof StoredCall, keyof CallRecord>;

/** The fields a `StoredCall` holds beyond its `CallRecord` (conference link, recording clock, notes, callback). */
const STORED_CALL_EXTRAS: Record<StoredExtra, true> = {
  linkedCallId: true,
  recordedMs: true,
  recordingSince: true,
  notes: true,
  callbackAt: true,
};

/** The columns that hold a `CallRecord`, in the schema's order (`call_id` first). */
export const CALL_RECORD_COLUMNS: readonly Column[] = CALL_COLUMNS.filter(
  ([, field]) => field !== 'systemId' && !(field in STORED_CALL_EXTRAS),
);

/**
 * The copies and codecs below are object literals (or argument lists) of every field, written out, not spreads of
 * helpers or loops over the columns: a call is copied at every step and its row bound at every flush, and V8 builds a literal of known shape
 * in one allocation, many times faster than spreads (an object each, then keys added one by one) or an object filled
 * key by key. The compiler keeps each object literal complete (a missing field, or one its type has not, fails to
 * build); test/store/call-columns.test.ts checks each one's keys, and each argument list's order, against the schema's
 * columns.
 */

/** Something that runs with positional parameters: a prepared statement. */
interface Runs {
  run(...params: unknown[]): Database.RunResult;
}

const KEY: readonly (keyof CallRow)[] = ['systemId', 'callId'];

/**
 * The fields a statement binds a call's whole row from, in the order `runWithCallRow` passes them: every column after
 * the key in the schema's order, then the key (`system_id`, `call_id`), so one order serves an INSERT and an UPDATE
 * whose WHERE comes last.
 */
export const CALL_ROW_PARAMETERS: readonly (keyof CallRow)[] = [
  ...CALL_COLUMNS.map(([, field]) => field).filter((f) => !KEY.includes(f)),
  ...KEY,
];

/** The fields a statement binds a call record's columns from, in the order `runWithCallRecordRow` passes them. */
export const CALL_RECORD_PARAMETERS: readonly (keyof CallRow)[] = [
  ...CALL_RECORD_COLUMNS.map(([, field]) => field).filter((f) => !KEY.includes(f)),
  ...KEY,
];

/**
 * Runs `statement` with a call's whole row as positional parameters (`CALL_ROW_PARAMETERS`), the machine and the
 * timeline as JSON. Positional, not an object of named ones: no row object is built, and binding by position skips a
 * lookup of each name on the object (about a third of an UPDATE's time).
 */
export function runWithCallRow(statement: Runs, systemId: number, c: StoredCall): Database.RunResult {
  return statement.run(
    c.userId,
    c.campaignId,
    c.listId,
    c.leadId,
    c.shotgunId,
    c.parentCallId,
    c.linkedCallId,
    c.phoneNumber,
    c.callerId,
    c.dnis,
    c.uniqueId,
    c.direction,
    c.callType,
    JSON.stringify(c.machine),
    c.outcome,
    c.sipCode,
    c.dispositionCode,
    c.recordingFile,
    c.recordedMs,
    c.recordingSince,
    JSON.stringify(c.timeline),
    c.notes,
    c.callbackAt,
    systemId,
    c.callId,
  );
}

/** Runs `statement` with a call record's columns as positional parameters (`CALL_RECORD_PARAMETERS`). */
export function runWithCallRecordRow(statement: Runs, systemId: number, r: CallRecord): Database.RunResult {
  return statement.run(
    r.userId,
    r.campaignId,
    r.listId,
    r.leadId,
    r.shotgunId,
    r.parentCallId,
    r.phoneNumber,
    r.callerId,
    r.dnis,
    r.uniqueId,
    r.direction,
    r.callType,
    JSON.stringify(r.machine),
    r.outcome,
    r.sipCode,
    r.dispositionCode,
    r.recordingFile,
    JSON.stringify(r.timeline),
    systemId,
    r.callId,
  );
}

/** The call record a row holds (any other fields of the row are left out). */
export function fromCallRecordRow(r: CallRecordRow): CallRecord {
  return {
    callId: r.callId,
    userId: r.userId,
    campaignId: r.campaignId,
    listId: r.listId,
    leadId: r.leadId,
    shotgunId: r.shotgunId,
    parentCallId: r.parentCallId,
    phoneNumber: r.phoneNumber,
    callerId: r.callerId,
    dnis: r.dnis,
    uniqueId: r.uniqueId,
    // The engine wrote these; a row holds them as plain text.
    direction: r.direction as CallDirection,
    callType: r.callType,
    machine: JSON.parse(r.machine) as CallMachineState,
    outcome: r.outcome as CalleeOutcome | null,
    sipCode: r.sipCode,
    dispositionCode: r.dispositionCode,
    recordingFile: r.recordingFile,
    timeline: JSON.parse(r.timeline) as TimelineEntry[],
  };
}

/** A copy of a call record with exactly its fields (as `fromCallRecordRow` reads them), its machine and timeline shared. */
export function callRecordOf(r: CallRecord): CallRecord {
  return {
    callId: r.callId,
    userId: r.userId,
    campaignId: r.campaignId,
    listId: r.listId,
    leadId: r.leadId,
    shotgunId: r.shotgunId,
    parentCallId: r.parentCallId,
    phoneNumber: r.phoneNumber,
    callerId: r.callerId,
    dnis: r.dnis,
    uniqueId: r.uniqueId,
    direction: r.direction,
    callType: r.callType,
    machine: r.machine,
    outcome: r.outcome,
    sipCode: r.sipCode,
    dispositionCode: r.dispositionCode,
    recordingFile: r.recordingFile,
    timeline: r.timeline,
  };
}

/** The call a whole row holds (read on a cache miss only: not a hot path, so made of the record's reader). */
export function fromCallRow(r: CallRow): StoredCall {
  return {
    ...fromCallRecordRow(r),
    linkedCallId: r.linkedCallId,
    recordedMs: r.recordedMs,
    recordingSince: r.recordingSince,
    notes: r.notes,
    callbackAt: r.callbackAt,
  };
}

/** A copy of a call with exactly the fields its row holds (as `fromCallRow` reads them), its machine and timeline shared. */
export function storedCallOf(c: StoredCall): StoredCall {
  return withRecord(c, c);
}

/** The call with its record's fields taken from `record` (what a write of the record's columns leaves in its row). */
export function withRecord(c: Pick<StoredCall, StoredExtra>, record: CallRecord): StoredCall {
  return {
    callId: record.callId,
    userId: record.userId,
    campaignId: record.campaignId,
    listId: record.listId,
    leadId: record.leadId,
    shotgunId: record.shotgunId,
    parentCallId: record.parentCallId,
    phoneNumber: record.phoneNumber,
    callerId: record.callerId,
    dnis: record.dnis,
    uniqueId: record.uniqueId,
    direction: record.direction,
    callType: record.callType,
    machine: record.machine,
    outcome: record.outcome,
    sipCode: record.sipCode,
    dispositionCode: record.dispositionCode,
    recordingFile: record.recordingFile,
    timeline: record.timeline,
    linkedCallId: c.linkedCallId,
    recordedMs: c.recordedMs,
    recordingSince: c.recordingSince,
    notes: c.notes,
    callbackAt: c.callbackAt,
  };
}

/** A call whose row a record's write inserted: the other columns at their starting values. */
export function newCallOf(record: CallRecord): StoredCall {
  return withRecord(NEW_CALL_EXTRAS, record);
}

/** The starting values of a new call's columns beyond its record. */
const NEW_CALL_EXTRAS: Pick<StoredCall, StoredExtra> = {
  linkedCallId: 0,
  recordedMs: 0,
  recordingSince: null,
  notes: '',
  callbackAt: null,
};
