import type { DiallerCampaign } from './dialler-campaign.js';
import type { DiallerLead } from './lead-source.js';

/**
 * The lead rules (B.8, B.9), as pure functions of a lead, so that the store only has to keep `dueAt`:
 *
 * - Numbers are tried in order, one per dial: dial k (k = attempts so far) uses number `k mod n`. A
 *   pass ends when every number has been tried once. A `CALLBK` dials again the number that was
 *   answered. A number that is on the DNC list is skipped (the next in order is dialled instead); a
 *   lead whose every number is DNC is never dialled.
 * - After a system outcome that recycles — `NA`, `N` (no answer), `B` (busy), `A` (machine), `DROP` —
 *   the lead's next number is due at once while the pass has numbers left, else after the campaign's
 *   `recycle_delay_minutes`. `DC` (invalid number) moves on to the next number the same way; at the end
 *   of a pass it recycles only when the lead has other numbers (a lone dead number is final).
 * - `CALLBK` is due at its callback date (after the recycle delay when none was given).
 * - Every other code is final: agent codes (`SALE`, `NI`, `DNC`, `XFER`, a campaign's own), `TIMEOT`.
 * - `max_attempts` caps dials per lead, callbacks included: a lead with that many dials is not dialled again.
 * - A number's `schedule_call_date_time` holds it back until then; `high_priority` on any number puts
 *   the lead ahead of every other due lead.
 */

export const RECYCLABLE_DISPOSITIONS: ReadonlySet<string> = new Set(['NA', 'N', 'B', 'A', 'DROP']);

export interface LeadPolicy {
  maxAttempts: number;
  recycleDelayMs: number;
}

export function leadPolicy(c: Pick<DiallerCampaign, 'maxAttempts' | 'recycleDelayMinutes'>): LeadPolicy {
  return { maxAttempts: c.maxAttempts, recycleDelayMs: c.recycleDelayMinutes * 60_000 };
}

type LeadShape = Pick<DiallerLead, 'phones' | 'attempts' | 'status'>;

export function isPriorityLead(lead: Pick<DiallerLead, 'phones'>): boolean {
  return lead.phones.some((p) => p.high_priority);
}

/** The number the lead's next dial starts from (before skipping DNC numbers). */
export function nextPhoneIndex(lead: LeadShape): number {
  const n = lead.phones.length;
  if (n === 0) return 0;
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

/** The lead as a dial starts: one more attempt, the call, and the time. */
export function leadAfterDial(lead: DiallerLead, callId: number, at: number): DiallerLead {
  return { ...lead, attempts: lead.attempts + 1, lastCallId: callId, lastCallAt: at };
}

/** The lead once its call ended with `disposition` (the call's `dispostion_code`). */
export function leadAfterCall(
  lead: DiallerLead,
  disposition: string,
  options: { at: number; policy: LeadPolicy; callbackAt?: number | null },
): DiallerLead {
  const next: DiallerLead = {
    ...lead,
    status: disposition,
    callbackAt: disposition === 'CALLBK' ? (options.callbackAt ?? null) : null,
  };
  return { ...next, dueAt: dueAfterCall(next, options.at, options.policy) };
}

function dueAfterCall(lead: DiallerLead, at: number, policy: LeadPolicy): number | null {
  const n = lead.phones.length;
  if (n === 0 || lead.status === 'DNC' || lead.attempts >= policy.maxAttempts) return null;
  const nextIndex = nextPhoneIndex(lead);
  const notBefore = (t: number) => Math.max(t, lead.phones[nextIndex]?.schedule_call_at ?? t);
  const passHasMore = n > 1 && lead.attempts % n !== 0;
  if (lead.status === 'CALLBK') return lead.callbackAt ?? at + policy.recycleDelayMs;
  if (RECYCLABLE_DISPOSITIONS.has(lead.status))
    return passHasMore ? notBefore(at) : notBefore(at + policy.recycleDelayMs);
  if (lead.status === 'DC') {
    if (passHasMore) return notBefore(at);
    return n > 1 ? notBefore(at + policy.recycleDelayMs) : null;
  }
  return null;
}
