import type Database from 'better-sqlite3';
import { and, eq } from 'drizzle-orm';
import type { CampaignRecord, CampaignStore } from '../engine/ports.js';
import type { Db } from './create-db.js';
import { campaigns } from './schema/index.js';

type Row = typeof campaigns.$inferSelect;
const toRecord = (r: Row): CampaignRecord => ({ ...r, settings: JSON.parse(r.settings) as Record<string, unknown> });

const COLUMNS =
  'system_id AS systemId, campaign_id AS campaignId, campaign_name AS campaignName, campaign_type AS campaignType, settings, created_at AS createdAt';

/** Campaigns: reads on raw prepared statements (the hot path), writes with drizzle. */
export function createCampaignRepository(db: Db, sqlite: Database.Database): CampaignStore {
  const get = sqlite.prepare<[number, number], Row>(
    `SELECT ${COLUMNS} FROM campaigns WHERE system_id = ? AND campaign_id = ?`,
  );
  const list = sqlite.prepare<[number], Row>(
    `SELECT ${COLUMNS} FROM campaigns WHERE system_id = ? ORDER BY campaign_id`,
  );
  const getText = sqlite.prepare<[number, number], { campaignName: string; campaignType: number; settings: string }>(
    'SELECT campaign_name AS campaignName, campaign_type AS campaignType, settings FROM campaigns WHERE system_id = ? AND campaign_id = ?',
  );
  return {
    getText: (systemId, campaignId) => getText.get(systemId, campaignId),
    insert(c) {
      db.insert(campaigns)
        .values({ ...c, settings: JSON.stringify(c.settings) })
        .run();
    },
    get(systemId, campaignId) {
      const r = get.get(systemId, campaignId);
      return r ? toRecord(r) : undefined;
    },
    list: (systemId) => list.all(systemId).map(toRecord),
    update(c) {
      db.update(campaigns)
        .set({ campaignName: c.campaignName, campaignType: c.campaignType, settings: JSON.stringify(c.settings) })
        .where(and(eq(campaigns.systemId, c.systemId), eq(campaigns.campaignId, c.campaignId)))
        .run();
    },
  };
}
