import type Database from 'better-sqlite3';
import { and, count, eq, sql } from 'drizzle-orm';
import type { ListRecord, ListStore } from '../engine/ports.js';
import { CommittedCache } from './committed-cache.js';
import type { Db } from './create-db.js';
import { leads, lists } from './schema/index.js';

/** The list store, plus what keeps its in-memory cache right (wired in create-stores). */
export interface CachedListStore extends ListStore {
  /** A system's lists were deleted (reset, system deleted): forget them. */
  forget(systemId: number): void;
  /** The group commit's transaction is over. */
  settled(): void;
}

/** A system's lists as cached: in id order, and by id. */
interface Listed {
  all: readonly ListRecord[];
  byId: ReadonlyMap<number, ListRecord>;
}

/**
 * Lists: the reads (every lead insert checks its list; the dialler reads them all) on raw prepared
 * statements. A system's lists are cached whole (`committed-cache.ts`; the dialler reads them for
 * every campaign it paces, add lead checks its list): lists are only added (`insert` drops the
 * system's entry) or wiped with their system (`forget`). While a system's lists are cached, `get`
 * answers from them — a list not among them does not exist.
 */
export function createListRepository(db: Db, sqlite: Database.Database): CachedListStore {
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
  const listed = new CommittedCache<0, Listed>(sqlite);
  const listedOf = (systemId: number): Listed => {
    const cached = listed.get(systemId, 0);
    if (cached) return cached;
    const all = Object.freeze(list.all(systemId).map((l) => Object.freeze(l)));
    const entry = { all, byId: new Map(all.map((l) => [l.listId, l])) };
    listed.set(systemId, 0, entry);
    return entry;
  };
  return {
    insert(l) {
      listed.drop(l.systemId);
      db.insert(lists).values(l).run();
    },
    get(systemId, listId) {
      const cached = listed.get(systemId, 0);
      return cached ? cached.byId.get(listId) : get.get(systemId, listId);
    },
    list: (systemId) => [...listedOf(systemId).all],
    forget: (systemId) => listed.forget(systemId),
    settled: () => listed.settled(),
    countsByStatus(systemId, listId) {
      const out: Record<string, number> = {};
      for (const r of counts.all({ systemId, listId })) out[r.status] = r.n;
      return out;
    },
  };
}
