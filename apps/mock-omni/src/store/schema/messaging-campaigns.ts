import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { systems } from './systems.js';

/** Messaging campaigns (B.12.4): queues of conversations on their channels. Lists are JSON arrays. */
export const messagingCampaigns = sqliteTable(
  'messaging_campaigns',
  {
    systemId: integer('system_id')
      .notNull()
      .references(() => systems.systemId, { onDelete: 'cascade' }),
    campaignId: integer('campaign_id').notNull(),
    campaignName: text('campaign_name').notNull(),
    description: text('description').notNull(),
    channels: text('channels').notNull(),
    maxConcurrent: integer('max_concurrent').notNull(),
    concurrentWithCalls: integer('concurrent_with_calls').notNull(),
    dispositions: text('dispositions').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.systemId, t.campaignId] })],
);
