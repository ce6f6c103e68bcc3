import { CALL_TYPES, type CallState, type CallView, formatDateTime } from '@omnikit/contracts';
import type { CalleeRule } from '@omnikit/contracts/control';
import type { AgentService } from '../agents/agent-service.js';
import type { PhoneService } from '../agents/phone-service.js';
import { parseSystemDateTime } from '../directory/date-input.js';
import { DomainError } from '../domain-error.js';
import {
  buildCallStatePayload,
  buildCdrPayload,
  buildRecordingPayload,
  callStartedAt,
  notificationEnvelope,
} from '../notifications/notification-payloads.js';
import type { NotificationSink } from '../notifications/notification-sink.js';
import type { Stores } from '../ports.js';
import type { SystemContext } from '../systems/system-context.js';
import type { TimerRun, TimerService } from '../timers/timer-service.js';
import { agentPhoneMedia } from './agent-phone-media.js';
import { callDisposition } from './call-disposition.js';
import {
  type CallEffect,
  type CallInput,
  type CallRole,
  type CallTimer,
  describeCallState,
  TRANSFER_LIMIT_MS,
} from './call-machine.js';
import type { CallRecord } from './call-record.js';
import { type NewCallRecord, startCallRecord, stepCall } from './call-step.js';
import type { CallStore, StoredCall } from './call-store.js';
import {
  CALL_TIMER_KINDS,
  callTimerRef,
  cancelledCallTimers,
  parseCallEventPayload,
  parseCallIdPayload,
} from './call-timers.js';
import { callView, recordedMs, trackRecording } from './call-view.js';
import { type CalleePlan, calleeEvents, effectiveOutcome, planCallee } from './callee-model.js';
import type { CalleeRuleStore } from './callee-rule-store.js';

/** The wrap-up timeout's timer kind (the dial's kinds, `call_event` and `call_no_answer`, are shared with the dialler). */
export const WRAP_UP_TIMER = 'call_wrap_up';
/** The connected call's limit (`TRANSFER_LIMIT_MS` after `connect`): only agent calls have one. */
export const TRANSFER_LIMIT_TIMER = 'call_transfer_limit';

export interface CallServiceDeps {
  stores: Pick<Stores, 'leads' | 'sequences'>;
  calls: CallStore;
  agents: AgentService;
  phones: PhoneService;
  timers: TimerService;
  notifications: NotificationSink;
  calleeRules: CalleeRuleStore;
  /** B.10's magic numbers (off in strict mode). */
  magicNumbers: boolean;
  /**
   * The timer dispatcher's other owners (the dialler, the shotgun): a dial timer of a call someone else holds now (a
   * racing shotgun leg) is theirs when this returns true; otherwise the call is this service's.
   */
  routeCallTimer?: (sys: SystemContext, callId: number, input: CallInput, at: number) => boolean;
  /** An agent's call ended for good (its CDR went out): the dialler settles its lead and counts it. */
  onCallCompleted?: (sys: SystemContext, call: StoredCall, at: number) => void;
  /** The agent's phone went away while on a call: true when that call was a shotgun race, now ended. */
  endRaceOfAgent?: (sys: SystemContext, userId: number, at: number) => boolean;
  /** The agent hangs up `callId`: true when it was a leg of the agent's shotgun race still racing, now cancelled. */
  hangUpRace?: (sys: SystemContext, userId: number, callId: number, at: number) => boolean;
}

export interface MakeCallInput {
  phone_number: string;
  lead_id?: number | undefined;
  outbound_cli?: string | undefined;
  unique_id?: string | undefined;
}

export interface CallStarted {
  call_id: number;
  phone_number: string;
  call_state: CallState;
  call_start_time: string;
}

export interface DisposeInput {
  disposition_code: string;
  callback_date_time?: string | undefined;
  notes?: string | undefined;
}

type RecordingAction = 'start' | 'stop' | 'pause' | 'resume';

/** What a step needs beyond the machine: the callee's plan at a dial, the number a conference dials. */
interface StepContext {
  plan?: CalleePlan;
  noAnswerMs?: number;
  conference?: { phoneNumber: string; outboundCli: string | undefined };
  /** Set when the step dialled a conference leg. */
  legId?: number;
}

