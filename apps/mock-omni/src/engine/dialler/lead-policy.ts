/**
 * The lead rules (B.8, B.9), as pure functions of a lead, so that the store only has to keep `dueAt`:
 *
 * - Numbers are tried in order, one per dial: dial k (k = attempts so far) uses number `k mod n`. A
 *   pass ends when every number has been tried once. A `CALLBK` dials again the number that was
 *   answered: the number of the lead's last call (`callbackNumber`, read through `lastCallId`), whichever
 *   dial placed it — the dialler's, an agent's call with `lead_id`, a shotgun race won on any of the
 *   lead's numbers (inferred: a callback is a promise to call the person back where they were reached).
 *   Only a lead's own numbers are dialled: when that number is no longer one of them (edited away, or the
 *   agent's call was to another number), the callback dials number `(k - 1) mod n`, the one the count
 *   points at. A number that is on the DNC list is skipped (the next in order is dialled instead); a
 *   lead whose every number is DNC is never dialled.
 * - After a system outcome that recycles — `NA`, `N` (no answer), `B` (busy), `A` (machine), `DROP` —
 *   the lead's next number is due at once while the pass has numbers left, else after the campaign's
 *   `recycle_delay_minutes`. `DC` (invalid number) moves on to the next number the same way; at the end
 *   of a pass it recycles only when the lead has other numbers (a lone dead number is final).
 * - `CALLBK` is due at its callback date (after the recycle delay when none was given).
 * - Every other code is final: agent codes (`SALE`, `NI`, `DNC`, `XFER`, a campaign's own), `TIMEOT`.
 * - `max_attempts` caps dials per lead, callbacks included: a lead with that many dials is not dialled again.
 * - A shotgun race with `lead_id` is one dial however many numbers it rings (inferred); lost or cancelled, the lead
 *   recycles as at a pass's end when its next number is one the race rang, rather than ringing it again at once.
 * - A number's `schedule_call_date_time` holds it back until then; `high_priority` on any number puts
 *   the lead ahead of every other due lead.
 *
 * @module
 */

import type { DiallerCampaign } from './dialler-campaign.js';
import type { DiallerLead } from './lead-source.js';

export const RECYCLABLE_DISPOSITIONS: ReadonlySet<string> = new Set(['NA', 'N', 'B', 'A', 'DROP']);

export interface LeadPolicy {
  maxAttempts: number;
  recycleDelayMs: number;
}

export function leadPolicy(c: Pick<DiallerCampaign, 'maxAttempts' | 'recycleDelayMinutes'>): LeadPolicy {
  return { maxAttempts: c.maxAttempts, recycleDelayMs: c.recycleDelayMinutes * 60_000 };
}

type LeadShape = Pick<DiallerLead, 'phones' | 'attempts' | 'status' | 'callbackNumber'>;

export function isPriorityLead(lead: Pick<DiallerLead, 'phones'>): boolean {
  return lead.phones.some((p) => p.high_priority);
}

/** The number the lead's next dial starts from (before skipping DNC numbers). */
export function nextPhoneIndex(lead: LeadShape): number {
  const n = lead.phones.length;
  if (n === 0) return 0;
  if (lead.status === 'CALLBK') {
    const answered = lead.phones.findIndex((p) => p.phone_number === lead.callbackNumber);
    if (answered >= 0) return answered;
  }
  const k = lead.status === 'CALLBK' && lead.attempts > 0 ? lead.attempts - 1 : lead.attempts;
  return k % n;
}

/** The number to dial now: the next in order that is not DNC; null when every number is. */
export function phoneToDial(
  lead: LeadShape,
  isDnc: (phoneNumber: string) => boolean,
): { index: number; phoneNumber: string } | null {
  const n = lead.phones.length;
  const start = nextPhoneIndex(lead);
  for (let i = 0; i < n; i++) {
    const index = (start + i) % n;
    const phoneNumber = lead.phones[index]?.phone_number;
    if (phoneNumber !== undefined && !isDnc(phoneNumber)) return { index, phoneNumber };
  }
  return null;
}

/** When a lead just added is first due: its first number's schedule, else at once. */
export function initialDueAt(lead: Pick<DiallerLead, 'phones' | 'status'>, createdAt: number): number | null {
  if (lead.status === 'DNC' || lead.phones.length === 0) return null;
  return lead.phones[0]?.schedule_call_at ?? createdAt;
}

