import type { AgentService } from '../agents/agent-service.js';
import type { CallInput } from '../calls/call-machine.js';
import type { CallRecord } from '../calls/call-record.js';
import type { CallStore, StoredCall } from '../calls/call-store.js';
import { CALL_TIMER_KINDS, callTimerRef } from '../calls/call-timers.js';
import type { CalleeRuleStore } from '../calls/callee-rule-store.js';
import type { NotificationSink } from '../notifications/notification-sink.js';
import type { CampaignRecord, Stores } from '../ports.js';
import type { SystemContext } from '../systems/system-context.js';
import type { TimerService } from '../timers/timer-service.js';
import { openingHours } from './after-hours.js';
import {
  type CampaignLookup,
  type DiallerCampaign,
  diallerCampaignFrom,
  dialsOutbound,
  takesInbound,
} from './dialler-campaign.js';
import { createDialler, type Dialler, type DiallerEffect } from './dialler-engine.js';
import type { DiallerStore } from './dialler-store.js';
import { DIALLER_TIMER_KINDS } from './dialler-timers.js';
import type { LeadSource } from './lead-source.js';

/** The dialler's two ports for one system (SQLite in the server: store/sqlite-*.ts). */
export interface DiallerPorts {
  leads: LeadSource;
  store: DiallerStore;
}

export interface DiallerServiceDeps {
  stores: Pick<Stores, 'sequences' | 'campaigns' | 'lists'>;
  ports: (systemId: number) => DiallerPorts;
  calls: CallStore;
  agents: AgentService;
  timers: TimerService;
  notifications: NotificationSink;
  calleeRules: CalleeRuleStore;
  magicNumbers: boolean;
}

/**
 * The dialler engine (engine/dialler) on a system's stores: one `Dialler` per system, built once on
 * its SQLite ports, whose effects are carried out here in the caller's transaction — durable timers,
 * notifications into the outbox, and `route`: the call is stored as the agent's and the agent goes
 * `on_call` on it, after which CallService drives it like any agent call and reports back
 * (`callCompleted`, and every agent state through `agentChanged`).
 */
export class DiallerService {
  /** Each system's ports (their statements are prepared once); the engine is rebuilt per use (it is stateless). */
  private readonly ports = new Map<number, DiallerPorts>();
  /** Each campaign record's dialler view, with the list ids it was worked out from. */
  private readonly views = new WeakMap<CampaignRecord, { key: string; view: DiallerCampaign }>();
  private readonly engines = new Map<number, { rng: SystemContext['rng']; dialler: Dialler; forget: () => void }>();

  constructor(private readonly deps: DiallerServiceDeps) {
    for (const kind of Object.values(DIALLER_TIMER_KINDS))
      deps.timers.register(kind, (run) => {
        this.apply(run.system, this.of(run.system).onTimer(kind, run.timer.payload, run.now), run.now);
      });
  }

  /** The timer dispatcher's dialler part: a dial timer of a call the dialler has in hand. */
  routeCallTimer(sys: SystemContext, callId: number, input: CallInput, at: number): boolean {
    const dialler = this.of(sys);
    if (!dialler.hasCall(callId)) return false;
    const effects =
      input.type === 'no_answer_timeout'
        ? dialler.onTimer(CALL_TIMER_KINDS.noAnswer, { call_id: callId }, at)
        : dialler.onTimer(CALL_TIMER_KINDS.event, { call_id: callId, input }, at);
    this.apply(sys, effects, at);
    return true;
  }

  /** An agent's state changed (login, ready, paused, on a call, wrap-up, logout). */
  agentChanged(
    sys: SystemContext,
    change: { userId: number; campaignId: number; state: Parameters<Dialler['agentState']>[0]['state'] },
    at: number,
  ): void {
    this.apply(sys, this.of(sys).agentState(change, at), at);
  }

  /** An agent's call was disposed (or its wrap-up timed out): its lead and the campaign's counters. */
  callCompleted(sys: SystemContext, call: StoredCall, at: number): void {
    if (call.campaignId === 0) return;
    this.apply(sys, this.of(sys).callCompleted(call, { callbackAt: call.callbackAt }, at), at);
  }

