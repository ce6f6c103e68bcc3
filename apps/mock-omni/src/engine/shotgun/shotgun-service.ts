import { CALL_TYPES, type ShotgunView } from '@omnikit/contracts';
import type { AgentService } from '../agents/agent-service.js';
import type { AgentStore } from '../agents/agent-store.js';
import type { CallInput } from '../calls/call-machine.js';
import type { CallRecord } from '../calls/call-record.js';
import type { CallStore, StoredCall } from '../calls/call-store.js';
import type { CalleeRuleStore } from '../calls/callee-rule-store.js';
import { DomainError } from '../domain-error.js';
import type { NotificationSink } from '../notifications/notification-sink.js';
import type { Stores } from '../ports.js';
import type { SystemContext } from '../systems/system-context.js';
import type { TimerService } from '../timers/timer-service.js';
import {
  cancelShotgun,
  raceDisposition,
  type ShotgunEffect,
  type ShotgunRace,
  type ShotgunStep,
  shotgunLegInput,
  startShotgun,
} from './shotgun-race.js';
import type { ShotgunStore } from './shotgun-store.js';
import { shotgunView } from './shotgun-view.js';

export interface ShotgunServiceDeps {
  stores: Pick<Stores, 'leads' | 'sequences' | 'campaigns'>;
  races: ShotgunStore;
  calls: CallStore;
  agents: AgentService;
  agentStore: AgentStore;
  timers: TimerService;
  notifications: NotificationSink;
  calleeRules: CalleeRuleStore;
  magicNumbers: boolean;
  /** The dialler's hold on a race's lead (absent: the race leaves the dialler's leads alone). */
  leads?: ShotgunLeads;
}

/**
 * What a race started with `lead_id` asks of the dialler (inferred, as for a call with `lead_id`: Omni would not ring
 * one customer from two lines): the lead is held for the race's first leg while it races, so no campaign dials it for
 * another agent; a win moves the hold to the winner, whose CDR then settles the lead like any agent call's; a race lost
 * or cancelled sends no CDR, so its end settles the lead with the race's system disposition (`raceDisposition`) and
 * the numbers it rang.
 *
 * Inferred (B.6 and B.8 are silent on attempts): the race is one attempt of its lead, however many numbers it rings —
 * one request, one call for the integrator (one CDR, the winner's, which becomes the lead's last call) — so it uses
 * one of the campaign's `max_attempts`, as a call with `lead_id` does.
 */
export interface ShotgunLeads {
  called(sys: SystemContext, userId: number, leadId: number, callId: number): void;
  won(sys: SystemContext, leadId: number, fromCallId: number, toCallId: number): void;
  ended(sys: SystemContext, leg: CallRecord, disposition: string, rung: readonly string[], at: number): void;
}

export interface ShotgunStartInput {
  phone_numbers: readonly string[];
  lead_id?: number | undefined;
  outbound_cli?: string | undefined;
  unique_id?: string | undefined;
}

export interface ShotgunStarted {
  shotgun_id: number;
  calls: { call_id: number; phone_number: string }[];
}

/**
 * The shotgun dial (B.6) over the store: each race is the pure engine's value (engine/shotgun),
 * kept in `shotgun_races`; every leg is also a stored call (`GET …/call/{id}` shows it). A request
 * or a leg's timer is one engine step whose effects are carried out here, in the caller's
 * transaction: calls saved, durable timers set and cancelled, notifications into the outbox, the
 * agent's state. Once a leg wins it is an ordinary agent call: its later timers and commands go to
 * CallService (the dispatcher `routeLegTimer` only takes timers of legs of a race still racing).
 *
 * The agent (inferred where B.6 is silent): `on_call` from the start with the first leg's call id
 * (GET user shows it); at a win its call id becomes the winner's, with no state change; a race
 * lost or cancelled puts it back in the state it had before (paused with its code, or ready), or
 * logs it out when its phone dropped meanwhile. Hanging up any leg of a race still racing cancels it (`hangUp`). A
 * race started with `lead_id` holds that lead like a call with `lead_id` does (`ShotgunLeads`).
 */
export class ShotgunService {
  constructor(private readonly deps: ShotgunServiceDeps) {}

