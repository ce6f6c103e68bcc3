import type Database from 'better-sqlite3';
import { and, eq } from 'drizzle-orm';
import type { CampaignRecord, CampaignStore } from '../engine/ports.js';
import { CommittedCache } from './committed-cache.js';
import type { Db } from './create-db.js';
import { campaigns } from './schema/index.js';

type Row = typeof campaigns.$inferSelect;
type Text = { campaignName: string; campaignType: number; settings: string };

/** A cached record is shared by every reader: frozen, settings and their arrays included. */
function toRecord(r: Row): CampaignRecord {
  const settings = JSON.parse(r.settings) as Record<string, unknown>;
  for (const v of Object.values(settings)) if (v !== null && typeof v === 'object') Object.freeze(v);
  return Object.freeze({ ...r, settings: Object.freeze(settings) });
}

const COLUMNS =
  'system_id AS systemId, campaign_id AS campaignId, campaign_name AS campaignName, campaign_type AS campaignType, settings, created_at AS createdAt';

/** The campaign store, plus what keeps its in-memory caches right (wired in create-stores). */
export interface CachedCampaignStore extends CampaignStore {
  /** A system's campaigns were deleted (reset, system deleted): forget them. */
  forget(systemId: number): void;
  /** The group commit's transaction is over. */
  settled(): void;
}

/**
 * Campaigns: reads on raw prepared statements (the hot path), writes with drizzle. Reads are cached
 * (`committed-cache.ts`): `getText` (`GET /omni/campaign/{id}`), `get` and `list` (the dialler reads
 * every campaign's settings on each lead added). `insert` and `update` drop the campaign's entries
 * and the system's list; `forget` (reset, system deleted) drops the whole system.
 */
export function createCampaignRepository(db: Db, sqlite: Database.Database): CachedCampaignStore {
  const get = sqlite.prepare<[number, number], Row>(
    `SELECT ${COLUMNS} FROM campaigns WHERE system_id = ? AND campaign_id = ?`,
  );
  const list = sqlite.prepare<[number], Row>(
    `SELECT ${COLUMNS} FROM campaigns WHERE system_id = ? ORDER BY campaign_id`,
  );
  const getText = sqlite.prepare<[number, number], Text>(
    'SELECT campaign_name AS campaignName, campaign_type AS campaignType, settings FROM campaigns WHERE system_id = ? AND campaign_id = ?',
  );
  const texts = new CommittedCache<number, Readonly<Text>>(sqlite);
  const records = new CommittedCache<number, CampaignRecord>(sqlite);
  const lists = new CommittedCache<0, readonly CampaignRecord[]>(sqlite);
  const drop = (systemId: number, campaignId: number) => {
    texts.drop(systemId, campaignId);
    records.drop(systemId, campaignId);
    lists.drop(systemId);
  };
  return {
    getText(systemId, campaignId) {
      const cached = texts.get(systemId, campaignId);
      if (cached) return cached;
      const row = getText.get(systemId, campaignId);
      if (row) texts.set(systemId, campaignId, Object.freeze(row));
      return row;
    },
    insert(c) {
      drop(c.systemId, c.campaignId);
      db.insert(campaigns)
        .values({ ...c, settings: JSON.stringify(c.settings) })
        .run();
    },
    get(systemId, campaignId) {
      const cached = records.get(systemId, campaignId);
      if (cached) return cached;
      const r = get.get(systemId, campaignId);
      if (!r) return undefined;
      const record = toRecord(r);
      records.set(systemId, campaignId, record);
      return record;
    },
    list(systemId) {
      const cached = lists.get(systemId, 0);
      if (cached) return [...cached];
      const all = Object.freeze(list.all(systemId).map(toRecord));
      lists.set(systemId, 0, all);
      return [...all];
    },
    update(c) {
      drop(c.systemId, c.campaignId);
      db.update(campaigns)
        .set({ campaignName: c.campaignName, campaignType: c.campaignType, settings: JSON.stringify(c.settings) })
        .where(and(eq(campaigns.systemId, c.systemId), eq(campaigns.campaignId, c.campaignId)))
        .run();
    },
    forget(systemId) {
      texts.forget(systemId);
      records.forget(systemId);
      lists.forget(systemId);
    },
    settled() {
      texts.settled();
      records.settled();
      lists.settled();
    },
  };
}
