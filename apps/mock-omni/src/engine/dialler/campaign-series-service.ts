/**
 * The campaign series on a system's stores: reads the campaign's history through the
 * `CampaignHistory` port and builds the series (campaign-series.ts) for the window a query asks for.
 *
 * @module
 */

import type { CampaignSeriesQuery, CampaignSeriesView } from '@omnikit/contracts/control';
import { DomainError } from '../domain-error.js';
import type { CampaignStore } from '../ports.js';
import type { SystemContext } from '../systems/system-context.js';
import type { CampaignHistory } from './campaign-history.js';
import { buildCampaignSeries, firstActivity, seriesWindow } from './campaign-series.js';
import { diallerCampaignFrom } from './dialler-campaign.js';

export class CampaignSeriesService {
  constructor(private readonly deps: { history: CampaignHistory; campaigns: Pick<CampaignStore, 'get'> }) {}

  series(sys: SystemContext, campaignId: number, query: CampaignSeriesQuery): CampaignSeriesView {
    const campaign = this.deps.campaigns.get(sys.systemId, campaignId);
    if (!campaign) throw DomainError.notFound('campaign_id', 'campaign', campaignId);
    const now = sys.clock.now();
    const to = query.to !== undefined ? Date.parse(query.to) : now;
    const calls = this.deps.history.calls(sys.systemId, campaignId, to);
    const changes = this.deps.history.agentChanges(sys.systemId, to);
    const window = seriesWindow({
      bucket: query.bucket,
      from: query.from !== undefined ? Date.parse(query.from) : undefined,
      to,
      now,
      firstActivity: firstActivity(calls, changes, campaignId),
    });
    return buildCampaignSeries({
      campaignId,
      targetDropPercentage: diallerCampaignFrom(campaign, []).targetDropPercentage,
      window,
      calls,
      changes,
      at: now,
    });
  }
}
