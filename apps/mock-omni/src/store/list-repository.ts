import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { ListStore } from '../engine/ports.js';
import type { Db } from './create-db.js';
import { leads, lists } from './schema/index.js';

export function createListRepository(db: Db): ListStore {
  const s = sql.placeholder('systemId');
  const get = db
    .select()
    .from(lists)
    .where(and(eq(lists.systemId, s), eq(lists.listId, sql.placeholder('listId'))))
    .prepare();
  const list = db.select().from(lists).where(eq(lists.systemId, s)).orderBy(asc(lists.listId)).prepare();
  const counts = db
    .select({ status: leads.status, n: count() })
    .from(leads)
    .where(and(eq(leads.systemId, s), eq(leads.listId, sql.placeholder('listId'))))
    .groupBy(leads.status)
    .prepare();
  return {
    insert(l) {
      db.insert(lists).values(l).run();
    },
    get: (systemId, listId) => get.get({ systemId, listId }),
    list: (systemId) => list.all({ systemId }),
    countsByStatus(systemId, listId) {
      const out: Record<string, number> = {};
      for (const r of counts.all({ systemId, listId })) out[r.status] = r.n;
      return out;
    },
  };
}
