import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { systems } from './systems.js';

/**
 * Every call of a system (B.5) with the call machine's state and the facts gathered along the way.
 * The machine's state and the timeline are JSON: they are read and written whole, one call at a
 * time. `linked_call_id` is the parent's current conference leg; `parent_call_id` the leg's parent.
 */
export const calls = sqliteTable(
  'calls',
  {
    systemId: integer('system_id')
      .notNull()
      .references(() => systems.systemId, { onDelete: 'cascade' }),
    callId: integer('call_id').notNull(),
    userId: integer('user_id').notNull(),
    campaignId: integer('campaign_id').notNull(),
    listId: integer('list_id').notNull(),
    leadId: integer('lead_id').notNull(),
    shotgunId: integer('shotgun_id').notNull(),
    parentCallId: integer('parent_call_id').notNull(),
    linkedCallId: integer('linked_call_id').notNull(),
    phoneNumber: text('phone_number').notNull(),
    callerId: text('caller_id').notNull(),
    dnis: text('dnis').notNull(),
    uniqueId: text('unique_id').notNull(),
    direction: text('direction').notNull(),
    callType: integer('call_type').notNull(),
    /** JSON: the call machine's state (call-machine.ts). */
    machine: text('machine').notNull(),
    outcome: text('outcome'),
    sipCode: integer('sip_code').notNull(),
    dispositionCode: text('disposition_code'),
    recordingFile: text('recording_file').notNull(),
    /** Milliseconds recorded so far (pauses excluded), up to `recording_since`. */
    recordedMs: integer('recorded_ms').notNull(),
    /** System clock ms the running recording (re)started; null when not recording. */
    recordingSince: integer('recording_since'),
    /** JSON: `[{ at, event }]` on the system's clock. */
    timeline: text('timeline').notNull(),
    notes: text('notes').notNull(),
    callbackAt: integer('callback_at'),
  },
  (t) => [
    primaryKey({ columns: [t.systemId, t.callId] }),
    index('calls_recording_file').on(t.systemId, t.recordingFile),
  ],
);
