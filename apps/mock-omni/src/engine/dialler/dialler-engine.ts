/**
 * The dialler: lead lists, campaigns that dial by themselves (Progressive, predictive, blended), Preview, and Inbound
 * queues, on the call machine of engine/calls.
 *
 * The engine is pure: commands come in with the time they happen at (`at`, the system's clock), state
 * lives behind two ports (`LeadSource` for leads, `DiallerStore` for agents, calls in hand and
 * per-campaign runtime), and everything that reaches outside comes back as effects, in order:
 * - `set_timer` / `cancel_timer` — "at time T do X" (call-timers.ts, dialler-timers.ts); when one falls
 *   due, pass its kind and payload to `onTimer`;
 * - `notify` — a notification for the outbox (`call_state`, `recording`, `cdr`, `inbound`);
 * - `route` — an answered call is put through to an agent: the agent is now `on_call` on it and the
 *   call is the agent's (role `agent`): the agent-call flow drives it from here (hold, hangup,
 *   dispose, wrap-up) and reports back with `callCompleted` and `agentState`.
 *
 * A dialler call's life: placed for the campaign (role `system`, `call_type` 2, user 0) → the callee rings, answers or
 * fails per its plan → answered by a person (or a machine AMD does not screen) it goes to the longest-idle ready
 * agent, or waits up to 2 s for one and is dropped (`DROP`); a machine screened by AMD is dropped as `A`. An inbound
 * call (`call_type` 3) rings the campaign's queue at once; the longest-idle ready agent takes it (the `inbound`
 * notification fires then), or the caller leaves when their patience runs out (`ABAND`). Calls no agent took send
 * their CDR when they end, with user 0 and the system disposition (B.5).
 *
 * `createDialler` composes the modules that do this over one command working set (dialler-context.ts):
 * dialler-outbound.ts (dialling, pacing, leads taken and settled), dialler-routing.ts (a waiting call to an agent),
 * dialler-inbound.ts (the queue and the arrival process), dialler-preview.ts and dialler-agents.ts (agent state,
 * completed calls).
 *
 * @module
 */

import type { AgentState } from '@omnikit/contracts';
import type { CampaignStatsView, InboundArrivalProcess, InboundArrivalView } from '@omnikit/contracts/control';
import type { CallRecord } from '../calls/call-record.js';
import { CALL_TIMER_KINDS, parseCallEventPayload, parseCallIdPayload } from '../calls/call-timers.js';
import { buildCampaignStats, newCampaignCounters } from './campaign-stats.js';
import { agentState, callCompleted, leadCallEnded } from './dialler-agents.js';
import {
  beginCommand,
  type DiallerDeps,
  type DiallerEffect,
  diallerContext,
  endCommand,
  requireCampaign,
} from './dialler-context.js';
import {
  abandonQueuedCall,
  arrivalView,
  arrive,
  inboundCall,
  setArrivalProcess,
  stopArrivalProcess,
} from './dialler-inbound.js';
import { dropWaitingCall, leadEdited, outboundCallInput, paceOutbound, wakeCampaign } from './dialler-outbound.js';
import { leadDialled, previewNext, previewSkip } from './dialler-preview.js';
import { serveWaitingCalls } from './dialler-routing.js';
import { DIALLER_TIMER_KINDS, parseCampaignTimerPayload } from './dialler-timers.js';
import type { DiallerLead } from './lead-source.js';

export type { DiallerDeps, DiallerEffect } from './dialler-context.js';

/** The dialler's commands: each runs at `at` and returns its effects in the order they must happen. */
export interface Dialler {
  /** An agent's state as the agent-call flow and the API set it (login → `paused`, `ready`, …, `logged_out`). */
  agentState(input: { userId: number; campaignId: number; state: AgentState }, at: number): DiallerEffect[];
  /** One inbound call now on `did` (`POST /__mock/inbound`). 404 when no campaign takes calls on it. */
  inboundCall(input: { did: string; phoneNumber: string }, at: number): { callId: number; effects: DiallerEffect[] };
  /** Starts (or replaces) a campaign's seeded arrival process. */
  setArrivalProcess(process: InboundArrivalProcess, at: number): DiallerEffect[];
  stopArrivalProcess(campaignId: number): DiallerEffect[];
  arrivalView(campaignId: number): InboundArrivalView | null;
  /** A timer of one of `DIALLER_HANDLED_TIMER_KINDS` fell due. */
  onTimer(kind: string, payload: unknown, at: number): DiallerEffect[];
  /** Whether the dialler has this call in hand (a `call_event` of it is the dialler's to handle). */
  hasCall(callId: number): boolean;
  /**
   * An agent's call ended and its wrap-up is over (its CDR is being sent): the lead takes the call's
   * disposition (with the callback date of a `CALLBK`), and the campaign counts the handled call.
   */
  callCompleted(record: CallRecord, facts: { callbackAt?: number | null }, at: number): DiallerEffect[];
  /**
   * An agent's call on a lead ended with no CDR to settle it (a shotgun race lost or cancelled, its first leg given):
   * the lead takes `disposition` and is let go of; the campaign paces. `rung`: every number the dial rang (the race's
   * legs), none of which is due again at once.
   */
  leadCallEnded(record: CallRecord, disposition: string, rung: readonly string[], at: number): DiallerEffect[];
  /**
   * A lead was edited through the API (numbers, status, list, priority, schedule): the dialler's
   * record of it (list, priority, when due) follows the lead as it is now (`dueAfterEdit`). Pace
   * its campaigns afterwards. Nothing for a lead that no longer exists.
   */
  leadEdited(input: { leadId: number; previousStatus: string }, at: number): void;
  /** An agent dialled a lead (a preview lead, or a call with `lead_id`): it counts as an attempt. */
  leadDialled(input: { leadId: number; callId: number; userId: number }, at: number): void;
  /** Preview (B.8): the next lead for the agent, held for them until called or skipped; null when none. */
  previewNext(userId: number, at: number): DiallerLead | null;
  previewSkip(userId: number, leadId: number, at: number): void;
  /** Places the calls the campaign's pacing wants now (after leads were added or settings changed). */
  pace(campaignId: number, at: number): DiallerEffect[];
  stats(campaignId: number, at: number): CampaignStatsView;
}

