import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { systems } from './systems.js';

/** Agents who joined a messaging campaign, their own ready/paused state and when they were last offered one. */
export const messagingAgents = sqliteTable(
  'messaging_agents',
  {
    systemId: integer('system_id')
      .notNull()
      .references(() => systems.systemId, { onDelete: 'cascade' }),
    userId: integer('user_id').notNull(),
    campaignId: integer('campaign_id').notNull(),
    state: text('state').notNull(),
    pauseCode: text('pause_code').notNull(),
    lastOfferAt: integer('last_offer_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.systemId, t.userId] }),
    index('messaging_agents_campaign').on(t.systemId, t.campaignId),
  ],
);