/**
 * Click-2-Dial calls and call control (B.5) on the call engine (engine/calls): every command and
 * every timer is one step of the call machine applied to the stored call, and its effects are
 * carried out here, in the caller's transaction — notifications into the outbox, the callee's
 * events and the no-answer and wrap-up timeouts as durable timers, the agent's state, the linked
 * conference call, the CDR and the lead's status. A command the machine refuses answers 409
 * INVALID_STATE naming the call's state; a timer whose input no longer fits (the call moved on)
 * does nothing.
 */
export class CallService {
  constructor(private readonly deps: CallServiceDeps) {
    deps.timers.register(CALL_TIMER_KINDS.event, (run) => {
      const p = parseCallEventPayload(run.timer.payload);
      if (p) this.onTimer(run, p.call_id, p.input);
    });
    deps.timers.register(CALL_TIMER_KINDS.noAnswer, (run) => {
      const callId = parseCallIdPayload(run.timer.payload);
      if (callId !== null) this.onTimer(run, callId, { type: 'no_answer_timeout' });
    });
    deps.timers.register(WRAP_UP_TIMER, (run) => {
      const callId = parseCallIdPayload(run.timer.payload);
      if (callId !== null) this.onTimer(run, callId, { type: 'wrap_up_timeout' });
    });
    deps.timers.register(TRANSFER_LIMIT_TIMER, (run) => {
      const callId = parseCallIdPayload(run.timer.payload);
      if (callId !== null) this.onTimer(run, callId, { type: 'transfer_limit' });
    });
  }

  /** `POST /omni/voice/{user_id}/call`: the agent (paused or ready) goes `on_call` at once. */
  makeCall(sys: SystemContext, userId: number, input: MakeCallInput): CallStarted {
    const { stores } = this.deps;
    const agent = this.deps.agents.requireCallable(sys, userId);
    const campaign = this.deps.agents.campaign(sys, agent.campaignId);
    const lead = input.lead_id === undefined ? undefined : stores.leads.get(sys.systemId, input.lead_id);
    if (input.lead_id !== undefined && !lead) throw DomainError.notFound('lead_id', 'lead', input.lead_id);
    const at = sys.clock.now();
    const callId = stores.sequences.next(sys.systemId, 'call');
    const call = this.dial(
      sys,
      {
        callId,
        userId,
        campaignId: campaign.campaignId,
        listId: lead?.listId ?? 0,
        leadId: lead?.leadId ?? 0,
        shotgunId: 0,
        parentCallId: 0,
        phoneNumber: input.phone_number,
        callerId: input.outbound_cli ?? campaign.callerId,
        dnis: '',
        uniqueId: input.unique_id ?? lead?.uniqueId ?? '',
        direction: 'outbound',
        callType: CALL_TYPES.CLICK_2_DIAL,
      },
      'agent',
      campaign.autoRecord,
      campaign.noAnswerMs,
      at,
    );
    if (lead) {
      stores.leads.update({
        ...lead,
        attempts: lead.attempts + 1,
        lastCallId: callId,
        lastCallAt: at,
        updatedAt: at,
      });
    }
    return {
      call_id: callId,
      phone_number: call.phoneNumber,
      call_state: call.machine.call,
      call_start_time: formatDateTime(callStartedAt(call)),
    };
  }

  /** The call `callId` of the system, whoever holds it; undefined when there is none. */
  find(sys: SystemContext, callId: number): StoredCall | undefined {
    return this.deps.calls.get(sys.systemId, callId);
  }

  /** The system's callee rules (control API): how a dialled number behaves. */
  calleeRules(sys: SystemContext): CalleeRule[] {
    return this.deps.calleeRules.get(sys.systemId);
  }

  /** Replaces the system's callee rules as a whole. */
  setCalleeRules(sys: SystemContext, rules: readonly CalleeRule[]): void {
    this.deps.calleeRules.set(sys.systemId, rules, sys.clock.now());
  }

  view(sys: SystemContext, userId: number, callId: number): CallView {
    return callView(this.owned(sys, userId, callId));
  }

  /**
   * hold, retrieve, hangup, connect: one machine input from the agent. A hangup of a leg of the agent's shotgun race
   * still racing cancels the race (inferred: ShotgunService.hangUp); the leg is answered as it is then.
   */
  command(sys: SystemContext, userId: number, callId: number, input: CallInput): StoredCall {
    const owned = this.owned(sys, userId, callId);
    const at = sys.clock.now();
    if (input.type === 'hangup' && this.deps.hangUpRace?.(sys, userId, callId, at))
      return this.deps.calls.get(sys.systemId, callId) ?? owned;
    return this.step(sys, owned, input, at, {});
  }