/**
 * When a lead edited through the API (`PUT /omni/lead/{id}`) is due, given its status before the
 * edit (inferred: B.8 says nothing of edits; Omni's dialler reads the lead as it is at each dial).
 * - `DNC`, or no number left: never again.
 * - The status was changed: to `NEW` the lead starts over (due at its first number's schedule, else
 *   when it was due, else now); to `CALLBK` at its callback date, else now; to a code that
 *   recycles (`NA`, `N`, `B`, `A`, `DROP`, `DC`) now, as if that call had just ended; to a final
 *   code never.
 * - Only numbers or details changed: a new lead is due at its first number's schedule, else when it
 *   was due (now at the latest); a lead being recycled stays due when it was, held back to its next
 *   number's schedule; a lead retired while its status still allows dials (its numbers were
 *   all DNC) is due now. `max_attempts` and the DNC list are checked again at the dial.
 */
export function dueAfterEdit(lead: DiallerLead, previousStatus: string, at: number): number | null {
  if (lead.status === 'DNC' || lead.phones.length === 0) return null;
  const schedule = lead.phones[nextPhoneIndex(lead)]?.schedule_call_at ?? null;
  const notBefore = (t: number) => Math.max(t, schedule ?? t);
  const open = lead.status === 'NEW' || lead.status === 'DC' || RECYCLABLE_DISPOSITIONS.has(lead.status);
  if (lead.status !== previousStatus) {
    if (lead.status === 'NEW') return lead.phones[0]?.schedule_call_at ?? lead.dueAt ?? at;
    if (lead.status === 'CALLBK') return lead.callbackAt ?? at;
    return open ? notBefore(at) : null;
  }
  // A new lead is due at its first number's schedule, else from when it was added (or now).
  if (lead.dueAt !== null)
    return lead.status === 'NEW' ? (schedule ?? Math.min(lead.dueAt, at)) : notBefore(lead.dueAt);
  return open || lead.status === 'CALLBK' ? notBefore(at) : null;
}

/** The lead as a dial starts: one more attempt, the call, and the time. */
export function leadAfterDial(lead: DiallerLead, callId: number, at: number): DiallerLead {
  return { ...lead, attempts: lead.attempts + 1, lastCallId: callId, lastCallAt: at };
}

/**
 * The lead once its call ended with `disposition` (the call's `dispostion_code`). `rung`: the numbers the attempt rang
 * (a shotgun race rings several in one attempt): when the lead's next number is among them, the pass has nothing new
 * to dial at once, and the lead recycles as at a pass's end. `calledNumber`: the number the lead's last call dialled
 * (a `CALLBK` dials it again), when the call that ended is that call; else the lead's own `callbackNumber` stands.
 */
export function leadAfterCall(
  lead: DiallerLead,
  disposition: string,
  options: {
    at: number;
    policy: LeadPolicy;
    callbackAt?: number | null;
    rung?: readonly string[];
    calledNumber?: string;
  },
): DiallerLead {
  const callback = disposition === 'CALLBK';
  const next: DiallerLead = {
    ...lead,
    status: disposition,
    callbackAt: callback ? (options.callbackAt ?? null) : null,
    callbackNumber: callback ? (options.calledNumber ?? lead.callbackNumber) : null,
  };
  return { ...next, dueAt: dueAfterCall(next, options.at, options.policy, options.rung ?? []) };
}

function dueAfterCall(lead: DiallerLead, at: number, policy: LeadPolicy, rung: readonly string[]): number | null {
  const n = lead.phones.length;
  if (n === 0 || lead.status === 'DNC' || lead.attempts >= policy.maxAttempts) return null;
  const nextIndex = nextPhoneIndex(lead);
  const notBefore = (t: number) => Math.max(t, lead.phones[nextIndex]?.schedule_call_at ?? t);
  const nextRung = rung.includes(lead.phones[nextIndex]?.phone_number ?? '');
  const passHasMore = n > 1 && lead.attempts % n !== 0 && !nextRung;
  if (lead.status === 'CALLBK') return lead.callbackAt ?? at + policy.recycleDelayMs;
  if (RECYCLABLE_DISPOSITIONS.has(lead.status))
    return passHasMore ? notBefore(at) : notBefore(at + policy.recycleDelayMs);
  if (lead.status === 'DC') {
    if (passHasMore) return notBefore(at);
    return n > 1 ? notBefore(at + policy.recycleDelayMs) : null;
  }
  return null;
}
