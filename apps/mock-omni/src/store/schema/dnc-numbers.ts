import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { systems } from './systems.js';

/** The system's do-not-call list (B.8), kept through the control API. */
export const dncNumbers = sqliteTable(
  'dnc_numbers',
  {
    systemId: integer('system_id')
      .notNull()
      .references(() => systems.systemId, { onDelete: 'cascade' }),
    phoneNumber: text('phone_number').notNull(),
    addedAt: integer('added_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.systemId, t.phoneNumber] })],
);
