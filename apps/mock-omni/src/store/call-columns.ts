/**
 * The `calls` table's columns, read from its drizzle schema, and a call record as its row holds it, for the two stores
 * that write the table on raw statements: the call repository (a whole `StoredCall`) and the dialler's store (the
 * `CallRecord` part of a call no agent has yet).
 *
 * The schema is the one list of columns; each column is selected under its field's name, so a row read back is
 * `CallRow` as drizzle infers it, and the codecs below are type-checked against both the schema and the engine's
 * types.
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

/** The fields a `StoredCall` holds beyond its `CallRecord` (conference link, recording clock, notes, callback). */
const STORED_CALL_EXTRAS: Record<Exclude<keyof StoredCall, keyof CallRecord>, true> = {
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

/** A call record as its row holds it. */
export function toCallRecordRow(r: CallRecord): CallRecordRow {
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
    machine: JSON.stringify(r.machine),
    outcome: r.outcome,
    sipCode: r.sipCode,
    dispositionCode: r.dispositionCode,
    recordingFile: r.recordingFile,
    timeline: JSON.stringify(r.timeline),
  };
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
