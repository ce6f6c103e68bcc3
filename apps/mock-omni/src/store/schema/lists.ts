import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { systems } from './systems.js';

/** Lead lists; a list belongs to at most one campaign (0 = none). */
export const lists = sqliteTable(
  'lists',
  {
    systemId: integer('system_id')
      .notNull()
      .references(() => systems.systemId, { onDelete: 'cascade' }),
    listId: integer('list_id').notNull(),
    listName: text('list_name').notNull(),
    campaignId: integer('campaign_id').notNull().default(0),
    description: text('description').notNull().default(''),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.systemId, t.listId] })],
);
