import type Database from 'better-sqlite3';
import { and, eq, sql } from 'drizzle-orm';
import type { UserCredentials, UserRecord, UserStore } from '../engine/ports.js';
import { CommittedCache } from './committed-cache.js';
import type { Db } from './create-db.js';
import { users } from './schema/index.js';

const COLUMNS =
  'system_id AS systemId, user_id AS userId, user_name AS userName, password_hash AS passwordHash, password_salt AS passwordSalt, extension, webrtc_password AS webrtcPassword, agent_state AS agentState, campaign_id AS campaignId, call_id AS callId, created_at AS createdAt';

type Name = { userId: number; userName: string };

/** The user store, plus what keeps its in-memory cache right (wired in create-stores). */
export interface CachedUserStore extends UserStore {
  /** A system's users were deleted (reset, system deleted): forget them. */
  forget(systemId: number): void;
  /** The group commit's transaction is over. */
  settled(): void;
}

/**
 * Users: reads on raw prepared statements (every authenticated listing hits them), writes with
 * drizzle. `names` (`GET /omni/users`) and `credentials` (every authorize) are cached per system
 * (`committed-cache.ts`): a user's id, name and password never change, and users are only added
 * (`insert` drops the system's listing and that name) or wiped with their system (`forget`).
 * The rest of a user's row (agent state) changes, so `get`/`findByName` always read it.
 */
export function createUserRepository(db: Db, sqlite: Database.Database): CachedUserStore {
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
  const names = sqlite.prepare<[number], Name>(
    'SELECT user_id AS userId, user_name AS userName FROM users WHERE system_id = ? ORDER BY user_id',
  );
  const byNameCredentials = sqlite.prepare<[number, string], UserCredentials>(
    'SELECT user_id AS userId, user_name AS userName, password_hash AS passwordHash, password_salt AS passwordSalt FROM users WHERE system_id = ? AND user_name = ?',
  );
  const named = new CommittedCache<0, readonly Readonly<Name>[]>(sqlite);
  const credentials = new CommittedCache<string, Readonly<UserCredentials>>(sqlite);
  return {
    insert(user) {
      named.drop(user.systemId);
      credentials.drop(user.systemId, user.userName);
      db.insert(users).values(user).run();
    },
    get: (systemId, userId) => get.get(systemId, userId),
    findByName: (systemId, name) => byName.get(systemId, name),
    credentials(systemId, name) {
      const cached = credentials.get(systemId, name);
      if (cached) return cached;
      const row = byNameCredentials.get(systemId, name);
      if (!row) return undefined;
      const frozen = Object.freeze(row);
      credentials.set(systemId, name, frozen);
      return frozen;
    },
    findByExtension: (systemId, extension) => byExtension.get({ systemId, extension }),
    list: (systemId) => list.all(systemId),
    names(systemId) {
      const cached = named.get(systemId, 0);
      if (cached) return cached as Name[];
      const rows = Object.freeze(names.all(systemId).map((r) => Object.freeze(r)));
      named.set(systemId, 0, rows);
      return rows as Name[];
    },
    forget(systemId) {
      named.forget(systemId);
      credentials.forget(systemId);
    },
    settled() {
      named.settled();
      credentials.settled();
    },
  };
}
