/**
 * The dialler's own timer kinds (beside the calls' `call_event` and `call_no_answer`, call-timers.ts). Each is `{
 * kind, dueAt, ref, payload }` for `TimerService.schedule`; the handler passes the kind and the payload back to
 * `dialler.onTimer(kind, payload, now)`.
 *
 * | kind | payload | ref | when |
 * |---|---|---|---|
 * | `dialler_drop` | `{ call_id }` | `call:<id>` | 2 s after an outbound call was answered with no agent free: drop it (`DROP`) |
 * | `inbound_abandon` | `{ call_id }` | `call:<id>` | a queued caller's patience ran out: they leave (`ABAND`) |
 * | `inbound_arrival` | `{ campaign_id, seq }` | `campaign:<id>` | the arrival process's next caller |
 * | `dialler_wake` | `{ campaign_id }` | `campaign:<id>` | a lead falls due (recycle, callback, schedule): pace again |
 *
 * @module
 */

/** The dialler's timer kinds, as in the table above. */
export const DIALLER_TIMER_KINDS = {
  drop: 'dialler_drop',
  abandon: 'inbound_abandon',
  arrival: 'inbound_arrival',
  wake: 'dialler_wake',
} as const;

/** How long an answered outbound call waits for a free agent before it is dropped. */
export const DROP_AFTER_MS = 2_000;

export function campaignTimerRef(campaignId: number): string {
  return `campaign:${campaignId}`;
}

export interface ArrivalTimerPayload {
  campaign_id: number;
  seq: number;
}

export interface WakeTimerPayload {
  campaign_id: number;
}

/** Reads `{ campaign_id, seq? }` back from a stored payload; null when it is not one. */
export function parseCampaignTimerPayload(payload: unknown): { campaignId: number; seq: number } | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const p = payload as { campaign_id?: unknown; seq?: unknown };
  if (typeof p.campaign_id !== 'number' || !Number.isInteger(p.campaign_id)) return null;
  return { campaignId: p.campaign_id, seq: typeof p.seq === 'number' ? p.seq : 0 };
}
