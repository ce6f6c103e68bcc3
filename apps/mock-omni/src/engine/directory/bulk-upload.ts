import { type BulkUploadBody, bulkLeadRow } from '@omnikit/contracts';
import { DomainError } from '../domain-error.js';
import type { LeadPhone, Stores } from '../ports.js';
import type { SystemContext } from '../systems/system-context.js';
import { parseScheduleDateTime, scheduleRefusal } from './date-input.js';
import { emptyLead } from './leads.js';

export interface BulkUploadResult {
  success: boolean;
  detail: string;
  inserted: number;
  duplicates: number;
  dnc_rejected: number;
  rejected: { index: number; field: string; detail: string }[];
}

/**
 * Bulk upload (A.6, B.8). Each row is checked on its own with the contract's `bulkLeadRow`; a
 * row that is not inserted is reported in `rejected` with its index, the field to blame and why:
 * an invalid field (a `schedule_call_date_time` out of range too: date-input.ts), a number on the
 * DNC list (with `dnc_check`: the system's list plus numbers of leads disposed `DNC`), or a
 * duplicate in the list (with `deduplication`: same `phone_number_1`, or same `unique_id` when the
 * row gives one — rows earlier in the same upload count too). The list is `list_id`, or
 * `list_name` in the older body.
 */
export class BulkUploadService {
  constructor(private readonly stores: Pick<Stores, 'leads' | 'lists' | 'dnc'>) {}

  upload(sys: SystemContext, body: BulkUploadBody): BulkUploadResult {
    const { leads, dnc } = this.stores;
    const listId = this.listOf(sys, body);
    const now = sys.clock.now();
    const result: BulkUploadResult = {
      success: true,
      detail: '',
      inserted: 0,
      duplicates: 0,
      dnc_rejected: 0,
      rejected: [],
    };
    body.leads.forEach((raw, index) => {
      const parsed = bulkLeadRow.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        result.rejected.push({
          index,
          field: issue ? issue.path.map(String).join('.') || 'row' : 'row',
          detail: issue ? issue.message : 'is not a valid lead row',
        });
        return;
      }
      const row = parsed.data;
      // A schedule out of range (date-input.ts) is an invalid field like any other: the row is rejected, not the upload.
      const scheduled = row.schedule_call_date_time ? parseScheduleDateTime(sys, row.schedule_call_date_time) : null;
      const refused = scheduled === null ? undefined : scheduleRefusal(scheduled, now);
      if (refused !== undefined) {
        result.rejected.push({ index, field: 'schedule_call_date_time', detail: refused });
        return;
      }
      const numbers = [row.phone_number_1, row.phone_number_2, row.phone_number_3].filter(
        (n): n is string => n !== undefined,
      );
      if (body.dnc_check) {
        const blocked = numbers.findIndex((n) => dnc.has(sys.systemId, n) || leads.phoneOfDncLead(sys.systemId, n));
        if (blocked >= 0) {
          result.dnc_rejected++;
          result.rejected.push({ index, field: `phone_number_${blocked + 1}`, detail: 'is on the do-not-call list' });
          return;
        }
      }
      if (body.deduplication) {
        if (leads.phoneInList(sys.systemId, listId, row.phone_number_1)) {
          result.duplicates++;
          result.rejected.push({ index, field: 'phone_number_1', detail: 'is already a lead of this list' });
          return;
        }
        if (row.unique_id && leads.uniqueIdInList(sys.systemId, listId, row.unique_id)) {
          result.duplicates++;
          result.rejected.push({ index, field: 'unique_id', detail: 'is already a lead of this list' });
          return;
        }
      }
      const phones: LeadPhone[] = numbers.map((n, i) => ({
        phone_number: n,
        phone_type_id: 1,
        time_zone_id: 0,
        high_priority: false,
        schedule_call_at: i === 0 ? scheduled : null,
      }));
      const leadId = leads.nextId(sys.systemId);
      leads.insert({
        ...emptyLead(sys.systemId, leadId, listId, now),
        firstName: row.first_name ?? '',
        lastName: row.last_name ?? '',
        uniqueId: row.unique_id ?? '',
        title: row.title ?? '',
        email1: row.email_1 ?? '',
        email2: row.email_2 ?? '',
        messenger: row.messenger ?? '',
        addressLine1: row.address_line_1 ?? '',
        addressLine2: row.address_line_2 ?? '',
        city: row.city ?? '',
        province: row.province ?? '',
        postalCode: row.postal_code ?? '',
        callerId: row.caller_id ?? '',
        phones,
      });
      result.inserted++;
    });
    const invalid = result.rejected.length - result.duplicates - result.dnc_rejected;
    result.detail = `${result.inserted} of ${body.leads.length} leads inserted into list ${listId}; ${result.duplicates} duplicates, ${result.dnc_rejected} on the DNC list, ${invalid} invalid`;
    return result;
  }

  /**
   * The list of the upload: `list_id`, or in the older body (A.6) the list named `list_name`. Names
   * are not unique: the earliest list with the name is taken, as a lookup by name in a table would.
   */
  private listOf(sys: SystemContext, body: BulkUploadBody): number {
    const { lists } = this.stores;
    if (body.list_id !== undefined) {
      if (!lists.get(sys.systemId, body.list_id)) throw DomainError.notFound('list_id', 'list', body.list_id);
      return body.list_id;
    }
    const name = body.list_name;
    // The contract refuses a body with neither; kept so that a caller skipping it still gets a 400.
    if (name === undefined) throw DomainError.validation('list_id', 'is required (or the older list_name)');
    const named = lists.list(sys.systemId).filter((l) => l.listName === name);
    const first = named.reduce<number | undefined>(
      (min, l) => (min === undefined || l.listId < min ? l.listId : min),
      undefined,
    );
    if (first === undefined) throw DomainError.notFound('list_name', 'list', name);
    return first;
  }
}
