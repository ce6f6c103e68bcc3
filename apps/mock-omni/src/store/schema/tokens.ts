import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { systems } from './systems.js';

/** User tokens, by SHA-256 only (B.3): the token itself is never stored. */
export const tokens = sqliteTable(
  'tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    systemId: integer('system_id')
      .notNull()
      .references(() => systems.systemId, { onDelete: 'cascade' }),
    userId: integer('user_id').notNull(),
    /** Virtual epoch ms on the system's clock. */
    issuedAt: integer('issued_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('tokens_system').on(t.systemId, t.userId)],
);
