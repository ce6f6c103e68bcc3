import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { systems } from './systems.js';

/**
 * The dialler's working state (issue #5, engine/dialler/dialler-store.ts): its agents, the calls it
 * has in hand, and each campaign's runtime record. Small rows, so a command touches a few of them.
 */
export const diallerAgents = sqliteTable(
  'dialler_agents',
  {
    systemId: integer('system_id')
      .notNull()
      .references(() => systems.systemId, { onDelete: 'cascade' }),
    userId: integer('user_id').notNull(),
    campaignId: integer('campaign_id').notNull(),
    state: text('state').notNull(),
    /** When it entered `state` (virtual epoch ms). */
    since: integer('since').notNull(),
    previewLeadId: integer('preview_lead_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.systemId, t.userId] }),
    index('dialler_agents_idle').on(t.systemId, t.campaignId, t.state, t.since, t.userId),
  ],
);

export const diallerCalls = sqliteTable(
  'dialler_calls',
  {
    systemId: integer('system_id')
      .notNull()
      .references(() => systems.systemId, { onDelete: 'cascade' }),
    callId: integer('call_id').notNull(),
    campaignId: integer('campaign_id').notNull(),
    /** `dialling` | `waiting` | `queued`. */
    phase: text('phase').notNull(),
    waitingSince: integer('waiting_since'),
    machine: integer('machine').notNull(),
    talkMs: integer('talk_ms').notNull(),
    /** The call's record (engine/calls) as JSON. */
    record: text('record').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.systemId, t.callId] }),
    index('dialler_calls_phase').on(t.systemId, t.campaignId, t.phase, t.waitingSince, t.callId),
  ],
);

export const diallerRuntimes = sqliteTable(
  'dialler_runtimes',
  {
    systemId: integer('system_id')
      .notNull()
      .references(() => systems.systemId, { onDelete: 'cascade' }),
    campaignId: integer('campaign_id').notNull(),
    /** Counters, pacing estimates, arrival process and wake-up as JSON. */
    runtime: text('runtime').notNull(),
  },
  (t) => [primaryKey({ columns: [t.systemId, t.campaignId] })],
);
