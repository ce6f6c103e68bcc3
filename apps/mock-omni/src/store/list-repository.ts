import type Database from 'better-sqlite3';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { ListRecord, ListStore } from '../engine/ports.js';
import type { Db } from './create-db.js';
import { leads, lists } from './schema/index.js';

/** Lists: the by-id read (every lead insert checks its list) on a raw prepared statement. */
export function createListRepository(db: Db, sqlite: Database.Database): ListStore {
  const s = sql.placeholder('systemId');
  const get = sqlite.prepare<[number, number], ListRecord>(
    `SELECT system_id AS systemId, list_id AS listId, list_name AS listName, campaign_id AS campaignId,
            description, created_at AS createdAt
       FROM lists WHERE system_id = ? AND list_id = ?`,
  );
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
    get: (systemId, listId) => get.get(systemId, listId),
    list: (systemId) => list.all({ systemId }),
    countsByStatus(systemId, listId) {
      const out: Record<string, number> = {};
      for (const r of counts.all({ systemId, listId })) out[r.status] = r.n;
      return out;
    },
  };
}
