import { blob, integer, primaryKey, sqliteTable } from 'drizzle-orm/sqlite-core';
import { systems } from './systems.js';

/**
 * What `tokens=revoke-older` revoked: per user, every token issued before the one kept (by its SHA-256, like `tokens`):
 * before `revoked_through` (system clock ms), or at that instant and earlier in `tokens`' issue order. One row per user,
 * replaced by each authorize under that variant, so a token row itself never changes. Tokens issued later (under any
 * variant), at the same instant of a clock standing still too, are not touched.
 */
export const tokenRevocations = sqliteTable(
  'token_revocations',
  {
    systemId: integer('system_id')
      .notNull()
      .references(() => systems.systemId, { onDelete: 'cascade' }),
    userId: integer('user_id').notNull(),
    /** Virtual epoch ms on the system's clock: the newer authorize's instant. */
    revokedThrough: integer('revoked_through').notNull(),
    /** The SHA-256 (32 bytes) of the token that authorize issued: the one that stays live. */
    keptHash: blob('kept_hash', { mode: 'buffer' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.systemId, t.userId] })],
);
