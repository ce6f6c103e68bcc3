import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { systems } from './systems.js';

/**
 * The dialler's working state (engine/dialler/dialler-store.ts): its agents, the calls it
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
  },
  (t) => [
    primaryKey({ columns: [t.systemId, t.callId] }),
    index('dialler_calls_phase').on(t.systemId, t.campaignId, t.phase, t.waitingSince, t.callId),
  ],
);

/**
 * Each campaign's runtime (engine/dialler/dialler-store.ts `CampaignRuntime`), one column per
 * figure so a command's write binds numbers instead of serialising the whole record: counters,
 * agent time per state, pacing estimates, the arrival process (its settings as JSON, written only
 * when they change) and the pending wake-up.
 */
export const diallerCampaignState = sqliteTable(
  'dialler_campaign_state',
  {
    systemId: integer('system_id')
      .notNull()
      .references(() => systems.systemId, { onDelete: 'cascade' }),
    campaignId: integer('campaign_id').notNull(),
    /** Bumped at every write: the store's copy of the row in memory is good while it matches. */
    rev: integer('rev').notNull(),
    since: integer('since').notNull(),
    dials: integer('dials').notNull(),
    connects: integer('connects').notNull(),
    machines: integer('machines').notNull(),
    drops: integer('drops').notNull(),
    inboundOffered: integer('inbound_offered').notNull(),
    inboundAnswered: integer('inbound_answered').notNull(),
    abandoned: integer('abandoned').notNull(),
    asaTotalMs: integer('asa_total_ms').notNull(),
    handled: integer('handled').notNull(),
    handleTotalMs: integer('handle_total_ms').notNull(),
    readyMs: integer('ready_ms').notNull(),
    onCallMs: integer('on_call_ms').notNull(),
    wrapUpMs: integer('wrap_up_ms').notNull(),
    pausedMs: integer('paused_ms').notNull(),
    /** JSON: ended calls by final disposition. */
    dispositions: text('dispositions').notNull(),
    resolved: integer('resolved').notNull(),
    needAgent: integer('need_agent').notNull(),
    answerDelayMs: integer('answer_delay_ms').notNull(),
    answered: integer('answered').notNull(),
    linesPerAgent: real('lines_per_agent').notNull(),
    gain: real('gain').notNull(),
    /** JSON: the arrival process's settings; null when the campaign has none. */
    arrivalSettings: text('arrival_settings'),
    arrivalSeq: integer('arrival_seq').notNull(),
    arrivalArrived: integer('arrival_arrived').notNull(),
    arrivalNextAt: integer('arrival_next_at'),
    wakeAt: integer('wake_at'),
  },
  (t) => [primaryKey({ columns: [t.systemId, t.campaignId] })],
);
