/**
 * A discrete-event simulation of one campaign on the pure dialler, with in-memory ports, so a day of calling runs
 * in-process in moments. It plays the parts the server will play at integration:
 *
 * - the durable timer service: the engine's `set_timer` / `cancel_timer` effects go into a queue
 *   (`TimerQueue`), and each timer that falls due is handed back — `call_event` / `call_no_answer` to
 *   the dialler while it holds the call, else to the agent-call flow below;
 * - the agent-call flow for calls put through to agents (`route`): the call machine via
 *   `stepCall`, the campaign's wrap-up timeout, the CDR, then `callCompleted` and `agentState` back to
 *   the dialler;
 * - the agents: logged in and ready at the start; they talk until the callee hangs up (the callee
 *   model's talk time; an inbound caller's drawn talk time), hang up on an answering machine after a
 *   few seconds, wrap up for the campaign's `wrapup_seconds` (or a seeded share of it), dispose at
 *   its end (seeded codes; `CALLBK` with a date; the dispose is queued ahead of the wrap-up timeout on
 *   the same millisecond), and go ready again. At the end of the day (`closeDay`) they
 *   finish their call and pause; the arrival process stops; callers still queued leave (`ABAND`).
 *
 * @module
 */

import type { CalleeRule, CampaignStatsView, InboundArrivalProcess } from '@omnikit/contracts/control';
import type { CallEffect } from '../../src/engine/calls/call-machine.js';
import type { CallRecord } from '../../src/engine/calls/call-record.js';
import { stepCall } from '../../src/engine/calls/call-step.js';
import {
  CALL_TIMER_KINDS,
  callTimerRef,
  cancelledCallTimers,
  parseCallEventPayload,
  parseCallIdPayload,
} from '../../src/engine/calls/call-timers.js';
import type { CampaignLookup, DiallerCampaign } from '../../src/engine/dialler/dialler-campaign.js';
import { createDialler, type Dialler, type DiallerEffect } from '../../src/engine/dialler/dialler-engine.js';
import type { DiallerStore } from '../../src/engine/dialler/dialler-store.js';
import { initialDueAt } from '../../src/engine/dialler/lead-policy.js';
import type { DiallerLead, LeadSource } from '../../src/engine/dialler/lead-source.js';
import { callNotifications, type NotifyEffect } from '../../src/engine/notifications/call-notifications.js';
import { Rng } from '../../src/engine/rng.js';
import { createMemoryDiallerStore } from './memory-dialler-store.js';
import { createMemoryLeadSource, type MemoryLeadSource } from './memory-lead-source.js';
import { TimerQueue } from './timer-queue.js';

export interface SimulatedAgentBehaviour {
  /** Disposition weights for a call with a person on it (a machine is disposed `A`). */
  dispositions: Readonly<Record<string, number>>;
  /** A `CALLBK`'s date, drawn uniformly this long after the dispose (ms). */
  callbackAfterMs: readonly [number, number];
  /** How long an agent stays on an answering machine before hanging up (ms). */
  machineHangupMs: number;
  /** An agent never talks longer than this: they hang up (ms). */
  maxTalkMs: number;
  /** Wrap-up lasts this share of `wrapup_seconds`, drawn uniformly in [min, max) (a fixed share when equal). */
  wrapShare: readonly [number, number];
}

export const DEFAULT_AGENT_BEHAVIOUR: SimulatedAgentBehaviour = {
  dispositions: { SALE: 0.12, NI: 0.58, CALLBK: 0.22, DNC: 0.08 },
  callbackAfterMs: [30 * 60_000, 3 * 3_600_000],
  machineHangupMs: 3_000,
  maxTalkMs: 30 * 60_000,
  wrapShare: [1, 1],
};

export interface SimulationOptions {
  seed: string | number;
  /** Virtual epoch ms when the day starts (agents log in and go ready). */
  start: number;
  campaign: DiallerCampaign;
  /** Agents, user ids 1…n. */
  agents: number;
  /** Leads of the campaign's lists; `dueAt` is filled in from their schedule when absent. */
  leads?: ReadonlyArray<Omit<DiallerLead, 'dueAt'> & { dueAt?: number | null }>;
  /** The system's DNC list. */
  dnc?: readonly string[];
  arrivals?: InboundArrivalProcess;
  calleeRules?: readonly CalleeRule[];
  behaviour?: Partial<SimulatedAgentBehaviour>;
  /** Sees every effect as it is applied (tests). */
  observe?: (effect: SimulationEvent, at: number) => void;
  /**
   * The dialler's ports, when not the in-memory ones (e.g. the SQLite ports on a file): the caller
   * has put the leads and the DNC list in them, so `leads` and `dnc` are not used.
   */
  ports?: { leads: LeadSource; store: DiallerStore };
  /**
   * Keeps every timer's payload as JSON text and parses it back when the timer runs, as the durable
   * timer service stores it: a run must not depend on handing objects through the queue.
   */
  jsonPayloads?: boolean;
}

