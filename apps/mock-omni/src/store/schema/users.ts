import { integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { systems } from './systems.js';

/** A system's users (agents) with their credentials and agent state. */
export const users = sqliteTable(
  'users',
  {
    systemId: integer('system_id')
      .notNull()
      .references(() => systems.systemId, { onDelete: 'cascade' }),
    userId: integer('user_id').notNull(),
    userName: text('user_name').notNull(),
    /** Hex SHA-256 of salt + password: the password itself is never stored. */
    passwordHash: text('password_hash').notNull(),
    passwordSalt: text('password_salt').notNull(),
    extension: text('extension').notNull(),
    /** Kept in the clear: the SIP registrar needs it for digest authentication (B.11). */
    webrtcPassword: text('webrtc_password').notNull(),
    agentState: text('agent_state').notNull().default('logged_out'),
    campaignId: integer('campaign_id').notNull().default(0),
    callId: integer('call_id').notNull().default(0),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.systemId, t.userId] }),
    uniqueIndex('users_name').on(t.systemId, t.userName),
    uniqueIndex('users_extension').on(t.systemId, t.extension),
  ],
);
