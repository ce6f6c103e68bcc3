import { VICIDIAL_MESSAGES } from '@omnikit/contracts';
import { DomainError } from '../domain-error.js';
import type { ArchiveCounts, Stores } from '../ports.js';
import { isInsideOfficeHours } from '../systems/office-hours.js';
import type { SystemContext } from '../systems/system-context.js';

export interface ArchiveAnswer {
  message: typeof VICIDIAL_MESSAGES.processed;
  select_count: number;
  insert_count: number;
  update_count: number;
  delete_count: number;
  http_code: 200;
}

/**
 * The lead archive service (A.7): operations run insert → update → delete; insert skips ids
 * already in the target; delete removes from the source only where the target holds the row.
 * Archiving is refused inside office hours (403); dearchiving works at any time. Ids that do not
 * exist (0, a negative id) are simply not selected.
 */
export class LeadArchiveService {
  constructor(private readonly stores: Pick<Stores, 'leads'>) {}

  archive(
    sys: SystemContext,
    body: { insert_leads: boolean; update_leads: boolean; delete_leads: boolean; lead_ids: number[] },
  ): ArchiveAnswer {
    const hours = sys.record.officeHours;
    if (isInsideOfficeHours(hours, sys.clock.now())) {
      throw new DomainError(
        'FORBIDDEN_USER',
        `Leads can be archived only outside office hours (it is inside them now in ${hours.time_zone})`,
      );
    }
    const counts = this.stores.leads.archive(sys.systemId, body.lead_ids, {
      insert: body.insert_leads,
      update: body.update_leads,
      delete: body.delete_leads,
    });
    return answer(counts);
  }

  dearchive(
    sys: SystemContext,
    body: { insert_leads: boolean; delete_leads: boolean; lead_ids: number[] },
  ): ArchiveAnswer {
    const counts = this.stores.leads.dearchive(sys.systemId, body.lead_ids, {
      insert: body.insert_leads,
      delete: body.delete_leads,
    });
    return answer(counts);
  }
}

/** TForge's one success message (A.7); the counts say what was done. */
function answer(c: ArchiveCounts): ArchiveAnswer {
  return {
    message: VICIDIAL_MESSAGES.processed,
    select_count: c.selectCount,
    insert_count: c.insertCount,
    update_count: c.updateCount,
    delete_count: c.deleteCount,
    http_code: 200,
  };
}