  start(sys: SystemContext, userId: number, input: ShotgunStartInput): ShotgunStarted {
    const { stores } = this.deps;
    const agent = this.deps.agents.requireCallable(sys, userId);
    const campaign = this.deps.agents.campaign(sys, agent.campaignId);
    const stored = stores.campaigns.get(sys.systemId, agent.campaignId);
    const lead = input.lead_id === undefined ? undefined : stores.leads.get(sys.systemId, input.lead_id);
    if (input.lead_id !== undefined && !lead) throw DomainError.notFound('lead_id', 'lead', input.lead_id);
    const at = sys.clock.now();
    const shotgunId = stores.sequences.next(sys.systemId, 'shotgun');
    const callIds = input.phone_numbers.map(() => stores.sequences.next(sys.systemId, 'call'));
    const step = startShotgun({
      shotgunId,
      userId,
      campaignId: campaign.campaignId,
      ...(lead ? { listId: lead.listId, leadId: lead.leadId } : {}),
      uniqueId: input.unique_id ?? lead?.uniqueId ?? '',
      callerId: input.outbound_cli ?? campaign.callerId,
      phoneNumbers: input.phone_numbers,
      callIds,
      amdEnabled: stored?.settings.amd_enabled === true,
      noAnswerMs: campaign.noAnswerMs,
      autoRecord: campaign.autoRecord,
      rng: sys.rng,
      calleeRules: this.deps.calleeRules.get(sys.systemId),
      magicNumbers: this.deps.magicNumbers,
      at,
    });
    this.deps.races.insert(sys.systemId, step.race);
    this.apply(sys, step, at);
    if (lead) {
      stores.leads.update({
        ...lead,
        attempts: lead.attempts + 1,
        lastCallId: callIds[0] as number,
        lastCallAt: at,
        updatedAt: at,
      });
      this.deps.leads?.called(sys, userId, lead.leadId, callIds[0] as number);
    }
    return {
      shotgun_id: shotgunId,
      calls: step.race.legs.map((l) => ({ call_id: l.callId, phone_number: l.phoneNumber })),
    };
  }

  view(sys: SystemContext, userId: number, shotgunId: number): ShotgunView {
    const race = this.owned(sys, userId, shotgunId);
    const winner = race.winnerCallId ? this.deps.calls.get(sys.systemId, race.winnerCallId) : undefined;
    return shotgunView(race, winner);
  }

  cancel(sys: SystemContext, userId: number, shotgunId: number): ShotgunRace {
    return this.end(sys, this.owned(sys, userId, shotgunId), sys.clock.now());
  }

  /**
   * The agent hung up a call of its race still racing (`POST …/call/{call_id}/hangup` on any leg's id: while the
   * race rings the agent is on one pending call, whichever leg answers). Inferred — B.6 is silent, and B.5 lets a
   * conference leg's own `call_id` cancel that leg: the race ends as by `cancel` (live legs dropped with 487, state
   * `cancelled`, one `shotgun_result`, the agent released). False, changing nothing, when the call is not a leg of
   * the user's race still racing (a race decided: the winner is an ordinary call, the losing legs have ended).
   */
  hangUp(sys: SystemContext, userId: number, callId: number, at: number): boolean {
    const race = this.racingOf(sys, callId);
    if (race?.userId !== userId) return false;
    this.end(sys, race, at);
    return true;
  }

  /**
   * The agent's phone went away (SIP connection lost, unregistered, bridge hung up) while the agent
   * races (inferred: B.6 is silent): there is no one to put a winner through to, so the race is
   * cancelled as by `cancel` — live legs dropped (487), state `cancelled`, one `shotgun_result` —
   * and the agent is released with reason `phone_dropped` (the caller then logs it out). False when
   * the agent is not in a race still racing.
   */
  phoneGone(sys: SystemContext, userId: number, at: number): boolean {
    const agent = this.deps.agentStore.get(sys.systemId, userId);
    if (agent?.state !== 'on_call') return false;
    const race = this.racingOf(sys, agent.callId);
    if (race?.userId !== userId) return false;
    this.end(sys, race, at, 'phone_dropped');
    return true;
  }

  /**
   * The timer dispatcher's shotgun part: a `call_event` / `call_no_answer` of a leg whose race is
   * still racing is the race's. False when the call is not such a leg (CallService takes it).
   */
  routeLegTimer(sys: SystemContext, callId: number, input: CallInput, at: number): boolean {
    const call = this.deps.calls.get(sys.systemId, callId);
    if (!call || call.callType !== CALL_TYPES.SHOTGUN_LEG || call.shotgunId === 0) return false;
    const race = this.deps.races.get(sys.systemId, call.shotgunId);
    if (race?.state !== 'racing') return false;
    const step = shotgunLegInput(race, callId, input, at);
    if (step.race !== race) this.deps.races.update(sys.systemId, step.race);
    this.apply(sys, step, at);
    return true;
  }

  /** The race still racing that the call is a leg of; undefined when there is none. */
  private racingOf(sys: SystemContext, callId: number): ShotgunRace | undefined {
    const call = this.deps.calls.get(sys.systemId, callId);
    if (!call || call.callType !== CALL_TYPES.SHOTGUN_LEG || call.shotgunId === 0) return undefined;
    const race = this.deps.races.get(sys.systemId, call.shotgunId);
    return race?.state === 'racing' ? race : undefined;
  }

