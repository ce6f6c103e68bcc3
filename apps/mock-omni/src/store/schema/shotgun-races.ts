import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { systems } from './systems.js';

/**
 * Shotgun races (B.6). The race is the shotgun engine's value, kept whole as JSON (its legs, their
 * call records and held-back notifications); `state` and `user_id` are columns so a race can be
 * found and checked without parsing it.
 */
export const shotgunRaces = sqliteTable(
  'shotgun_races',
  {
    systemId: integer('system_id')
      .notNull()
      .references(() => systems.systemId, { onDelete: 'cascade' }),
    shotgunId: integer('shotgun_id').notNull(),
    userId: integer('user_id').notNull(),
    state: text('state').notNull(),
    race: text('race').notNull(),
  },
  (t) => [primaryKey({ columns: [t.systemId, t.shotgunId] })],
);
