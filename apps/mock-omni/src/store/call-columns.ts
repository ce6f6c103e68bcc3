/**
 * The `calls` table's columns, read from its drizzle schema, and a call record as its row holds it, for the two stores
 * that write the table on raw statements: the call repository (a whole `StoredCall`) and the dialler's store (the
 * `CallRecord` part of a call no agent has yet).
 *
 * The schema is the one list of columns; each column is selected under its field's name, so a row read back is
 * `CallRow` as drizzle infers it. A call's fields are listed once more, in `recordFieldsOf` and `storedExtrasOf`
 * (type-checked against the engine's types, which are checked against the schema's); every copy and codec below is
 * made of those two, so a new column is one more line there.
 *
 * @module
 */

import type { CalleeOutcome } from '@omnikit/contracts/control';
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
 * Exactly a call record's fields, taken from a record or from a row (which may hold more): the one list of them. An
 * object literal, not a loop over the columns, because a call is copied at every step and V8 builds a literal of
 * known shape many times faster than an object filled key by key.
 */
function recordFieldsOf<R extends Record<keyof CallRecord, unknown>>(r: R): Pick<R, keyof CallRecord> {
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

/** Exactly the fields a `StoredCall` holds beyond its record, from a call or a row: the one list of them. */
function storedExtrasOf<R extends Record<StoredExtra, unknown>>(r: R): Pick<R, StoredExtra> {
  return {
    linkedCallId: r.linkedCallId,
    recordedMs: r.recordedMs,
    recordingSince: r.recordingSince,
    notes: r.notes,
    callbackAt: r.callbackAt,
  };
}

/** A call record as its row holds it: the machine and the timeline as JSON. */
export function toCallRecordRow(r: CallRecord): CallRecordRow {
  return { ...recordFieldsOf(r), machine: JSON.stringify(r.machine), timeline: JSON.stringify(r.timeline) };
}

/** The call record a row holds (any other fields of the row are left out). */
export function fromCallRecordRow(r: CallRecordRow): CallRecord {
  return {
    ...recordFieldsOf(r),
    // The engine wrote these; a row holds them as plain text.
    direction: r.direction as CallDirection,
    outcome: r.outcome as CalleeOutcome | null,
    machine: JSON.parse(r.machine) as CallMachineState,
    timeline: JSON.parse(r.timeline) as TimelineEntry[],
  };
}

/** A copy of a call record with exactly its fields (as `fromCallRecordRow` reads them), its machine and timeline shared. */
export function callRecordOf(r: CallRecord): CallRecord {
  return recordFieldsOf(r);
}

/** A call's whole row. */
export function toCallRow(systemId: number, c: StoredCall): CallRow {
  return { systemId, ...toCallRecordRow(c), ...storedExtrasOf(c) };
}

/** The call a whole row holds. */
export function fromCallRow(r: CallRow): StoredCall {
  return { ...fromCallRecordRow(r), ...storedExtrasOf(r) };
}

/** A copy of a call with exactly the fields its row holds (as `fromCallRow` reads them), its machine and timeline shared. */
export function storedCallOf(c: StoredCall): StoredCall {
  return { ...recordFieldsOf(c), ...storedExtrasOf(c) };
}

/** The call with its record's fields taken from `record` (what a write of the record's columns leaves in its row). */
export function withRecord(c: StoredCall, record: CallRecord): StoredCall {
  return { ...recordFieldsOf(record), ...storedExtrasOf(c) };
}

/** A call whose row a record's write inserted: the other columns at their starting values. */
export function newCallOf(record: CallRecord): StoredCall {
  return {
    ...recordFieldsOf(record),
    linkedCallId: 0,
    recordedMs: 0,
    recordingSince: null,
    notes: '',
    callbackAt: null,
  };
}
