import { type AgentState, CALL_TYPES, CAMPAIGN_TYPES, formatDateTime } from '@omnikit/contracts';
import type { CampaignStatsView, InboundArrivalProcess, InboundArrivalView } from '@omnikit/contracts/control';
import { callDisposition } from '../calls/call-disposition.js';
import type { CallRecord } from '../calls/call-record.js';
import { startCallRecord } from '../calls/call-step.js';
import { callTimings } from '../calls/call-timing.js';
import { DEFAULT_TALK } from '../calls/callee-model.js';
import { DomainError } from '../domain-error.js';
import {
  type ArrivalSettings,
  arrivalSettings,
  DEFAULT_PATIENCE_MEDIAN_SECONDS,
  DEFAULT_PATIENCE_SIGMA,
  drawCallerNumber,
  drawPatienceMs,
  nextArrivalAt,
} from './arrival-process.js';
import { callNotifications } from './call-notifications.js';
import { CALL_TIMER_KINDS, callTimerRef, parseCallEventPayload, parseCallIdPayload } from './call-timers.js';
import { buildCampaignStats, countAgentTime, countDisposition, newCampaignCounters } from './campaign-stats.js';
import type { DiallerCampaign } from './dialler-campaign.js';
import {
  beginCommand,
  campaignRuntime,
  cancelTimer,
  type DiallerCommand,
  type DiallerDeps,
  type DiallerEffect,
  diallerContext,
  endCommand,
  requireCampaign,
  setTimer,
  stepHeldCall,
} from './dialler-context.js';
import {
  dropWaitingCall,
  endUnroutedCall,
  leadEdited,
  outboundCallInput,
  paceOutbound,
  settleLead,
  takeLead,
  wakeCampaign,
} from './dialler-outbound.js';
import { routeToAgent, serveWaitingCalls } from './dialler-routing.js';
import type { CampaignRuntime, DiallerAgent, DiallerCall } from './dialler-store.js';
import { campaignTimerRef, DIALLER_TIMER_KINDS, parseCampaignTimerPayload } from './dialler-timers.js';
import { leadAfterDial } from './lead-policy.js';
import type { DiallerLead } from './lead-source.js';

export type { DiallerDeps, DiallerEffect } from './dialler-context.js';

/**
 * @module The dialler: lead lists, campaigns that dial by themselves (Progressive, predictive,
 * blended), Preview, and Inbound queues, on the call machine of engine/calls.
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
 * A dialler call's life: placed for the campaign (role `system`, `call_type` 2, user 0) → the callee
 * rings, answers or fails per its plan → answered by a person (or a machine AMD does not screen) it
 * goes to the longest-idle ready agent, or waits up to 2 s for one and is dropped (`DROP`); a machine
 * screened by AMD is dropped as `A`. An inbound call (`call_type` 3) rings the campaign's queue at
 * once; the longest-idle ready agent takes it (the `inbound` notification fires then), or the caller
 * leaves when their patience runs out (`ABAND`). Calls no agent took send their CDR when they end,
 * with user 0 and the system disposition (B.5).
 */

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

const DEFAULT_PATIENCE = {
  patienceMedianMs: DEFAULT_PATIENCE_MEDIAN_SECONDS * 1000,
  patienceSigma: DEFAULT_PATIENCE_SIGMA,
};

