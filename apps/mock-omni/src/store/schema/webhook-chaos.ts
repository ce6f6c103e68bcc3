import { integer, real, sqliteTable } from 'drizzle-orm/sqlite-core';
import { systems } from './systems.js';

/** A system's webhook chaos switches (control API); no row means all off. */
export const webhookChaos = sqliteTable('webhook_chaos', {
  systemId: integer('system_id')
    .primaryKey()
    .references(() => systems.systemId, { onDelete: 'cascade' }),
  delayMs: integer('delay_ms').notNull(),
  duplicateRate: real('duplicate_rate').notNull(),
  dropFirstAttempts: integer('drop_first_attempts').notNull(),
  reorder: integer('reorder', { mode: 'boolean' }).notNull(),
});