/** What `observe` sees: every engine effect, every agent-call notification, and each completed agent call. */
export type SimulationEvent = DiallerEffect | { type: 'completed'; record: CallRecord; callbackAt: number | null };

export interface SimulationCounters {
  /** Timers run (engine and agents). */
  events: number;
  /** Calls that started: outbound dials and inbound arrivals. */
  calls: number;
  notifications: number;
  /** Calls completed by agents (their CDR sent after wrap-up). */
  handled: number;
}

export interface DiallerSimulation {
  readonly dialler: Dialler;
  readonly leads: LeadSource;
  readonly store: DiallerStore;
  readonly counters: SimulationCounters;
  now(): number;
  /** Runs every timer due at or before `until` and moves the clock there. */
  run(until: number): void;
  /** From `at`: the arrival process stops, agents pause once free, nothing new is dialled. */
  closeDay(at: number): void;
  /** Runs until no timer is left (after `closeDay`); throws after `maxEvents`. */
  drain(maxEvents?: number): void;
  stats(): CampaignStatsView;
}

const SIM = {
  hangup: 'sim_agent_hangup',
  dispose: 'sim_agent_dispose',
  wrapTimeout: 'sim_wrap_up_timeout',
  close: 'sim_close_day',
} as const;

interface AgentCall {
  record: CallRecord;
  userId: number;
  callbackAt: number | null;
}