  /**
   * Dispose once the agent's part has ended: one of the campaign's dispositions or a system code
   * (B.9); `CALLBK` needs a callback time in the future, at most a year ahead. Ends the agent's wrap-up.
   */
  dispose(sys: SystemContext, userId: number, callId: number, input: DisposeInput): StoredCall {
    const call = this.owned(sys, userId, callId);
    const campaign = this.deps.agents.campaign(sys, call.campaignId);
    const code = input.disposition_code;
    if (!campaign.dispositions.includes(code)) {
      throw DomainError.validation(
        'disposition_code',
        `must be one of campaign ${campaign.campaignId}'s dispositions or a system code (${campaign.dispositions.join(', ')})`,
      );
    }
    const now = sys.clock.now();
    // Only a callback keeps its date: another code's is not a callback (inferred: ignored, as an unknown field is).
    const callbackAt = code === 'CALLBK' ? callbackTime(sys, input.callback_date_time, now) : null;
    return this.step(
      sys,
      call,
      { type: 'dispose' },
      now,
      {},
      { notes: input.notes ?? '', callbackAt },
      { dispositionCode: code },
    );
  }

  recording(sys: SystemContext, userId: number, callId: number, action: RecordingAction): StoredCall {
    return this.step(sys, this.owned(sys, userId, callId), { type: `recording_${action}` }, sys.clock.now(), {});
  }

  /** Dials a 3rd party into the active call; returns the conference leg's call id. */
  conference(
    sys: SystemContext,
    userId: number,
    callId: number,
    input: { phone_number: string; outbound_cli?: string | undefined },
  ): number {
    const ctx: StepContext = { conference: { phoneNumber: input.phone_number, outboundCli: input.outbound_cli } };
    this.step(sys, this.owned(sys, userId, callId), { type: 'conference' }, sys.clock.now(), ctx);
    if (ctx.legId === undefined) throw new Error(`call ${callId}: the conference step dialled no leg`);
    return ctx.legId;
  }

  /** The call a recording file belongs to, and how long its recording has run. */
  recordingOf(sys: SystemContext, file: string): { callId: number; durationMs: number } {
    const call = this.deps.calls.findByRecordingFile(sys.systemId, file);
    if (!call) throw DomainError.notFound('file', 'recording', file);
    return { callId: call.callId, durationMs: recordedMs(call, sys.clock.now()) };
  }

  /**
   * The agent's phone went away (a virtual phone unregistered, a SIP phone dropped): a call the
   * agent is on is hung up (its wrap-up starts as usual), and the agent is logged out — at once
   * when free, else when the wrap-up ends (`agent_state` reason `phone_dropped`).
   */
  phoneGone(sys: SystemContext, extension: string): void {
    const agent = this.deps.agents.findByExtension(sys, extension);
    if (!agent || agent.state === 'logged_out') return;
    const at = sys.clock.now();
    // A race still racing is cancelled (its legs dropped, the agent released); any other call is hung up.
    if (agent.state === 'on_call' && !this.deps.endRaceOfAgent?.(sys, agent.userId, at)) {
      const call = this.deps.calls.get(sys.systemId, agent.callId);
      if (call) this.tryStep(sys, call, { type: 'hangup' }, at);
    }
    this.deps.agents.phoneDropped(sys, agent.userId, at);
  }

  private owned(sys: SystemContext, userId: number, callId: number): StoredCall {
    const call = this.deps.calls.get(sys.systemId, callId);
    if (!call || call.userId !== userId) throw DomainError.notFound('call_id', 'call', callId);
    return call;
  }

  private dial(
    sys: SystemContext,
    fields: Omit<NewCallRecord, 'outcome'>,
    role: CallRole,
    autoRecord: boolean,
    noAnswerMs: number,
    at: number,
  ): StoredCall {
    const plan = planCallee({
      rng: sys.rng,
      callId: fields.callId,
      phoneNumber: fields.phoneNumber,
      rules: this.deps.calleeRules.get(sys.systemId),
      magicNumbers: this.deps.magicNumbers,
    });
    const started = startCallRecord(
      { ...fields, outcome: effectiveOutcome(plan, noAnswerMs) },
      { role, autoRecord, at },
    );
    const call: StoredCall = {
      ...started.record,
      linkedCallId: 0,
      recordedMs: 0,
      recordingSince: null,
      notes: '',
      callbackAt: null,
    };
    this.deps.calls.insert(sys.systemId, call);
    this.apply(sys, call, started.effects, at, { plan, noAnswerMs });
    return call;
  }

