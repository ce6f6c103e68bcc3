import {
  CAMPAIGN_DEFAULTS,
  type CampaignView,
  type CreateCampaignBody,
  type UpdateCampaignBody,
} from '@omnikit/contracts';
import { DomainError } from '../domain-error.js';
import type { CampaignRecord, Stores } from '../ports.js';
import type { SystemContext } from '../systems/system-context.js';

/** Campaigns (A.5, B.8): create with defaults for every field not given, read, list, partial update. */
export class CampaignService {
  constructor(private readonly stores: Pick<Stores, 'campaigns' | 'lists' | 'sequences'>) {}

  /** B.2: an unknown id referenced in the body is a 404 naming the field (0 means no list). */
  private checkDefaultList(sys: SystemContext, listId: number | undefined): void {
    if (listId !== undefined && listId !== 0 && !this.stores.lists.get(sys.systemId, listId)) {
      throw DomainError.notFound('default_list_id', 'list', listId);
    }
  }

  create(sys: SystemContext, body: CreateCampaignBody): number {
    const { campaign_name, campaign_type, ...given } = body;
    this.checkDefaultList(sys, body.default_list_id);
    const campaignId = this.stores.sequences.next(sys.systemId, 'campaign');
    this.stores.campaigns.insert({
      systemId: sys.systemId,
      campaignId,
      campaignName: campaign_name,
      campaignType: campaign_type,
      settings: { ...structuredClone(CAMPAIGN_DEFAULTS), ...stripUndefined(given) },
      createdAt: sys.clock.now(),
    });
    return campaignId;
  }

  get(sys: SystemContext, campaignId: number): CampaignView {
    return toView(this.require(sys, campaignId));
  }

  /**
   * The campaign's view as JSON text, built around the stored settings JSON without parsing it:
   * settings always hold every field (defaults filled in at creation), in the contract's order.
   */
  getJson(sys: SystemContext, campaignId: number): string {
    const row = this.stores.campaigns.getText(sys.systemId, campaignId);
    if (!row) throw DomainError.notFound('campaign_id', 'campaign', campaignId);
    const head = `{"campaign_id":${campaignId},"campaign_name":${JSON.stringify(row.campaignName)},"campaign_type":${row.campaignType}`;
    return row.settings === '{}' ? `${head}}` : `${head},${row.settings.slice(1)}`;
  }

  list(sys: SystemContext): CampaignView[] {
    return this.stores.campaigns.list(sys.systemId).map(toView);
  }

  update(sys: SystemContext, campaignId: number, body: UpdateCampaignBody): void {
    const current = this.require(sys, campaignId);
    this.checkDefaultList(sys, body.default_list_id);
    const { campaign_name, campaign_type, ...rest } = body;
    this.stores.campaigns.update({
      ...current,
      campaignName: campaign_name ?? current.campaignName,
      campaignType: campaign_type ?? current.campaignType,
      settings: { ...current.settings, ...stripUndefined(rest) },
    });
  }

  /** Every campaign id of the system, in id order. */
  ids(sys: SystemContext): number[] {
    return this.stores.campaigns.list(sys.systemId).map((c) => c.campaignId);
  }

  exists(sys: SystemContext, campaignId: number): boolean {
    return this.stores.campaigns.get(sys.systemId, campaignId) !== undefined;
  }

  private require(sys: SystemContext, campaignId: number): CampaignRecord {
    const c = this.stores.campaigns.get(sys.systemId, campaignId);
    if (!c) throw DomainError.notFound('campaign_id', 'campaign', campaignId);
    return c;
  }
}

function stripUndefined(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out;
}

function toView(c: CampaignRecord): CampaignView {
  return {
    campaign_id: c.campaignId,
    campaign_name: c.campaignName,
    campaign_type: c.campaignType,
    ...(CAMPAIGN_DEFAULTS as unknown as Omit<CampaignView, 'campaign_id' | 'campaign_name' | 'campaign_type'>),
    ...(c.settings as Partial<CampaignView>),
  } as CampaignView;
}
