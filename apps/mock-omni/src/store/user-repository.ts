import type Database from 'better-sqlite3';
import { and, eq, sql } from 'drizzle-orm';
import type { UserRecord, UserStore } from '../engine/ports.js';
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
 * drizzle. `names` (`GET /omni/users`) is cached per system (`committed-cache.ts`): a user's id and
 * name never change and users are only added (`insert` drops the system's entry) or wiped with
 * their system (`forget`).
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
  const named = new CommittedCache<0, readonly Readonly<Name>[]>(sqlite);
  return {
    insert(user) {
      named.drop(user.systemId);
      db.insert(users).values(user).run();
    },
    get: (systemId, userId) => get.get(systemId, userId),
    findByName: (systemId, name) => byName.get(systemId, name),
    findByExtension: (systemId, extension) => byExtension.get({ systemId, extension }),
    list: (systemId) => list.all(systemId),
    names(systemId) {
      const cached = named.get(systemId, 0);
      if (cached) return cached as Name[];
      const rows = Object.freeze(names.all(systemId).map((r) => Object.freeze(r)));
      named.set(systemId, 0, rows);
      return rows as Name[];
    },
    forget: (systemId) => named.forget(systemId),
    settled: () => named.settled(),
  };
}
