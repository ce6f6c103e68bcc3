import { and, asc, eq, sql } from 'drizzle-orm';
import type { CampaignRecord, CampaignStore } from '../engine/ports.js';
import type { Db } from './create-db.js';
import { campaigns } from './schema/index.js';

type Row = typeof campaigns.$inferSelect;
const toRecord = (r: Row): CampaignRecord => ({ ...r, settings: JSON.parse(r.settings) as Record<string, unknown> });

export function createCampaignRepository(db: Db): CampaignStore {
  const s = sql.placeholder('systemId');
  const get = db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.systemId, s), eq(campaigns.campaignId, sql.placeholder('campaignId'))))
    .prepare();
  const list = db
    .select()
    .from(campaigns)
    .where(eq(campaigns.systemId, s))
    .orderBy(asc(campaigns.campaignId))
    .prepare();
  return {
    insert(c) {
      db.insert(campaigns)
        .values({ ...c, settings: JSON.stringify(c.settings) })
        .run();
    },
    get(systemId, campaignId) {
      const r = get.get({ systemId, campaignId });
      return r ? toRecord(r) : undefined;
    },
    list: (systemId) => list.all({ systemId }).map(toRecord),
    update(c) {
      db.update(campaigns)
        .set({ campaignName: c.campaignName, campaignType: c.campaignType, settings: JSON.stringify(c.settings) })
        .where(and(eq(campaigns.systemId, c.systemId), eq(campaigns.campaignId, c.campaignId)))
        .run();
    },
  };
}
