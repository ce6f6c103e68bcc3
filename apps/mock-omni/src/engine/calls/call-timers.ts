/**
 * "At time T do X" for the calls the dialler and the shotgun place, as durable timers: a kind, a due time, a ref to
 * cancel by, and a JSON payload — exactly what `TimerService.schedule(systemId, dueAt, kind, payload, ref)` stores.
 * The engine never runs a scheduler itself: it returns these as effects, and whoever drives it (the server's timer
 * service, or the simulation harness's queue) calls back with the payload when the time comes.
 *
 * Two kinds belong to calls and are shared by every call the engine dials:
 * - `call_event` `{ call_id, input }`: a network event of the callee's plan (ringing, answered,
 *   failed with a SIP code, callee hangup) — one timer per event, all set at the dial;
 * - `call_no_answer` `{ call_id }`: the campaign's no-answer time ran out.
 * Both use the ref `call:<call_id>`, so that the machine's `cancel_timer network` / `no_answer`
 * cancel every pending one of the call. Who handles a fired one depends on who has the call then:
 * the shotgun race while it is racing, the dialler while no agent has it, else the agent-call flow.
 *
 * @module
 */

import type { CallEffect } from './call-machine.js';
import { type CalleePlan, calleeEvents, type ScheduledCalleeEvent } from './callee-model.js';

/** The two timer kinds every dialled call uses, as described above. */
export const CALL_TIMER_KINDS = { event: 'call_event', noAnswer: 'call_no_answer' } as const;

/** The network inputs a callee's plan produces (JSON-safe). */
export type CalleeInput = ScheduledCalleeEvent['input'];

export interface CallEventPayload {
  call_id: number;
  input: CalleeInput;
}

export interface CallNoAnswerPayload {
  call_id: number;
}

export type TimerEffect =
  | { type: 'set_timer'; kind: string; dueAt: number; ref: string; payload: Record<string, unknown> }
  | { type: 'cancel_timer'; kind: string; ref: string };

export function callTimerRef(callId: number): string {
  return `call:${callId}`;
}

/** The timers of a dial at `at`: each event of the callee's plan, and the no-answer timeout. */
export function dialTimers(callId: number, plan: CalleePlan, noAnswerMs: number, at: number): TimerEffect[] {
  const ref = callTimerRef(callId);
  const timers: TimerEffect[] = calleeEvents(plan, noAnswerMs).map((e) => ({
    type: 'set_timer',
    kind: CALL_TIMER_KINDS.event,
    dueAt: at + e.afterMs,
    ref,
    payload: { call_id: callId, input: e.input } satisfies CallEventPayload,
  }));
  timers.push({
    type: 'set_timer',
    kind: CALL_TIMER_KINDS.noAnswer,
    dueAt: at + noAnswerMs,
    ref,
    payload: { call_id: callId } satisfies CallNoAnswerPayload,
  });
  return timers;
}

/** The machine's `cancel_timer` effects as durable cancels (`network` → the callee's events). */
export function cancelledCallTimers(callId: number, effects: readonly CallEffect[]): TimerEffect[] {
  const ref = callTimerRef(callId);
  const out: TimerEffect[] = [];
  for (const e of effects) {
    if (e.type !== 'cancel_timer') continue;
    if (e.timer === 'network') out.push({ type: 'cancel_timer', kind: CALL_TIMER_KINDS.event, ref });
    else if (e.timer === 'no_answer') out.push({ type: 'cancel_timer', kind: CALL_TIMER_KINDS.noAnswer, ref });
  }
  return out;
}

/** Reads a `call_event` payload back (it comes from JSON storage): null when it is not one. */
export function parseCallEventPayload(payload: unknown): CallEventPayload | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const p = payload as { call_id?: unknown; input?: unknown };
  if (typeof p.call_id !== 'number' || typeof p.input !== 'object' || p.input === null) return null;
  const input = p.input as { type?: unknown; sipCode?: unknown };
  if (input.type === 'ringing' || input.type === 'answered' || input.type === 'callee_hangup')
    return { call_id: p.call_id, input: { type: input.type } };
  if (input.type === 'failed' && typeof input.sipCode === 'number')
    return { call_id: p.call_id, input: { type: 'failed', sipCode: input.sipCode } };
  return null;
}

/** Reads a payload carrying only a call id (`call_no_answer` and the dialler's call timers). */
export function parseCallIdPayload(payload: unknown): number | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const id = (payload as { call_id?: unknown }).call_id;
  return typeof id === 'number' && Number.isInteger(id) && id > 0 ? id : null;
}
