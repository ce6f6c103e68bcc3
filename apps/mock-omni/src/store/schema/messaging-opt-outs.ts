import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { systems } from './systems.js';

/** Customer addresses that may not be messaged on a channel: an SMS opt-out keyword, an email suppression. */
export const messagingOptOuts = sqliteTable(
  'messaging_opt_outs',
  {
    systemId: integer('system_id')
      .notNull()
      .references(() => systems.systemId, { onDelete: 'cascade' }),
    channel: text('channel').notNull(),
    address: text('address').notNull(),
    reason: text('reason').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.systemId, t.channel, t.address] })],
);
