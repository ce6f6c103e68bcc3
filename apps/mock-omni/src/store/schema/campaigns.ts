import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { systems } from './systems.js';

/**
 * Campaigns. Name and type are columns; the other settings (A.5 and B.8's inferred ones) are one
 * JSON object, read and written whole: the contract is their schema.
 */
export const campaigns = sqliteTable(
  'campaigns',
  {
    systemId: integer('system_id')
      .notNull()
      .references(() => systems.systemId, { onDelete: 'cascade' }),
    campaignId: integer('campaign_id').notNull(),
    campaignName: text('campaign_name').notNull(),
    campaignType: integer('campaign_type').notNull(),
    settings: text('settings').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.systemId, t.campaignId] })],
);