  private onTimer(run: TimerRun, callId: number, input: CallInput): void {
    // The agent's own timers (wrap-up, a connected call's limit) are never the dialler's or a race's.
    const agents = input.type === 'wrap_up_timeout' || input.type === 'transfer_limit';
    if (!agents && this.deps.routeCallTimer?.(run.system, callId, input, run.now)) return;
    const call = this.deps.calls.get(run.system.systemId, callId);
    if (call) this.tryStep(run.system, call, input, run.now);
  }

  /** A step that may no longer fit the call (a stale timer): refused inputs change nothing. */
  private tryStep(sys: SystemContext, call: StoredCall, input: CallInput, at: number): void {
    const r = stepCall(call, input, at);
    if (r.ok) this.save(sys, call, r.record, r.effects, at, {});
  }

  /** One machine step on a stored call: saved, then its effects carried out. Refused → INVALID_STATE. */
  private step(
    sys: SystemContext,
    call: StoredCall,
    input: CallInput,
    at: number,
    ctx: StepContext,
    patch: Partial<StoredCall> = {},
    facts: { dispositionCode?: string } = {},
  ): StoredCall {
    const r = stepCall(call, input, at, facts);
    if (!r.ok) {
      throw (input.type === 'hangup' ? undefined : legRefusal(call, input)) ?? r.error;
    }
    return this.save(sys, call, { ...r.record, ...patch }, r.effects, at, ctx);
  }

  private save(
    sys: SystemContext,
    before: StoredCall,
    record: CallRecord & Partial<StoredCall>,
    effects: readonly CallEffect[],
    at: number,
    ctx: StepContext,
  ): StoredCall {
    const next = trackRecording({ ...before, ...record }, before.machine.recording, at);
    this.deps.calls.update(sys.systemId, next);
    const saved = this.apply(sys, next, effects, at, ctx);
    this.followOnPhone(sys, before, next);
    return saved;
  }

  /**
   * The agent's SIP phone follows the agent's part of the call (`agentPhoneMedia`): a re-INVITE puts it on hold when
   * the agent is left with nobody — the customer held and no 3rd party on — and another takes it off hold whenever
   * that ends: retrieve, a 3rd party dialled while the customer waits, a hangup, the customer leaving or connect while
   * holding. A hold during a conference parks the customer only and leaves the phone alone (the agent talks to the
   * 3rd party). The phone stays on its bridge call for the whole session, so a hold left on it would mute the agent's
   * next call. A phone that is no longer registered (it is going away) is sent nothing.
   */
  private followOnPhone(sys: SystemContext, before: StoredCall, after: StoredCall): void {
    const wasHeld = agentPhoneMedia(before.machine) === 'held';
    const isHeld = agentPhoneMedia(after.machine) === 'held';
    if (wasHeld === isHeld || after.machine.role !== 'agent') return;
    const agent = this.deps.agents.get(sys, after.userId);
    const { network } = this.deps.phones;
    if (!agent.bridgeId.startsWith('sip:') || !network.isRegistered(sys.systemId, agent.extension)) return;
    if (isHeld) network.hold(sys.systemId, agent.userId);
    else network.retrieve(sys.systemId, agent.userId);
  }

