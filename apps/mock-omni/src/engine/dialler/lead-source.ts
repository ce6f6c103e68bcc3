import type { LeadPhone } from '../ports.js';

/**
 * A lead as the dialler sees it: the stored lead (B.8, A.6) narrowed to what dialling needs, plus
 * `dueAt`, the one column the dialler adds. The engine computes `dueAt` (lead-policy.ts) whenever it
 * changes a lead; the store keeps it so that "the next lead to dial" is one indexed query.
 */
export interface DiallerLead {
  leadId: number;
  listId: number;
  uniqueId: string;
  /** `NEW`, then the last disposition code (B.8). */
  status: string;
  /** Dials so far (every number, every pass). */
  attempts: number;
  lastCallId: number;
  /** Virtual epoch ms of the last dial, or null. */
  lastCallAt: number | null;
  /** A `CALLBK` callback's date (virtual epoch ms), or null. */
  callbackAt: number | null;
  /**
   * While the status is `CALLBK`: the number the lead's last call (`lastCallId`) dialled — where the person was reached
   * and asked to be called back, which the callback dials (lead-policy.ts). It follows `lastCallId` wherever that was
   * set: a shotgun race won on another of the lead's numbers, an agent's call with `lead_id`. null for any other
   * status, or when that call is unknown. The SQLite store reads it from the call (what `save` is given is not kept).
   */
  callbackNumber: string | null;
  /** The lead's numbers, dialled in this order. */
  phones: readonly LeadPhone[];
  /** When the dialler may dial it next (virtual epoch ms); null: never again (final, exhausted or DNC). */
  dueAt: number | null;
}

/**
 * The port the store implements for the dialler (on the leads table in SQLite; in memory for tests
 * and the simulation). Every method is synchronous and small, and runs inside the command's
 * transaction. `test/dialler/support/lead-source-contract.ts` holds the behaviour any implementation must
 * show; run it against the SQLite one too.
 */
export interface LeadSource {
  /**
   * The lead to dial next among `listIds` at `now`: due (`dueAt` ≤ now), not held. Order: leads with a
   * `high_priority` number first, then the earliest `dueAt`, then the lowest `leadId`.
   */
  next(listIds: readonly number[], now: number): DiallerLead | undefined;
  /** The earliest `dueAt` among the lists' leads that are not held (due or not), or undefined: when to look again. */
  nextDueAt(listIds: readonly number[]): number | undefined;
  get(leadId: number): DiallerLead | undefined;
  /** Stores the dialler's changes to a lead (status, attempts, last call, callback, `dueAt`). */
  save(lead: DiallerLead): void;
  /**
   * Holds a lead for a call in progress (`call:<id>`) or an agent's preview (`user:<id>`): `next`
   * never returns a held lead. False (and nothing changes) when it is already held.
   */
  hold(leadId: number, holder: string): boolean;
  release(leadId: number): void;
  holder(leadId: number): string | undefined;
  /** Never to be dialled (B.8): on the system's DNC list, or a number of a lead whose status is `DNC`. */
  isDnc(phoneNumber: string): boolean;
  /** Leads of these lists the dialler will still dial, now or later (`dueAt` not null). */
  remaining(listIds: readonly number[]): number;
}
