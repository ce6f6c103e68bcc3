/**
 * The lead port in memory (tests, the simulation harness, the bench). Each list keeps two heaps of its leads that are
 * not held and have a `dueAt` — high-priority ones and the rest — ordered by `dueAt` then `leadId`; entries go stale
 * when a lead changes (a version number tells) and are skipped when they reach the top. So `next` is O(log n) however
 * many leads wait for later. Leads are copied in and out; their `phones` arrays are shared, never changed in place
 * (the dialler replaces a lead's fields, never its numbers).
 *
 * @module
 */

import { isPriorityLead } from '../../src/engine/dialler/lead-policy.js';
import type { DiallerLead, LeadSource } from '../../src/engine/dialler/lead-source.js';
import { MinHeap } from '../../src/engine/min-heap.js';
import type { LeadPhone } from '../../src/engine/ports.js';

interface Entry {
  dueAt: number;
  leadId: number;
  version: number;
}

interface ListIndex {
  priority: MinHeap<Entry>;
  normal: MinHeap<Entry>;
}

export interface MemoryLeadSource extends LeadSource {
  /** Adds or replaces a lead (as the store does when the API adds or updates one). */
  put(lead: DiallerLead): void;
  /** Adds numbers to the system's DNC list. */
  addDnc(...phoneNumbers: string[]): void;
  all(): DiallerLead[];
}

const byDue = (a: Entry, b: Entry) => a.dueAt < b.dueAt || (a.dueAt === b.dueAt && a.leadId < b.leadId);

export function createMemoryLeadSource(options: { dnc?: Iterable<string> } = {}): MemoryLeadSource {
  const leads = new Map<number, DiallerLead>();
  const versions = new Map<number, number>();
  const holders = new Map<number, string>();
  const lists = new Map<number, ListIndex>();
  const systemDnc = new Set(options.dnc ?? []);
  /** Numbers of leads whose status is DNC, counted (two DNC leads may share a number). */
  const dncLeadPhones = new Map<string, number>();

  const listIndex = (listId: number): ListIndex => {
    let index = lists.get(listId);
    if (!index) {
      index = { priority: new MinHeap(byDue), normal: new MinHeap(byDue) };
      lists.set(listId, index);
    }
    return index;
  };

  const isLive = (e: Entry) => versions.get(e.leadId) === e.version;

  const index = (lead: DiallerLead) => {
    const version = (versions.get(lead.leadId) ?? 0) + 1;
    versions.set(lead.leadId, version);
    if (lead.dueAt === null || holders.has(lead.leadId)) return;
    const heaps = listIndex(lead.listId);
    (isPriorityLead(lead) ? heaps.priority : heaps.normal).push({ dueAt: lead.dueAt, leadId: lead.leadId, version });
  };

  const countDncPhones = (phones: readonly LeadPhone[], delta: number) => {
    for (const p of phones) {
      const n = (dncLeadPhones.get(p.phone_number) ?? 0) + delta;
      if (n > 0) dncLeadPhones.set(p.phone_number, n);
      else dncLeadPhones.delete(p.phone_number);
    }
  };

  const top = (heap: MinHeap<Entry>): Entry | undefined => {
    for (let e = heap.peek(); e !== undefined; e = heap.peek()) {
      if (isLive(e)) return e;
      heap.pop();
    }
    return undefined;
  };

  const best = (listIds: readonly number[], pick: (i: ListIndex) => MinHeap<Entry>, now: number) => {
    let found: Entry | undefined;
    for (const listId of listIds) {
      const heaps = lists.get(listId);
      if (!heaps) continue;
      const e = top(pick(heaps));
      if (e && e.dueAt <= now && (!found || byDue(e, found))) found = e;
    }
    return found;
  };

  const save = (lead: DiallerLead) => {
    const before = leads.get(lead.leadId);
    if (before?.status === 'DNC') countDncPhones(before.phones, -1);
    if (lead.status === 'DNC') countDncPhones(lead.phones, +1);
    const copy = { ...lead };
    leads.set(lead.leadId, copy);
    index(copy);
  };

  return {
    put: save,
    save(lead) {
      if (!leads.has(lead.leadId)) throw new Error(`lead ${lead.leadId} does not exist`);
      save(lead);
    },
    get(leadId) {
      const lead = leads.get(leadId);
      return lead ? { ...lead } : undefined;
    },
    next(listIds, now) {
      const e = best(listIds, (i) => i.priority, now) ?? best(listIds, (i) => i.normal, now);
      return e ? this.get(e.leadId) : undefined;
    },
    nextDueAt(listIds) {
      let earliest: number | undefined;
      for (const listId of listIds) {
        const heaps = lists.get(listId);
        if (!heaps) continue;
        for (const heap of [heaps.priority, heaps.normal]) {
          const e = top(heap);
          if (e && (earliest === undefined || e.dueAt < earliest)) earliest = e.dueAt;
        }
      }
      return earliest;
    },
    hold(leadId, holder) {
      if (!leads.has(leadId) || holders.has(leadId)) return false;
      holders.set(leadId, holder);
      versions.set(leadId, (versions.get(leadId) ?? 0) + 1);
      return true;
    },
    release(leadId) {
      if (!holders.delete(leadId)) return;
      const lead = leads.get(leadId);
      if (lead) index(lead);
    },
    holder(leadId) {
      return holders.get(leadId);
    },
    isDnc(phoneNumber) {
      return systemDnc.has(phoneNumber) || dncLeadPhones.has(phoneNumber);
    },
    remaining(listIds) {
      const wanted = new Set(listIds);
      let n = 0;
      for (const lead of leads.values()) if (wanted.has(lead.listId) && lead.dueAt !== null) n++;
      return n;
    },
    addDnc(...phoneNumbers) {
      for (const p of phoneNumbers) systemDnc.add(p);
    },
    all() {
      return [...leads.keys()].sort((a, b) => a - b).map((id) => this.get(id) as DiallerLead);
    },
  };
}
