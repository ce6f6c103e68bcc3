import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { systems } from './systems.js';

/** The system's one webhook (B.7). */
export const notificationEndpoints = sqliteTable('notification_endpoints', {
  systemId: integer('system_id')
    .primaryKey()
    .references(() => systems.systemId, { onDelete: 'cascade' }),
  url: text('url').notNull(),
  /** JSON array of notification types; empty = all. */
  notificationTypes: text('notification_types').notNull(),
  secret: text('secret'),
  updatedAt: integer('updated_at').notNull(),
});
