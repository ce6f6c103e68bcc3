import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { systems } from './systems.js';

/** Extensions registered through the control API instead of SIP (virtual phones). */
export const virtualPhones = sqliteTable(
  'virtual_phones',
  {
    systemId: integer('system_id')
      .notNull()
      .references(() => systems.systemId, { onDelete: 'cascade' }),
    extension: text('extension').notNull(),
    userId: integer('user_id').notNull(),
    /** System clock ms. */
    registeredAt: integer('registered_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.systemId, t.extension] })],
);
