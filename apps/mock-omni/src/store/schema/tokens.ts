import { blob, index, integer, sqliteTable } from 'drizzle-orm/sqlite-core';
import { systems } from './systems.js';

/**
 * User tokens, by SHA-256 only (B.3): the token itself is never stored. Rows are appended in the
 * order tokens are issued (`token_id`, the rowid), so an authorize writes at the table's end;
 * the lookup by hash goes through the repository's in-memory index of the 32-byte digests
 * (token-repository.ts), not an SQL index, which would take each new token at a random place.
 * `tokens_system_idx` serves a system's reset and deletion (appended at the system's end too).
 */
export const tokens = sqliteTable(
  'tokens',
  {
    tokenId: integer('token_id').primaryKey(),
    tokenHash: blob('token_hash', { mode: 'buffer' }).notNull(),
    systemId: integer('system_id')
      .notNull()
      .references(() => systems.systemId, { onDelete: 'cascade' }),
    userId: integer('user_id').notNull(),
    /** Virtual epoch ms on the system's clock. */
    issuedAt: integer('issued_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('tokens_system_idx').on(t.systemId)],
);