export function createDiallerSimulation(options: SimulationOptions): DiallerSimulation {
  const behaviour: SimulatedAgentBehaviour = { ...DEFAULT_AGENT_BEHAVIOUR, ...options.behaviour };
  const campaign = options.campaign;
  const rng = Rng.fromSeed(options.seed);
  const leads = options.ports?.leads ?? memoryLeads(options);
  const store = options.ports?.store ?? createMemoryDiallerStore();
  const campaigns: CampaignLookup = {
    campaign: (id) => (id === campaign.campaignId ? campaign : undefined),
    campaignForDid: (did) => (campaign.inboundDids.includes(did) ? campaign.campaignId : undefined),
  };
  let lastCallId = 0;
  const rules = options.calleeRules ?? [];
  const dialler = createDialler({
    leads,
    store,
    campaigns,
    rng,
    nextCallId: () => ++lastCallId,
    calleeRules: () => rules,
  });

  const queue = new TimerQueue();
  const agentCalls = new Map<number, AgentCall>();
  const counters: SimulationCounters = { events: 0, calls: 0, notifications: 0, handled: 0 };
  let now = options.start;
  let closing = false;

  const notify = (n: NotifyEffect) => {
    counters.notifications++;
    if (n.notification.type === 'call_state' && n.notification.payload.previous_state === '') counters.calls++;
  };

  const apply = (effects: readonly DiallerEffect[]) => {
    for (const e of effects) {
      options.observe?.(e, now);
      if (e.type === 'set_timer')
        queue.schedule(e.dueAt, e.kind, e.ref, options.jsonPayloads ? JSON.stringify(e.payload) : e.payload);
      else if (e.type === 'cancel_timer') queue.cancel(e.kind, e.ref);
      else if (e.type === 'notify') notify(e);
      else if (e.type === 'route') takeCall(e.record, e.userId);
    }
  };

  /** An agent has a call now: hang up on machines quickly, and on anyone after `maxTalkMs`. */
  const takeCall = (record: CallRecord, userId: number) => {
    agentCalls.set(record.callId, { record, userId, callbackAt: null });
    const ref = callTimerRef(record.callId);
    const after = record.outcome === 'machine' ? behaviour.machineHangupMs : behaviour.maxTalkMs;
    queue.schedule(now + after, SIM.hangup, ref, { call_id: record.callId });
  };

  /** One step of an agent's call, with what the agent-call flow does with its effects. */
  const stepAgentCall = (
    call: AgentCall,
    input: Parameters<typeof stepCall>[1],
    facts: { dispositionCode?: string } = {},
  ) => {
    const r = stepCall(call.record, input, now, facts);
    if (!r.ok) return; // a late event: the call has moved on
    call.record = r.record;
    for (const e of r.effects) applyAgentCallEffect(call, e);
    for (const n of callNotifications(r.record, r.effects, now)) {
      options.observe?.(n, now);
      notify(n);
    }
    for (const t of cancelledCallTimers(r.record.callId, r.effects)) queue.cancel(t.kind, t.ref);
  };

  const applyAgentCallEffect = (call: AgentCall, e: CallEffect) => {
    const ref = callTimerRef(call.record.callId);
    const id = { call_id: call.record.callId };
    if (e.type === 'set_timer' && e.timer === 'wrap_up') {
      const wrapMs = campaign.wrapupSeconds * 1000;
      const [low, high] = behaviour.wrapShare;
      const share = high > low ? rng.fork(`sim/wrap/${call.record.callId}`).uniform(low, high) : low;
      // Set first, the dispose runs before a timeout due on the same millisecond.
      queue.schedule(now + Math.floor(wrapMs * share), SIM.dispose, ref, id);
      queue.schedule(now + wrapMs, SIM.wrapTimeout, ref, id);
      queue.cancel(SIM.hangup, ref);
    } else if (e.type === 'cancel_timer' && e.timer === 'wrap_up') {
      queue.cancel(SIM.wrapTimeout, ref);
    } else if (e.type === 'agent_state' && e.to === 'wrap_up') {
      apply(dialler.agentState({ userId: call.userId, campaignId: campaign.campaignId, state: 'wrap_up' }, now));
    } else if (e.type === 'agent_state' && e.to === 'released') {
      const state = closing ? 'paused' : 'ready';
      apply(dialler.agentState({ userId: call.userId, campaignId: campaign.campaignId, state }, now));
    } else if (e.type === 'cdr') {
      counters.handled++;
      agentCalls.delete(call.record.callId);
      options.observe?.({ type: 'completed', record: call.record, callbackAt: call.callbackAt }, now);
      apply(dialler.callCompleted(call.record, { callbackAt: call.callbackAt }, now));
    }
  };

  const dispose = (call: AgentCall) => {
    const draw = rng.fork(`sim/dispose/${call.record.callId}`);
    const code = call.record.outcome === 'machine' ? 'A' : draw.weighted(behaviour.dispositions);
    if (code === 'CALLBK') call.callbackAt = now + draw.int(...behaviour.callbackAfterMs);
    stepAgentCall(call, { type: 'dispose' }, { dispositionCode: code });
  };

  const closeDay = () => {
    closing = true;
    apply(dialler.stopArrivalProcess(campaign.campaignId));
    for (const agent of store.agents(campaign.campaignId))
      if (agent.state === 'ready')
        apply(dialler.agentState({ userId: agent.userId, campaignId: campaign.campaignId, state: 'paused' }, now));
  };

  const runTimer = (kind: string, payload: unknown) => {
    counters.events++;
    if (kind === CALL_TIMER_KINDS.event || kind === CALL_TIMER_KINDS.noAnswer) {
      const callId = parseCallEventPayload(payload)?.call_id ?? parseCallIdPayload(payload);
      if (callId === null) return;
      if (dialler.hasCall(callId)) apply(dialler.onTimer(kind, payload, now));
      else {
        const call = agentCalls.get(callId);
        const ev = parseCallEventPayload(payload);
        if (call && ev) stepAgentCall(call, ev.input);
      }
      return;
    }
    const callId = parseCallIdPayload(payload);
    const call = callId === null ? undefined : agentCalls.get(callId);
    switch (kind) {
      case SIM.hangup:
        if (call) stepAgentCall(call, { type: 'hangup' });
        return;
      case SIM.dispose:
        if (call) dispose(call);
        return;
      case SIM.wrapTimeout:
        if (call) stepAgentCall(call, { type: 'wrap_up_timeout' });
        return;
      case SIM.close:
        closeDay();
        return;
      default:
        apply(dialler.onTimer(kind, payload, now));
    }
  };

  const run = (until: number) => {
    for (let t = queue.popDue(until); t; t = queue.popDue(until)) {
      now = Math.max(now, t.dueAt);
      runTimer(t.kind, typeof t.payload === 'string' ? JSON.parse(t.payload) : t.payload);
    }
    now = Math.max(now, until);
  };

  // The day starts: the arrival process, then every agent logs in (paused) and goes ready.
  if (options.arrivals) apply(dialler.setArrivalProcess(options.arrivals, now));
  for (let userId = 1; userId <= options.agents; userId++) {
    apply(dialler.agentState({ userId, campaignId: campaign.campaignId, state: 'paused' }, now));
    apply(dialler.agentState({ userId, campaignId: campaign.campaignId, state: 'ready' }, now));
  }

  return {
    dialler,
    leads,
    store,
    counters,
    now: () => now,
    run,
    closeDay(at) {
      queue.schedule(at, SIM.close, '', null);
    },
    drain(maxEvents = 10_000_000) {
      const limit = counters.events + maxEvents;
      for (let due = queue.peekDue(); due !== undefined; due = queue.peekDue()) {
        if (counters.events > limit) throw new Error(`the simulation did not drain within ${maxEvents} events`);
        run(due);
      }
    },
    stats: () => dialler.stats(campaign.campaignId, now),
  };
}

function memoryLeads(options: SimulationOptions): MemoryLeadSource {
  const leads = createMemoryLeadSource({ dnc: options.dnc ?? [] });
  for (const lead of options.leads ?? [])
    leads.put({ ...lead, dueAt: lead.dueAt === undefined ? initialDueAt(lead, options.start) : lead.dueAt });
  return leads;
}