/** Timer kinds `onTimer` takes: the calls' two (for calls in the dialler's hands) and its own four. */
export const DIALLER_HANDLED_TIMER_KINDS: readonly string[] = [
  CALL_TIMER_KINDS.event,
  CALL_TIMER_KINDS.noAnswer,
  ...Object.values(DIALLER_TIMER_KINDS),
];

export function createDialler(deps: DiallerDeps): Dialler {
  const ctx = diallerContext(deps);
  const { leads, store } = ctx;

  return {
    agentState: (input, at) => agentState(ctx, input, at),
    inboundCall: (input, at) => inboundCall(ctx, input, at),
    setArrivalProcess: (process, at) => setArrivalProcess(ctx, process, at),
    stopArrivalProcess: (campaignId) => stopArrivalProcess(ctx, campaignId),
    arrivalView: (campaignId) => arrivalView(ctx, campaignId),

    onTimer(kind, payload, at) {
      const cmd = beginCommand(at);
      if (kind === CALL_TIMER_KINDS.event) {
        const ev = parseCallEventPayload(payload);
        const call = ev && store.call(ev.call_id);
        if (ev && call) outboundCallInput(ctx, cmd, call, ev.input);
      } else if (kind === CALL_TIMER_KINDS.noAnswer) {
        const id = parseCallIdPayload(payload);
        const call = id === null ? undefined : store.call(id);
        if (call?.phase === 'dialling') outboundCallInput(ctx, cmd, call, { type: 'no_answer_timeout' });
      } else if (kind === DIALLER_TIMER_KINDS.drop) {
        const id = parseCallIdPayload(payload);
        const call = id === null ? undefined : store.call(id);
        if (call?.phase === 'waiting') dropWaitingCall(ctx, cmd, call);
      } else if (kind === DIALLER_TIMER_KINDS.abandon) {
        const id = parseCallIdPayload(payload);
        const call = id === null ? undefined : store.call(id);
        if (call?.phase === 'queued') abandonQueuedCall(ctx, cmd, call);
      } else if (kind === DIALLER_TIMER_KINDS.arrival) {
        const p = parseCampaignTimerPayload(payload);
        if (p) arrive(ctx, cmd, p.campaignId, p.seq);
      } else if (kind === DIALLER_TIMER_KINDS.wake) {
        const p = parseCampaignTimerPayload(payload);
        if (p) wakeCampaign(ctx, cmd, p.campaignId);
      } else throw new Error(`the dialler has no timer of kind "${kind}"`);
      return endCommand(ctx, cmd);
    },

    hasCall(callId) {
      return store.holds(callId);
    },

    callCompleted: (record, facts, at) => callCompleted(ctx, record, facts, at),
    leadCallEnded: (record, disposition, rung, at) => leadCallEnded(ctx, record, disposition, rung, at),
    leadEdited: (input, at) => leadEdited(ctx, input, at),
    leadDialled: (input, at) => leadDialled(ctx, input, at),
    previewNext: (userId, at) => previewNext(ctx, userId, at),
    previewSkip: (userId, leadId, at) => previewSkip(ctx, userId, leadId, at),

    pace(campaignId, at) {
      requireCampaign(ctx, campaignId);
      const cmd = beginCommand(at);
      serveWaitingCalls(ctx, cmd, campaignId);
      paceOutbound(ctx, cmd, campaignId);
      return endCommand(ctx, cmd);
    },

    stats(campaignId, at) {
      const campaign = requireCampaign(ctx, campaignId);
      const rt = store.runtime(campaignId);
      const counters = rt?.stats ?? newCampaignCounters(at);
      return buildCampaignStats({
        campaignId,
        counters,
        agents: store.agents(campaignId),
        queueLength: store.waitingCount(campaignId, 'queued'),
        linesPerAgent: rt?.pacing.linesPerAgent ?? 0,
        leadsRemaining: leads.remaining(campaign.listIds),
        at,
      });
    },
  };
}