export function createDialler(deps: DiallerDeps): Dialler {
  const ctx = diallerContext(deps);
  const { leads, store, campaigns, hours } = ctx;

  // Inbound ----------------------------------------------------------------------------------------

  const placeInbound = (cmd: DiallerCommand, campaign: DiallerCampaign, did: string, phoneNumber: string): number => {
    const rt = campaignRuntime(ctx, cmd, campaign.campaignId);
    const callId = deps.nextCallId();
    const rng = deps.rng.fork(`inbound/${callId}`);
    const patienceMs = drawPatienceMs(rt.arrival?.settings ?? DEFAULT_PATIENCE, rng);
    const talkMs = Math.round(
      Math.min(
        DEFAULT_TALK.maxMs,
        Math.max(DEFAULT_TALK.minMs, rng.logNormal(DEFAULT_TALK.medianMs, DEFAULT_TALK.sigma)),
      ),
    );
    const started = startCallRecord(
      {
        callId,
        userId: 0,
        campaignId: campaign.campaignId,
        listId: 0,
        leadId: 0,
        shotgunId: 0,
        parentCallId: 0,
        phoneNumber,
        callerId: phoneNumber,
        dnis: did,
        uniqueId: '',
        direction: 'inbound',
        callType: CALL_TYPES.INBOUND,
        outcome: null,
      },
      { role: 'system', autoRecord: campaign.autoRecord, at: cmd.at },
    );
    // An inbound call has no callee plan and no no-answer time: only its notification is passed on.
    cmd.effects.push(...callNotifications(started.record, started.effects, cmd.at));
    const ringing = stepHeldCall(cmd, started.record, { type: 'ringing' });
    if (!ringing) throw new Error(`inbound call ${callId} could not ring`);
    if (!hours.isOpen(cmd.at)) {
      // After hours the caller is not queued: told the centre is closed, the call ends unanswered.
      const closed = stepHeldCall(cmd, { ...ringing, dispositionCode: 'AFTHRS' }, { type: 'failed', sipCode: 480 });
      if (!closed) throw new Error(`inbound call ${callId} could not end after hours`);
      store.releaseCall(callId, closed);
      countDisposition(rt.stats, 'AFTHRS');
      return callId;
    }
    const record: CallRecord = { ...ringing, timeline: [...ringing.timeline, { at: cmd.at, event: 'queued' }] };
    rt.stats.inboundOffered++;
    const call: DiallerCall = { record, phase: 'queued', waitingSince: cmd.at, machine: false, talkMs };
    store.saveCall(call);
    const agent = store.longestIdle(campaign.campaignId);
    if (agent) routeToAgent(ctx, cmd, call, agent);
    else setTimer(cmd, DIALLER_TIMER_KINDS.abandon, cmd.at + patienceMs, callTimerRef(callId), { call_id: callId });
    return callId;
  };

  const scheduleArrival = (cmd: DiallerCommand, rt: CampaignRuntime) => {
    const a = rt.arrival;
    if (!a) return;
    const gap = deps.rng.fork(`arrivals/${rt.campaignId}/${a.seq}/gap`);
    a.nextAt = nextArrivalAt(a.settings, cmd.at, gap);
    if (a.nextAt !== null)
      setTimer(cmd, DIALLER_TIMER_KINDS.arrival, a.nextAt, campaignTimerRef(rt.campaignId), {
        campaign_id: rt.campaignId,
        seq: a.seq,
      });
  };

  const arrive = (cmd: DiallerCommand, campaignId: number, seq: number) => {
    const rt = campaignRuntime(ctx, cmd, campaignId);
    const a = rt.arrival;
    const campaign = campaigns.campaign(campaignId);
    if (!a || a.seq !== seq || !campaign) return;
    const rng = deps.rng.fork(`arrivals/${campaignId}/${seq}/caller`);
    const did = rng.pick(a.settings.dids);
    const caller = drawCallerNumber(rng);
    a.arrived++;
    a.seq++;
    placeInbound(cmd, campaign, did, caller);
    scheduleArrival(cmd, rt);
  };

  // Agents -----------------------------------------------------------------------------------------

  const requireAgent = (userId: number): DiallerAgent => {
    const agent = store.agent(userId);
    if (!agent) throw new DomainError('AGENT_NOT_LOGGED_IN', `user ${userId} is not logged in to a campaign`);
    return agent;
  };

  const requirePreviewAgent = (userId: number): { agent: DiallerAgent; campaign: DiallerCampaign } => {
    const agent = requireAgent(userId);
    const campaign = requireCampaign(ctx, agent.campaignId);
    if (campaign.campaignType !== CAMPAIGN_TYPES.PREVIEW)
      throw DomainError.invalidState(
        `preview needs a Preview campaign (type 2): user ${userId} is logged in to campaign ${campaign.campaignId}, type ${campaign.campaignType}`,
      );
    return { agent, campaign };
  };

  const releasePreview = (agent: DiallerAgent) => {
    if (agent.previewLeadId !== 0 && leads.holder(agent.previewLeadId) === `user:${agent.userId}`)
      leads.release(agent.previewLeadId);
  };

  return {
    agentState({ userId, campaignId, state }, at) {
      const cmd = beginCommand(at);
      const prev = store.agent(userId);
      if (prev && (prev.campaignId !== campaignId || state === 'logged_out')) {
        countAgentTime(campaignRuntime(ctx, cmd, prev.campaignId).stats, prev.state, prev.since, at);
        releasePreview(prev);
        store.removeAgent(userId);
      }
      if (state === 'logged_out') return endCommand(ctx, cmd);
      const same = prev && prev.campaignId === campaignId ? prev : undefined;
      if (same?.state === state) return endCommand(ctx, cmd);
      const rt = campaignRuntime(ctx, cmd, campaignId);
      if (same) countAgentTime(rt.stats, same.state, same.since, at);
      store.saveAgent({ userId, campaignId, state, since: at, previewLeadId: same?.previewLeadId ?? 0 });
      if (state === 'ready') {
        serveWaitingCalls(ctx, cmd, campaignId);
        paceOutbound(ctx, cmd, campaignId);
      }
      return endCommand(ctx, cmd);
    },

    inboundCall({ did, phoneNumber }, at) {
      const campaignId = campaigns.campaignForDid(did);
      if (campaignId === undefined) throw DomainError.notFound('did', 'campaign taking calls on DID', did);
      const cmd = beginCommand(at);
      const callId = placeInbound(cmd, requireCampaign(ctx, campaignId), did, phoneNumber);
      return { callId, effects: endCommand(ctx, cmd) };
    },

    setArrivalProcess(process, at) {
      const campaign = requireCampaign(ctx, process.campaign_id);
      const settings: ArrivalSettings = arrivalSettings(process, campaign);
      const cmd = beginCommand(at);
      const rt = campaignRuntime(ctx, cmd, campaign.campaignId);
      if (rt.arrival) cancelTimer(cmd, DIALLER_TIMER_KINDS.arrival, campaignTimerRef(campaign.campaignId));
      rt.arrival = { settings, seq: rt.arrival?.seq ?? 0, arrived: rt.arrival?.arrived ?? 0, nextAt: null };
      scheduleArrival(cmd, rt);
      return endCommand(ctx, cmd);
    },

    stopArrivalProcess(campaignId) {
      requireCampaign(ctx, campaignId);
      const cmd = beginCommand(0);
      const rt = store.runtime(campaignId);
      if (!rt?.arrival) return [];
      cancelTimer(cmd, DIALLER_TIMER_KINDS.arrival, campaignTimerRef(campaignId));
      cmd.runtimes.set(campaignId, { ...rt, arrival: null });
      return endCommand(ctx, cmd);
    },

    arrivalView(campaignId) {
      const a = store.runtime(campaignId)?.arrival;
      if (!a) return null;
      return {
        campaign_id: campaignId,
        calls_per_hour: [...a.settings.callsPerHour],
        time_zone: a.settings.timeZone,
        dids: [...a.settings.dids],
        patience_median_seconds: a.settings.patienceMedianMs / 1000,
        patience_sigma: a.settings.patienceSigma,
        arrived: a.arrived,
        next_arrival_at: a.nextAt === null ? null : formatDateTime(a.nextAt),
      };
    },

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
        if (call?.phase === 'queued') {
          // The caller hangs up before anyone answered: a cancelled INVITE (487).
          const left = stepHeldCall(cmd, call.record, { type: 'failed', sipCode: 487 });
          if (left) endUnroutedCall(ctx, cmd, call, left);
        }
      } else if (kind === DIALLER_TIMER_KINDS.arrival) {
        const p = parseCampaignTimerPayload(payload);
        if (p) arrive(cmd, p.campaignId, p.seq);
      } else if (kind === DIALLER_TIMER_KINDS.wake) {
        const p = parseCampaignTimerPayload(payload);
        if (p) wakeCampaign(ctx, cmd, p.campaignId);
      } else throw new Error(`the dialler has no timer of kind "${kind}"`);
      return endCommand(ctx, cmd);
    },

    hasCall(callId) {
      return store.holds(callId);
    },

    callCompleted(record, facts, at) {
      const cmd = beginCommand(at);
      const disposition = callDisposition(record);
      if (record.campaignId !== 0 && campaigns.campaign(record.campaignId)) {
        const rt = campaignRuntime(ctx, cmd, record.campaignId);
        const t = callTimings(record.timeline, { direction: record.direction });
        rt.stats.handled++;
        rt.stats.handleTotalMs += t.talkMs + t.holdMs + t.wrapMs;
        countDisposition(rt.stats, disposition);
      }
      settleLead(ctx, record, disposition, at, facts.callbackAt ?? null);
      // The lead may be due again (recycled, a callback): pace, which also moves the wake-up.
      if (record.campaignId !== 0) paceOutbound(ctx, cmd, record.campaignId);
      return endCommand(ctx, cmd);
    },

    leadEdited: (input, at) => leadEdited(ctx, input, at),

    leadDialled({ leadId, callId, userId }, at) {
      const lead = leads.get(leadId);
      if (!lead) throw DomainError.notFound('lead_id', 'lead', leadId);
      const holder = leads.holder(leadId);
      if (holder === `user:${userId}`) {
        leads.release(leadId);
        const agent = store.agent(userId);
        if (agent?.previewLeadId === leadId) store.saveAgent({ ...agent, previewLeadId: 0 });
      }
      leads.hold(leadId, callTimerRef(callId));
      leads.save(leadAfterDial(lead, callId, at));
    },

    previewNext(userId, at) {
      const { agent, campaign } = requirePreviewAgent(userId);
      if (agent.state !== 'paused' && agent.state !== 'ready')
        throw DomainError.invalidState(`user ${userId} is ${agent.state}: preview/next needs an agent paused or ready`);
      if (agent.previewLeadId !== 0 && leads.holder(agent.previewLeadId) === `user:${userId}`)
        return leads.get(agent.previewLeadId) ?? null;
      const taken = takeLead(ctx, campaign, at);
      if (!taken) return null;
      leads.hold(taken.lead.leadId, `user:${userId}`);
      store.saveAgent({ ...agent, previewLeadId: taken.lead.leadId });
      return taken.lead;
    },

    previewSkip(userId, leadId, at) {
      const { agent } = requirePreviewAgent(userId);
      if (agent.previewLeadId !== leadId || leads.holder(leadId) !== `user:${userId}`)
        throw DomainError.invalidState(
          `lead ${leadId} is not the lead user ${userId} is previewing (${agent.previewLeadId === 0 ? 'none' : `lead ${agent.previewLeadId}`})`,
        );
      leads.release(leadId);
      const lead = leads.get(leadId);
      // Back in the list behind every lead already due; skipping costs no attempt.
      if (lead && lead.dueAt !== null) leads.save({ ...lead, dueAt: Math.max(lead.dueAt, at) });
      store.saveAgent({ ...agent, previewLeadId: 0 });
    },

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
