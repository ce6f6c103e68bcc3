import { type AddLeadBody, formatDateTime, type LeadView, type UpdateLeadBody } from '@omnikit/contracts';
import { DomainError } from '../domain-error.js';
import type { LeadPhone, LeadRecord, Stores } from '../ports.js';
import type { SystemContext } from '../systems/system-context.js';
import { parseScheduleDateTime, scheduleRefusal } from './date-input.js';

type PhoneInput = AddLeadBody['phone_numbers'][number];

/** Leads (A.6, B.8): add to a list, read, partial update, delete, and pages of a list's active leads. */
export class LeadService {
  constructor(
    private readonly stores: Pick<Stores, 'leads' | 'lists'>,
    /** Told after each edit, in its transaction (the dialler re-reads the lead). */
    private readonly onEdited: (sys: SystemContext, leadId: number, previousStatus: string) => void = () => {},
  ) {}

  add(sys: SystemContext, body: AddLeadBody): number {
    this.requireList(sys, body.list_id);
    const now = sys.clock.now();
    const phones = body.phone_numbers.map((p, i) => this.phone(sys, p, i));
    const leadId = this.stores.leads.nextId(sys.systemId);
    this.stores.leads.insert({
      ...emptyLead(sys.systemId, leadId, body.list_id, now),
      firstName: body.first_name ?? '',
      lastName: body.last_name ?? '',
      otherInfo: body.other_info,
      uniqueId: body.unique_id ?? '',
      leadProvider: body.lead_provider ?? '',
      cost: body.cost ?? null,
      title: body.title ?? '',
      email1: body.email_1 ?? '',
      email2: body.email_2 ?? '',
      messenger: body.messenger ?? '',
      addressLine1: body.address_line_1 ?? '',
      addressLine2: body.address_line_2 ?? '',
      city: body.city ?? '',
      province: body.province ?? '',
      postalCode: body.postal_code ?? '',
      callerId: body.caller_id ?? '',
      phones,
    });
    return leadId;
  }

  get(sys: SystemContext, leadId: number): LeadView {
    return leadToView(this.require(sys, leadId));
  }

  update(sys: SystemContext, leadId: number, body: UpdateLeadBody): void {
    const lead = this.require(sys, leadId);
    if (body.list_id !== undefined) this.requireList(sys, body.list_id);
    const next: LeadRecord = {
      ...lead,
      listId: body.list_id ?? lead.listId,
      firstName: body.first_name ?? lead.firstName,
      lastName: body.last_name ?? lead.lastName,
      otherInfo: body.other_info ?? lead.otherInfo,
      uniqueId: body.unique_id ?? lead.uniqueId,
      leadProvider: body.lead_provider ?? lead.leadProvider,
      cost: body.cost ?? lead.cost,
      title: body.title ?? lead.title,
      email1: body.email_1 ?? lead.email1,
      email2: body.email_2 ?? lead.email2,
      messenger: body.messenger ?? lead.messenger,
      addressLine1: body.address_line_1 ?? lead.addressLine1,
      addressLine2: body.address_line_2 ?? lead.addressLine2,
      city: body.city ?? lead.city,
      province: body.province ?? lead.province,
      postalCode: body.postal_code ?? lead.postalCode,
      callerId: body.caller_id ?? lead.callerId,
      status: body.status ?? lead.status,
      phones: body.phone_numbers ? body.phone_numbers.map((p, i) => this.phone(sys, p, i)) : lead.phones,
      updatedAt: sys.clock.now(),
    };
    this.stores.leads.update(next);
    this.onEdited(sys, leadId, lead.status);
  }

  delete(sys: SystemContext, leadId: number): void {
    if (!this.stores.leads.delete(sys.systemId, leadId)) throw DomainError.notFound('lead_id', 'lead', leadId);
  }

  page(
    sys: SystemContext,
    listId: number,
    query: { status?: string | undefined; page: number; page_size: number },
  ): { list_id: number; page: number; page_size: number; total: number; leads: LeadView[] } {
    this.requireList(sys, listId, 'list_id');
    const offset = (query.page - 1) * query.page_size;
    const { total, leads } = this.stores.leads.page(sys.systemId, listId, query.status, offset, query.page_size);
    return { list_id: listId, page: query.page, page_size: query.page_size, total, leads: leads.map(leadToView) };
  }

  /** The request's `phone_numbers[index]` as stored; a schedule out of range refuses the whole request (date-input.ts). */
  private phone(sys: SystemContext, p: PhoneInput, index: number): LeadPhone {
    const scheduled = p.schedule_call_date_time ? parseScheduleDateTime(sys, p.schedule_call_date_time) : null;
    const refused = scheduled === null ? undefined : scheduleRefusal(scheduled, sys.clock.now());
    if (refused !== undefined) throw DomainError.validation(`phone_numbers.${index}.schedule_call_date_time`, refused);
    return {
      phone_number: p.phone_number,
      phone_type_id: p.phone_type_id ?? 1,
      time_zone_id: p.time_zone_id ?? 0,
      high_priority: p.high_priority ?? false,
      schedule_call_at: scheduled,
    };
  }

  private require(sys: SystemContext, leadId: number): LeadRecord {
    const lead = this.stores.leads.get(sys.systemId, leadId);
    if (!lead) throw DomainError.notFound('lead_id', 'lead', leadId);
    return lead;
  }

  private requireList(sys: SystemContext, listId: number, field = 'list_id'): void {
    if (!this.stores.lists.get(sys.systemId, listId)) throw DomainError.notFound(field, 'list', listId);
  }
}

export function emptyLead(systemId: number, leadId: number, listId: number, now: number): LeadRecord {
  return {
    systemId,
    leadId,
    listId,
    firstName: '',
    lastName: '',
    otherInfo: '',
    uniqueId: '',
    leadProvider: '',
    cost: null,
    title: '',
    email1: '',
    email2: '',
    messenger: '',
    addressLine1: '',
    addressLine2: '',
    city: '',
    province: '',
    postalCode: '',
    callerId: '',
    status: 'NEW',
    attempts: 0,
    lastCallId: 0,
    lastCallAt: null,
    callbackAt: null,
    phones: [],
    createdAt: now,
    updatedAt: now,
  };
}

const dt = (ms: number | null): string | null => (ms === null ? null : formatDateTime(ms));

export function leadToView(l: LeadRecord): LeadView {
  return {
    lead_id: l.leadId,
    list_id: l.listId,
    first_name: l.firstName,
    last_name: l.lastName,
    other_info: l.otherInfo,
    unique_id: l.uniqueId,
    lead_provider: l.leadProvider,
    cost: l.cost,
    title: l.title,
    email_1: l.email1,
    email_2: l.email2,
    messenger: l.messenger,
    address_line_1: l.addressLine1,
    address_line_2: l.addressLine2,
    city: l.city,
    province: l.province,
    postal_code: l.postalCode,
    caller_id: l.callerId,
    status: l.status,
    attempts: l.attempts,
    last_call_id: l.lastCallId,
    last_call_date_time: dt(l.lastCallAt),
    callback_date_time: dt(l.callbackAt),
    phone_numbers: l.phones.map((p) => ({
      phone_number: p.phone_number,
      phone_type_id: p.phone_type_id,
      time_zone_id: p.time_zone_id,
      high_priority: p.high_priority,
      schedule_call_date_time: dt(p.schedule_call_at),
    })),
    created_at: formatDateTime(l.createdAt),
  };
}