  /** Carries out a step's effects in order (notifications keep the machine's order). */
  private apply(
    sys: SystemContext,
    start: StoredCall,
    effects: readonly CallEffect[],
    at: number,
    ctx: StepContext,
  ): StoredCall {
    let call = start;
    const emit = this.deps.notifications;
    for (const e of effects) {
      switch (e.type) {
        case 'call_state':
          emit.emit(
            sys.systemId,
            call.callId,
            notificationEnvelope('call_state', buildCallStatePayload(call, { from: e.from, to: e.to, at })),
            at,
          );
          break;
        case 'recording':
          emit.emit(sys.systemId, call.callId, notificationEnvelope('recording', buildRecordingPayload(call, at)), at);
          break;
        case 'cdr':
          emit.emit(sys.systemId, call.callId, notificationEnvelope('cdr', buildCdrPayload(call)), at);
          this.settleLead(sys, call, at);
          if (call.callType !== CALL_TYPES.CONFERENCE_LEG) this.deps.onCallCompleted?.(sys, call, at);
          break;
        case 'set_timer':
          this.setTimer(sys, call, e.timer, at, ctx);
          break;
        case 'cancel_timer':
          this.cancelTimer(sys, call, e);
          break;
        case 'agent_state':
          this.deps.agents.onCallEffect(sys, call.userId, call.callId, e.to, e.reason, at);
          break;
        case 'conference_leg':
          if (e.action === 'dial') {
            const legId = this.dialLeg(sys, call, ctx, at);
            ctx.legId = legId;
            call = { ...call, linkedCallId: legId };
            this.deps.calls.update(sys.systemId, call);
          } else this.link(sys, call.linkedCallId, { type: e.action }, at);
          break;
        case 'parent':
          this.link(sys, call.parentCallId, { type: e.input }, at);
          break;
        case 'sip_code':
        case 'timeline':
          break; // already on the record (call-step.ts)
      }
    }
    return call;
  }

  /** Feeds the linked call (a conference leg or its parent) the signal the machine asked for. */
  private link(sys: SystemContext, callId: number, input: CallInput, at: number): void {
    const other = this.deps.calls.get(sys.systemId, callId);
    if (!other) throw new Error(`call ${callId}, linked to a call of system ${sys.systemId}, does not exist`);
    const r = stepCall(other, input, at);
    if (!r.ok) throw new Error(`the linked call ${callId} refused ${input.type}: ${r.detail}`);
    this.save(sys, other, r.record, r.effects, at, {});
  }

  private dialLeg(sys: SystemContext, parent: StoredCall, ctx: StepContext, at: number): number {
    const conference = ctx.conference;
    if (!conference) throw new Error(`call ${parent.callId}: a conference leg was dialled without a number`);
    const campaign = this.deps.agents.campaign(sys, parent.campaignId);
    const legId = this.deps.stores.sequences.next(sys.systemId, 'call');
    this.dial(
      sys,
      {
        callId: legId,
        userId: parent.userId,
        campaignId: parent.campaignId,
        listId: parent.listId,
        leadId: parent.leadId,
        shotgunId: 0,
        parentCallId: parent.callId,
        phoneNumber: conference.phoneNumber,
        callerId: conference.outboundCli ?? conferenceCallerId(parent, campaign.callerId),
        dnis: '',
        uniqueId: parent.uniqueId,
        direction: 'outbound',
        callType: CALL_TYPES.CONFERENCE_LEG,
      },
      'conference_leg',
      false,
      campaign.noAnswerMs,
      at,
    );
    return legId;
  }

  private setTimer(sys: SystemContext, call: StoredCall, timer: CallTimer, at: number, ctx: StepContext): void {
    const { timers } = this.deps;
    const ref = callTimerRef(call.callId);
    if (timer === 'network') {
      if (!ctx.plan || ctx.noAnswerMs === undefined) throw new Error(`call ${call.callId}: network timers need a plan`);
      for (const ev of calleeEvents(ctx.plan, ctx.noAnswerMs))
        timers.schedule(
          sys.systemId,
          at + ev.afterMs,
          CALL_TIMER_KINDS.event,
          { call_id: call.callId, input: ev.input },
          ref,
        );
    } else if (timer === 'no_answer') {
      const noAnswerMs = ctx.noAnswerMs ?? this.deps.agents.campaign(sys, call.campaignId).noAnswerMs;
      timers.schedule(sys.systemId, at + noAnswerMs, CALL_TIMER_KINDS.noAnswer, { call_id: call.callId }, ref);
    } else if (timer === 'transfer') {
      timers.schedule(sys.systemId, at + TRANSFER_LIMIT_MS, TRANSFER_LIMIT_TIMER, { call_id: call.callId }, ref);
    } else {
      // wrapup_seconds 0: no timeout, the agent stays in wrap-up until it disposes.
      const wrapUpMs = this.deps.agents.campaign(sys, call.campaignId).wrapUpMs;
      if (wrapUpMs > 0) timers.schedule(sys.systemId, at + wrapUpMs, WRAP_UP_TIMER, { call_id: call.callId }, ref);
    }
  }

