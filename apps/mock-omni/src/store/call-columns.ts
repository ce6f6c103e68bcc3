import type { CallRecord } from '../engine/calls/call-record.js';
import type { StoredCall } from '../engine/calls/call-store.js';

/**
 * The `calls` table's columns and the fields they hold, in one place for the two stores that write
 * the table: the call repository (a whole `StoredCall`) and the dialler's store (the `CallRecord`
 * part of a call no agent has yet, in this order: its positional statements rely on it).
 */
export const CALL_RECORD_COLUMNS: readonly (readonly [column: string, field: keyof CallRecord])[] = [
  ['call_id', 'callId'],
  ['user_id', 'userId'],
  ['campaign_id', 'campaignId'],
  ['list_id', 'listId'],
  ['lead_id', 'leadId'],
  ['shotgun_id', 'shotgunId'],
  ['parent_call_id', 'parentCallId'],
  ['phone_number', 'phoneNumber'],
  ['caller_id', 'callerId'],
  ['dnis', 'dnis'],
  ['unique_id', 'uniqueId'],
  ['direction', 'direction'],
  ['call_type', 'callType'],
  ['machine', 'machine'],
  ['outcome', 'outcome'],
  ['sip_code', 'sipCode'],
  ['disposition_code', 'dispositionCode'],
  ['recording_file', 'recordingFile'],
  ['timeline', 'timeline'],
];

/** What a `StoredCall` holds beyond its `CallRecord`: conference link, recording clock, notes, callback. */
export const STORED_CALL_EXTRA_COLUMNS: readonly (readonly [
  column: string,
  field: Exclude<keyof StoredCall, keyof CallRecord>,
])[] = [
  ['linked_call_id', 'linkedCallId'],
  ['recorded_ms', 'recordedMs'],
  ['recording_since', 'recordingSince'],
  ['notes', 'notes'],
  ['callback_at', 'callbackAt'],
];
