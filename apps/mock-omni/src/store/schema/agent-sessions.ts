import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { systems } from './systems.js';

/**
 * What an agent's campaign session holds beyond the users table's `agent_state`, `campaign_id` and
 * `call_id`: the pause code, the state to go back to after a call's wrap-up, and the bridge call.
 */
export const agentSessions = sqliteTable(
  'agent_sessions',
  {
    systemId: integer('system_id')
      .notNull()
      .references(() => systems.systemId, { onDelete: 'cascade' }),
    userId: integer('user_id').notNull(),
    pauseCode: text('pause_code').notNull(),
    /** `paused`, `ready` or `logged_out` (the phone dropped during a call). */
    resumeState: text('resume_state').notNull(),
    /** The bridge call to the agent's phone; '' when logged out. */
    bridgeId: text('bridge_id').notNull(),
    /** System clock ms of the login; null when logged out. */
    loggedInAt: integer('logged_in_at'),
  },
  (t) => [primaryKey({ columns: [t.systemId, t.userId] })],
);
