import type Database from 'better-sqlite3';
import { and, count, eq, sql } from 'drizzle-orm';
import type { ListRecord, ListStore } from '../engine/ports.js';
import type { Db } from './create-db.js';
import { leads, lists } from './schema/index.js';

/** Lists: the reads (every lead insert checks its list; the dialler reads them all) on raw prepared statements. */
export function createListRepository(db: Db, sqlite: Database.Database): ListStore {
  const s = sql.placeholder('systemId');
  const columns = `system_id AS systemId, list_id AS listId, list_name AS listName, campaign_id AS campaignId,
            description, created_at AS createdAt`;
  const get = sqlite.prepare<[number, number], ListRecord>(
    `SELECT ${columns} FROM lists WHERE system_id = ? AND list_id = ?`,
  );
  // Raw too: the dialler reads a system's lists at every command that paces a campaign.
  const list = sqlite.prepare<[number], ListRecord>(
    `SELECT ${columns} FROM lists WHERE system_id = ? ORDER BY list_id`,
  );
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
    list: (systemId) => list.all(systemId),
    countsByStatus(systemId, listId) {
      const out: Record<string, number> = {};
      for (const r of counts.all({ systemId, listId })) out[r.status] = r.n;
      return out;
    },
  };
}
