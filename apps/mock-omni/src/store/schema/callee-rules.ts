import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { systems } from './systems.js';

/** A system's callee rules (control API), replaced as a whole. */
export const calleeRules = sqliteTable('callee_rules', {
  systemId: integer('system_id')
    .primaryKey()
    .references(() => systems.systemId, { onDelete: 'cascade' }),
  /** JSON array of rules as `@omnikit/contracts/control` shapes them. */
  rules: text('rules').notNull(),
  updatedAt: integer('updated_at').notNull(),
});