  private cancelTimer(sys: SystemContext, call: StoredCall, effect: Extract<CallEffect, { type: 'cancel_timer' }>) {
    const { timers } = this.deps;
    if (effect.timer === 'wrap_up' || effect.timer === 'transfer') {
      const kind = effect.timer === 'wrap_up' ? WRAP_UP_TIMER : TRANSFER_LIMIT_TIMER;
      timers.cancel(sys.systemId, kind, callTimerRef(call.callId));
      return;
    }
    for (const t of cancelledCallTimers(call.callId, [effect])) timers.cancel(sys.systemId, t.kind, t.ref);
  }

  /** B.8: a lead called by an agent takes the call's final disposition as its status (and a callback time). */
  private settleLead(sys: SystemContext, call: StoredCall, at: number): void {
    if (call.leadId === 0 || call.callType === CALL_TYPES.CONFERENCE_LEG) return;
    const lead = this.deps.stores.leads.get(sys.systemId, call.leadId);
    if (!lead) return;
    this.deps.stores.leads.update({
      ...lead,
      status: callDisposition(call),
      callbackAt: call.callbackAt ?? lead.callbackAt,
      updatedAt: at,
    });
  }
}

/** How far ahead a callback may be set: a year (366 days, so that the same date next year is always allowed). */
const CALLBACK_HORIZON_MS = 366 * 24 * 3_600_000;

/**
 * A `CALLBK`'s callback time, required: after the system clock's now and at most `CALLBACK_HORIZON_MS` later.
 * Inferred (B.5 is silent): a callback is the agent's promise to ring the customer again, so a date already past
 * would be due at once, and one years off (a typo, or the year 9999 a date picker allows) would keep the lead out of
 * dialling for good — both are refused rather than stored.
 */
function callbackTime(sys: SystemContext, value: string | undefined, now: number): number {
  if (value === undefined) throw DomainError.validation('callback_date_time', 'is required with disposition CALLBK');
  const at = parseSystemDateTime(sys, value);
  if (at <= now)
    throw DomainError.validation(
      'callback_date_time',
      `must be in the future (the system's clock says ${formatDateTime(now)})`,
    );
  const latest = now + CALLBACK_HORIZON_MS;
  if (at > latest)
    throw DomainError.validation(
      'callback_date_time',
      `must be at most a year ahead: ${formatDateTime(latest)} at the latest (the system's clock says ${formatDateTime(now)})`,
    );
  return at;
}

/**
 * The caller id a 3rd-party leg presents when the conference request gives no `outbound_cli`. Outbound, the customer
 * call's own: its `outbound_cli`, else the campaign's `caller_id`. Inbound, the call's caller id is the customer's own
 * number, which the centre may not present as its own; inferred (B.5 is silent; VICIdial's 3-way call presents the
 * campaign's caller id by default): the campaign's `caller_id`, else the DID the customer dialled, a number the
 * centre owns.
 */
function conferenceCallerId(parent: StoredCall, campaignCallerId: string): string {
  if (parent.direction !== 'inbound') return parent.callerId;
  return campaignCallerId !== '' ? campaignCallerId : parent.dnis;
}

/**
 * Why a leg that takes only hangup refused another command, in words that say what it is and where the command
 * belongs; undefined for any other call (the machine's own reason stands). The machine's reason would describe the
 * customer call's needs (which an answered conference leg seems to meet) or say only "(no agent)" (a racing leg).
 * - A conference leg (the conference route answered its `call_id`: an easy slip): send it to the customer call.
 * - A leg of a shotgun race still ringing (the agent's call id while its race rings): hangup cancels the race.
 */
function legRefusal(leg: StoredCall, input: CallInput): DomainError | undefined {
  const command = input.type.replace('recording_', 'recording ');
  const refused = `${command} is not allowed in this state (${describeCallState(leg.machine)}): call ${leg.callId} is`;
  if (leg.machine.role === 'conference_leg')
    return DomainError.invalidState(
      `${refused} the 3rd party’s leg of call ${leg.parentCallId}’s conference: it takes only hangup (which drops the ` +
        `3rd party); send ${command} to call ${leg.parentCallId}`,
    );
  const racing =
    leg.callType === CALL_TYPES.SHOTGUN_LEG && leg.machine.role === 'system' && leg.machine.call !== 'ended';
  if (racing)
    return DomainError.invalidState(
      `${refused} a leg of shotgun ${leg.shotgunId}, still racing: until a leg answers and wins it takes only hangup, ` +
        `which cancels the race (as POST …/shotgun/${leg.shotgunId}/cancel does)`,
    );
  return undefined;
}