  /**
   * A lead was edited through the API: the dialler re-reads it, then every campaign dialling its list
   * paces (an edit may make it due now, or later: the wake-up moves).
   */
  leadEdited(sys: SystemContext, leadId: number, previousStatus: string): void {
    this.of(sys).leadEdited({ leadId, previousStatus }, sys.clock.now());
    const listId = this.portsOf(sys.systemId).leads.get(leadId)?.listId;
    if (listId !== undefined) this.paceList(sys, listId);
  }

  /**
   * Every campaign that dials `listId` (the list's own campaign and those taking it as their
   * `default_list_id`, by the dialler's own campaign lookup) paces: a lead added or edited there may be
   * due. The other campaigns have nothing new to dial and are left alone, and so is a campaign with
   * no agent ready: it dials nothing now and paces again when an agent goes ready.
   */
  paceList(sys: SystemContext, listId: number): void {
    this.paceWhere(sys, (d) => d.listIds.includes(listId));
  }

  /**
   * The system's office hours changed: every campaign dialling out with an agent ready paces now. One waiting for
   * the next opening dials at once when the centre is open now; one the new hours close sleeps at its next turn.
   */
  hoursChanged(sys: SystemContext): void {
    this.paceWhere(sys, () => true);
  }

  /** Paces the campaigns that dial out, have an agent ready and pass `wanted`. */
  private paceWhere(sys: SystemContext, wanted: (campaign: DiallerCampaign) => boolean): void {
    const { store } = this.portsOf(sys.systemId);
    const lookup = this.campaignLookup(sys.systemId).campaigns;
    const due: number[] = [];
    for (const c of this.deps.stores.campaigns.list(sys.systemId)) {
      const d = lookup.campaign(c.campaignId);
      if (d && dialsOutbound(d) && wanted(d) && store.readyCount(d.campaignId) > 0) due.push(d.campaignId);
    }
    if (due.length === 0) return;
    const at = sys.clock.now();
    const dialler = this.of(sys);
    for (const campaignId of due) this.apply(sys, dialler.pace(campaignId, at), at);
  }

  pace(sys: SystemContext, campaignId: number): void {
    const at = sys.clock.now();
    this.apply(sys, this.of(sys).pace(campaignId, at), at);
  }

  inbound(sys: SystemContext, did: string, phoneNumber: string): number {
    const at = sys.clock.now();
    const placed = this.of(sys).inboundCall({ did, phoneNumber }, at);
    this.apply(sys, placed.effects, at);
    return placed.callId;
  }

  /**
   * The engine on the system's ports (the engine keeps no state of its own: that is in the ports).
   * Built once per system and seed (building it cost more than many commands); its campaign
   * lookup forgets what it read at each use, so every command sees the settings as they are.
   */
  of(sys: SystemContext): Dialler {
    let engine = this.engines.get(sys.systemId);
    if (!engine || engine.rng !== sys.rng) {
      // A new stream means a reset or a new seed: the ports' memory of the old data goes too.
      if (engine) this.ports.delete(sys.systemId);
      const ports = this.portsOf(sys.systemId);
      const lookup = this.campaignLookup(sys.systemId);
      const dialler = createDialler({
        leads: ports.leads,
        store: ports.store,
        campaigns: lookup.campaigns,
        rng: sys.rng,
        nextCallId: () => this.deps.stores.sequences.next(sys.systemId, 'call'),
        calleeRules: () => this.deps.calleeRules.get(sys.systemId),
        magicNumbers: this.deps.magicNumbers,
        // Read at each use: the control API may change them.
        hours: openingHours(() => sys.record.officeHours),
      });
      engine = { rng: sys.rng, dialler, forget: lookup.forget };
      this.engines.set(sys.systemId, engine);
    }
    engine.forget();
    return engine.dialler;
  }

  /**
   * An agent calls a lead (`POST …/call` with `lead_id`; CallService counted the attempt): the lead is held for that
   * call — instead of for the agent, when it was previewing it — so that no campaign dials it while the agent's call
   * runs (inferred: Omni would not ring one customer from two lines), and the call's end settles it. A lead the
   * dialler is dialling already stays held for that call.
   */
  leadCalled(sys: SystemContext, userId: number, leadId: number, callId: number): void {
    const { leads, store } = this.portsOf(sys.systemId);
    // `get` adopts a lead added since the dialler last looked (only an adopted lead can be held).
    if (!leads.get(leadId)) return;
    if (leads.holder(leadId) === `user:${userId}`) {
      leads.release(leadId);
      const agent = store.agent(userId);
      if (agent?.previewLeadId === leadId) store.saveAgent({ ...agent, previewLeadId: 0 });
    }
    leads.hold(leadId, callTimerRef(callId));
  }

