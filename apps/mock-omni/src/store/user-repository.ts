import type Database from 'better-sqlite3';
import { and, eq, sql } from 'drizzle-orm';
import type { UserRecord, UserStore } from '../engine/ports.js';
import type { Db } from './create-db.js';
import { users } from './schema/index.js';

const COLUMNS =
  'system_id AS systemId, user_id AS userId, user_name AS userName, password_hash AS passwordHash, password_salt AS passwordSalt, extension, webrtc_password AS webrtcPassword, agent_state AS agentState, campaign_id AS campaignId, call_id AS callId, created_at AS createdAt';

/** Users: reads on raw prepared statements (every authenticated listing hits them), writes with drizzle. */
export function createUserRepository(db: Db, sqlite: Database.Database): UserStore {
  const s = sql.placeholder('systemId');
  const get = sqlite.prepare<[number, number], UserRecord>(
    `SELECT ${COLUMNS} FROM users WHERE system_id = ? AND user_id = ?`,
  );
  const byName = sqlite.prepare<[number, string], UserRecord>(
    `SELECT ${COLUMNS} FROM users WHERE system_id = ? AND user_name = ?`,
  );
  const byExtension = db
    .select()
    .from(users)
    .where(and(eq(users.systemId, s), eq(users.extension, sql.placeholder('extension'))))
    .prepare();
  const list = sqlite.prepare<[number], UserRecord>(
    `SELECT ${COLUMNS} FROM users WHERE system_id = ? ORDER BY user_id`,
  );
  const names = sqlite.prepare<[number], { userId: number; userName: string }>(
    'SELECT user_id AS userId, user_name AS userName FROM users WHERE system_id = ? ORDER BY user_id',
  );
  return {
    insert(user) {
      db.insert(users).values(user).run();
    },
    get: (systemId, userId) => get.get(systemId, userId),
    findByName: (systemId, name) => byName.get(systemId, name),
    findByExtension: (systemId, extension) => byExtension.get({ systemId, extension }),
    list: (systemId) => list.all(systemId),
    names: (systemId) => names.all(systemId),
  };
}