  /** Cancels a race (409 INVALID_STATE when it is no longer racing) and carries out what follows. */
  private end(sys: SystemContext, race: ShotgunRace, at: number, reason?: string): ShotgunRace {
    const step = cancelShotgun(race, at, reason);
    this.deps.races.update(sys.systemId, step.race);
    this.apply(sys, step, at);
    return step.race;
  }

  private owned(sys: SystemContext, userId: number, shotgunId: number): ShotgunRace {
    const race = this.deps.races.get(sys.systemId, shotgunId);
    if (!race || race.userId !== userId) throw DomainError.notFound('shotgun_id', 'shotgun', shotgunId);
    return race;
  }

  private apply(sys: SystemContext, step: ShotgunStep, at: number): void {
    for (const e of step.effects) this.effect(sys, step.race, e, at);
  }

  private effect(sys: SystemContext, race: ShotgunRace, e: ShotgunEffect, at: number): void {
    const { timers, notifications } = this.deps;
    switch (e.type) {
      case 'set_timer':
        timers.schedule(sys.systemId, e.dueAt, e.kind, e.payload, e.ref);
        break;
      case 'cancel_timer':
        timers.cancel(sys.systemId, e.kind, e.ref);
        break;
      case 'save_call':
        this.saveCall(sys, e.record);
        break;
      case 'notify':
        notifications.emit(sys.systemId, e.callId, e.notification, at);
        break;
      case 'agent_state':
        if (e.to === 'on_call') this.agentOnCall(sys, e.userId, race.legs[0]?.callId ?? 0, e.reason, at);
        else {
          // Lost or cancelled: the lead is settled before the agent is free (and the dialler paces).
          this.leadEnded(sys, race, at);
          this.agentReleased(sys, e.userId, e.reason, at);
        }
        break;
      case 'won': {
        this.agentMovesTo(sys, race.userId, e.record.callId);
        const first = race.legs[0];
        if (e.record.leadId !== 0 && first) {
          this.leadWon(sys, e.record.leadId, first.callId, e.record.callId, at);
          this.deps.leads?.won(sys, e.record.leadId, first.callId, e.record.callId);
        }
        break;
      }
    }
  }

  private saveCall(sys: SystemContext, record: CallRecord): void {
    const before = this.deps.calls.get(sys.systemId, record.callId);
    if (before) {
      this.deps.calls.update(sys.systemId, { ...before, ...record });
      return;
    }
    const call: StoredCall = {
      ...record,
      linkedCallId: 0,
      recordedMs: 0,
      recordingSince: null,
      notes: '',
      callbackAt: null,
    };
    this.deps.calls.insert(sys.systemId, call);
  }

  private agentOnCall(sys: SystemContext, userId: number, callId: number, reason: string, at: number): void {
    this.deps.agents.onCallEffect(sys, userId, callId, 'on_call', reason, at);
  }

  /** The winner is now the agent's call: wrap-up and dispose follow it (no state change, no notification). */
  private agentMovesTo(sys: SystemContext, userId: number, callId: number): void {
    const agent = this.deps.agentStore.get(sys.systemId, userId);
    if (agent && agent.state === 'on_call') this.deps.agentStore.save({ ...agent, callId });
  }

  /**
   * The race's lead now has the winner as its last call (the call whose CDR the integrator gets), in place of the first
   * leg the race started with; nothing when the lead has been called since. Its one attempt and its time stay.
   */
  private leadWon(sys: SystemContext, leadId: number, firstCallId: number, winnerCallId: number, at: number): void {
    if (firstCallId === winnerCallId) return;
    const lead = this.deps.stores.leads.get(sys.systemId, leadId);
    if (lead?.lastCallId === firstCallId)
      this.deps.stores.leads.update({ ...lead, lastCallId: winnerCallId, updatedAt: at });
  }

  /**
   * A race lost or cancelled lets go of its lead, held for its first leg, with the race's disposition; the numbers its
   * legs rang go with it (the lead's next number may be one of them).
   */
  private leadEnded(sys: SystemContext, race: ShotgunRace, at: number): void {
    const first = race.legs[0];
    if (!first || first.record.leadId === 0) return;
    const rung = race.legs.map((l) => l.phoneNumber);
    this.deps.leads?.ended(sys, first.record, raceDisposition(race), rung, at);
  }

  private agentReleased(sys: SystemContext, userId: number, reason: string, at: number): void {
    // Through the agent service, so that the dialler (and messaging) hear the agent is free again.
    const dropped = this.deps.agents.raceEnded(sys, userId, reason, at);
    // The phone went away during the race: the agent is logged out now that it is free.
    if (dropped) this.deps.agents.phoneDropped(sys, userId, at);
  }
}