  /**
   * The call holding a lead handed it on to another call of the same dial (a shotgun race won by a leg other than its
   * first): the lead is held for the winner now, whose end settles it. Nothing when the lead is not held for `fromCallId`.
   */
  leadCallMoved(sys: SystemContext, leadId: number, fromCallId: number, toCallId: number): void {
    if (fromCallId === toCallId) return;
    const { leads } = this.portsOf(sys.systemId);
    if (leads.holder(leadId) !== callTimerRef(fromCallId)) return;
    leads.release(leadId);
    leads.hold(leadId, callTimerRef(toCallId));
  }

  /** An agent's call on a lead ended with no CDR to settle it (a shotgun race lost or cancelled): see `Dialler`. */
  leadCallEnded(
    sys: SystemContext,
    record: CallRecord,
    disposition: string,
    rung: readonly string[],
    at: number,
  ): void {
    this.apply(sys, this.of(sys).leadCallEnded(record, disposition, rung, at), at);
  }

  /** Forgets a deleted system's ports. */
  forget(systemId: number): void {
    this.ports.delete(systemId);
    this.engines.delete(systemId);
  }

  apply(sys: SystemContext, effects: readonly DiallerEffect[], at: number): void {
    for (const e of effects) {
      switch (e.type) {
        case 'set_timer':
          this.deps.timers.schedule(sys.systemId, e.dueAt, e.kind, e.payload, e.ref);
          break;
        case 'cancel_timer':
          this.deps.timers.cancel(sys.systemId, e.kind, e.ref);
          break;
        case 'notify':
          this.deps.notifications.emit(sys.systemId, e.callId, e.notification, at);
          break;
        case 'route':
          this.route(sys, e.userId, e.record, at);
          break;
      }
    }
  }

  /** The call is the agent's now: stored for CallService, and the agent goes on it. */
  private route(sys: SystemContext, userId: number, record: CallRecord, at: number): void {
    const before = this.deps.calls.get(sys.systemId, record.callId);
    const call: StoredCall = before
      ? { ...before, ...record }
      : { ...record, linkedCallId: 0, recordedMs: 0, recordingSince: null, notes: '', callbackAt: null };
    if (before) this.deps.calls.update(sys.systemId, call);
    else this.deps.calls.insert(sys.systemId, call);
    this.deps.agents.onCallEffect(sys, userId, record.callId, 'on_call', 'dialler_route', at);
  }

  private portsOf(systemId: number): DiallerPorts {
    let ports = this.ports.get(systemId);
    if (!ports) {
      ports = this.deps.ports(systemId);
      this.ports.set(systemId, ports);
    }
    return ports;
  }

  private campaignLookup(systemId: number): { campaigns: CampaignLookup; forget: () => void } {
    const { campaigns, lists } = this.deps.stores;
    // Settings read once per use of the engine (`of` calls `forget` first).
    const seen = new Map<number, DiallerCampaign | undefined>();
    const campaign = (campaignId: number): DiallerCampaign | undefined => {
      if (seen.has(campaignId)) return seen.get(campaignId);
      const found = read(campaignId);
      seen.set(campaignId, found);
      return found;
    };
    const read = (campaignId: number): DiallerCampaign | undefined => {
      const c = campaigns.get(systemId, campaignId);
      if (!c) return undefined;
      // The lists whose `campaign_id` is the campaign, in id order (the list store caches them).
      const listIds: number[] = [];
      for (const l of lists.list(systemId)) if (l.campaignId === campaignId) listIds.push(l.listId);
      // The store hands out one frozen record per version of a campaign: its dialler view is worked
      // out once per version and set of lists, not at every command.
      const key = listIds.join(',');
      const known = this.views.get(c);
      if (known && known.key === key) return known.view;
      const view = diallerCampaignFrom(c, listIds);
      this.views.set(c, { key, view });
      return view;
    };
    return {
      campaigns: {
        campaign,
        campaignForDid(did) {
          for (const c of campaigns.list(systemId).sort((a, b) => a.campaignId - b.campaignId)) {
            const d = campaign(c.campaignId);
            if (d && takesInbound(d) && d.inboundDids.includes(did)) return d.campaignId;
          }
          return undefined;
        },
      },
      forget: () => seen.clear(),
    };
  }
}
