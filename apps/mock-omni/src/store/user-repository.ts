import { and, asc, eq, sql } from 'drizzle-orm';
import type { UserStore } from '../engine/ports.js';
import type { Db } from './create-db.js';
import { users } from './schema/index.js';

export function createUserRepository(db: Db): UserStore {
  const s = sql.placeholder('systemId');
  const get = db
    .select()
    .from(users)
    .where(and(eq(users.systemId, s), eq(users.userId, sql.placeholder('userId'))))
    .prepare();
  const byName = db
    .select()
    .from(users)
    .where(and(eq(users.systemId, s), eq(users.userName, sql.placeholder('name'))))
    .prepare();
  const byExtension = db
    .select()
    .from(users)
    .where(and(eq(users.systemId, s), eq(users.extension, sql.placeholder('extension'))))
    .prepare();
  const list = db.select().from(users).where(eq(users.systemId, s)).orderBy(asc(users.userId)).prepare();
  return {
    insert(user) {
      db.insert(users).values(user).run();
    },
    get: (systemId, userId) => get.get({ systemId, userId }),
    findByName: (systemId, name) => byName.get({ systemId, name }),
    findByExtension: (systemId, extension) => byExtension.get({ systemId, extension }),
    list: (systemId) => list.all({ systemId }),
  };
}
