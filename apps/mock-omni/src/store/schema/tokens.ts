import { blob, integer, sqliteTable } from 'drizzle-orm/sqlite-core';
import { systems } from './systems.js';

/**
 * User tokens, by SHA-256 only (B.3): the token itself is never stored. Looked up by hash only,
 * so no other index: each authorize writes the row and its key, nothing more.
 */
export const tokens = sqliteTable('tokens', {
  tokenHash: blob('token_hash', { mode: 'buffer' }).primaryKey(),
  systemId: integer('system_id')
    .notNull()
    .references(() => systems.systemId, { onDelete: 'cascade' }),
  userId: integer('user_id').notNull(),
  /** Virtual epoch ms on the system's clock. */
  issuedAt: integer('issued_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
});
