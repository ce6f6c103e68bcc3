import type { CreateListBody, ListView } from '@omnikit/contracts';
import { DomainError } from '../domain-error.js';
import type { ListRecord, Stores } from '../ports.js';
import type { SystemContext } from '../systems/system-context.js';

/** Lead lists (B.8): create (optionally for a campaign), read with lead counts by status, list all. */
export class ListService {
  constructor(private readonly stores: Pick<Stores, 'lists' | 'campaigns' | 'sequences'>) {}

  create(sys: SystemContext, body: CreateListBody): number {
    if (body.campaign_id !== undefined && !this.stores.campaigns.get(sys.systemId, body.campaign_id)) {
      throw DomainError.notFound('campaign_id', 'campaign', body.campaign_id);
    }
    const listId = this.stores.sequences.next(sys.systemId, 'list');
    this.stores.lists.insert({
      systemId: sys.systemId,
      listId,
      listName: body.list_name,
      campaignId: body.campaign_id ?? 0,
      description: body.description ?? '',
      createdAt: sys.clock.now(),
    });
    return listId;
  }

  get(sys: SystemContext, listId: number): ListView {
    return this.toView(this.require(sys, listId, 'list_id'));
  }

  list(sys: SystemContext): ListView[] {
    return this.stores.lists.list(sys.systemId).map((l) => this.toView(l));
  }

  require(sys: SystemContext, listId: number, field: string): ListRecord {
    const l = this.stores.lists.get(sys.systemId, listId);
    if (!l) throw DomainError.notFound(field, 'list', listId);
    return l;
  }

  private toView(l: ListRecord): ListView {
    const counts = this.stores.lists.countsByStatus(l.systemId, l.listId);
    return {
      list_id: l.listId,
      list_name: l.listName,
      campaign_id: l.campaignId,
      description: l.description,
      lead_count: Object.values(counts).reduce((a, b) => a + b, 0),
      lead_counts: counts,
    };
  }
}
