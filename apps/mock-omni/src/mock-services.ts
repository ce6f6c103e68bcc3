import { DEFAULT_VARIATION, type Variation } from '@omnikit/contracts/variants';
import { AgentService } from './engine/agents/agent-service.js';
import { PhoneService } from './engine/agents/phone-service.js';
import { CallService } from './engine/calls/call-service.js';
import type { ClockSettings } from './engine/clock.js';
import { CampaignSeriesService } from './engine/dialler/campaign-series-service.js';
import { DiallerService } from './engine/dialler/dialler-service.js';
import { AuthService } from './engine/directory/auth.js';
import { BulkUploadService } from './engine/directory/bulk-upload.js';
import { CampaignService } from './engine/directory/campaigns.js';
import { DncService } from './engine/directory/dnc.js';
import { LeadArchiveService } from './engine/directory/lead-archive.js';
import { LeadService } from './engine/directory/leads.js';
import { ListService } from './engine/directory/lists.js';
import { NotificationEndpointService } from './engine/directory/notification-endpoint.js';
import { UserService } from './engine/directory/users.js';
import { seedMessagingDemo } from './engine/messaging/messaging-demo-data.js';
import { MessagingService } from './engine/messaging/messaging-service.js';
import type { NotificationSink } from './engine/notifications/notification-sink.js';
import type { NetworkPhones, Secrets, Stores, TelephonyStores } from './engine/ports.js';
import { ShotgunService } from './engine/shotgun/shotgun-service.js';
import type { SystemContext } from './engine/systems/system-context.js';
import { SystemRegistry, TOKEN_LIFETIME_MS } from './engine/systems/system-registry.js';
import { TimerService } from './engine/timers/timer-service.js';
import { FaultBook } from './http/fault-injection.js';
import type { OriginGuard } from './http/origin-guard.js';
import { RequestJournal } from './http/request-journal.js';
import type { Sender } from './notify/http-sender.js';
import type { OutboxPort } from './notify/outbox-port.js';
import { demoFaker } from './runtime/demo-faker.js';
import type { OwnListeners } from './runtime/own-listeners.js';
import type { WebhookSettings } from './store/notify-settings-repository.js';

export interface Logger {
  info(message: string): void;
  error(message: string, error?: unknown): void;
}

/** Webhook delivery as the control API sees it (the delivery worker runs beside, runtime/). */
export interface WebhookServices {
  outbox: OutboxPort;
  settings: WebhookSettings;
  /** Sends test notifications. */
  sender: Sender;
  /** Wakes the delivery worker (after a replay). */
  kick(): void;
  /** The system's rows were wiped (reset) or deleted: what the worker claimed of them and has not sent is dropped. */
  forget(systemId: number): void;
}

export interface MockServicesOptions {
  stores: Stores;
  /** Agents, phones, calls and callee rules. */
  telephony: TelephonyStores;
  /** Where the engine's notifications go: the outbox. */
  notifications: NotificationSink;
  webhooks: WebhookServices;
  /** Phones on the network (the SIP edge): they register beside virtual phones, and commands reach them. */
  phones?: NetworkPhones;
  secrets: Secrets;
  wallNow: () => number;
  seed: number;
  /** The variation systems play (`--vary`; default: the contracts' own shapes). */
  variation?: Variation | undefined;
  clock: ClockSettings;
  /** Where new systems' clocks start; absent: now for a running clock, the fixed Monday for a manual one. */
  clockStart: number | undefined;
  /** When set, every control route but `/health` needs it in `X-Mock-Admin-Key`. */
  adminKey?: string | undefined;
  /** Which `Host`, `Origin` and callers the mock serves. */
  originGuard: OriginGuard;
  /** Where the mock listens: a notification endpoint must not lead back to its control API. */
  listeners: OwnListeners;
  validateResponses: boolean;
  strict: boolean;
  logger: Logger;
  version: string;
  onTimerScheduled?: (systemId: number, dueAt: number) => void;
}

/**
 * Everything a request handler may use, wired once per mock: the stores, the engine's services,
 * and the per-system fault books and journals (in memory).
 */
export class MockServices {
  readonly stores: Stores;
  readonly registry: SystemRegistry;
  readonly timers: TimerService;
  readonly auth: AuthService;
  readonly users: UserService;
  readonly campaigns: CampaignService;
  readonly lists: ListService;
  readonly leads: LeadService;
  readonly bulk: BulkUploadService;
  readonly archive: LeadArchiveService;
  readonly endpoints: NotificationEndpointService;
  readonly dnc: DncService;
  readonly telephony: TelephonyStores;
  readonly phones: PhoneService;
  readonly agents: AgentService;
  readonly calls: CallService;
  readonly shotgun: ShotgunService;
  readonly dialler: DiallerService;
  readonly series: CampaignSeriesService;
  readonly messaging: MessagingService;
  readonly webhooks: WebhookServices;
  /** Each system's fault book, with the root stream its draws were forked from. */
  private readonly faultBooks = new Map<number, { book: FaultBook; rng: SystemContext['rng'] }>();
  private readonly journals = new Map<number, RequestJournal>();
  private scheduledListener: ((systemId: number, dueAt: number) => void) | undefined;

  constructor(readonly options: MockServicesOptions) {
    const { stores, secrets } = options;
    this.stores = stores;
    this.scheduledListener = options.onTimerScheduled;
    this.timers = new TimerService({
      stores,
      onHandlerError: (error, timer) =>
        options.logger.error(`timer ${timer.timerId} (${timer.kind}) of system ${timer.systemId} failed`, error),
      onScheduled: (systemId, dueAt) => this.scheduledListener?.(systemId, dueAt),
    });
    this.registry = new SystemRegistry(
      stores,
      secrets,
      options.wallNow,
      {
        seed: options.seed,
        clock: options.clock,
        clockStart: options.clockStart,
        tokenLifetimeMs: TOKEN_LIFETIME_MS,
        variation: options.variation ?? DEFAULT_VARIATION,
        magicNumbers: !options.strict,
      },
      this.timers,
      demoFaker,
    );
    this.auth = new AuthService(stores, secrets);
    this.telephony = options.telephony;
    this.webhooks = options.webhooks;
    this.phones = new PhoneService(options.telephony.phones, stores.users, options.phones);
    this.users = new UserService(stores, secrets, this.phones);
    this.agents = new AgentService({
      agents: options.telephony.agents,
      campaigns: stores.campaigns,
      phones: this.phones,
      notifications: options.notifications,
      onStateChange: (sys, agent, at) => {
        this.dialler.agentChanged(sys, { userId: agent.userId, campaignId: agent.campaignId, state: agent.state }, at);
        this.messaging.voiceStateChanged(sys, agent.userId, at);
      },
    });
    this.shotgun = new ShotgunService({
      stores,
      races: options.telephony.shotguns,
      calls: options.telephony.calls,
      agents: this.agents,
      agentStore: options.telephony.agents,
      timers: this.timers,
      notifications: options.notifications,
      calleeRules: options.telephony.calleeRules,
      magicNumbers: !options.strict,
      // The dialler is made below: these run only once a request or a timer comes.
      leads: {
        called: (sys, userId, leadId, callId) => this.dialler.leadCalled(sys, userId, leadId, callId),
        won: (sys, leadId, fromCallId, toCallId) => this.dialler.leadCallMoved(sys, leadId, fromCallId, toCallId),
        ended: (sys, leg, disposition, rung, at) => this.dialler.leadCallEnded(sys, leg, disposition, rung, at),
      },
    });
    this.calls = new CallService({
      stores,
      calls: options.telephony.calls,
      agents: this.agents,
      phones: this.phones,
      timers: this.timers,
      notifications: options.notifications,
      calleeRules: options.telephony.calleeRules,
      magicNumbers: !options.strict,
      routeCallTimer: (sys, callId, input, at) =>
        // The dialler's check is one indexed probe: it goes first (a call is never both).
        this.dialler.routeCallTimer(sys, callId, input, at) || this.shotgun.routeLegTimer(sys, callId, input, at),
      onCallCompleted: (sys, call, at) => this.dialler.callCompleted(sys, call, at),
      endRaceOfAgent: (sys, userId, at) => this.shotgun.phoneGone(sys, userId, at),
      hangUpRace: (sys, userId, callId, at) => this.shotgun.hangUp(sys, userId, callId, at),
    });
    this.dialler = new DiallerService({
      stores,
      ports: options.telephony.diallerPorts,
      calls: options.telephony.calls,
      agents: this.agents,
      timers: this.timers,
      notifications: options.notifications,
      calleeRules: options.telephony.calleeRules,
      magicNumbers: !options.strict,
    });
    this.series = new CampaignSeriesService({ history: options.telephony.history, campaigns: stores.campaigns });
    this.campaigns = new CampaignService(stores);
    this.lists = new ListService(stores);
    this.leads = new LeadService(stores, (sys, leadId, previousStatus) =>
      this.dialler.leadEdited(sys, leadId, previousStatus),
    );
    this.bulk = new BulkUploadService(stores);
    this.archive = new LeadArchiveService(stores);
    this.endpoints = new NotificationEndpointService(stores);
    this.dnc = new DncService(stores);
    this.messaging = new MessagingService({
      store: options.telephony.messaging,
      users: stores.users,
      sequences: stores.sequences,
      voiceAgents: options.telephony.agents,
      timers: this.timers,
      notifications: options.notifications,
      magicAddresses: !options.strict,
    });
    const demo = { store: options.telephony.messaging, sequences: stores.sequences, windows: this.messaging };
    this.registry.addSeeder((systemId, at) => seedMessagingDemo(demo, systemId, at));
  }

  /** Runs `fn` in one transaction: all its writes land, or none (nested calls join the outer one). */
  transaction<T>(fn: () => T): T {
    return this.stores.tx.run(fn);
  }

  /** The wall-clock driver listens here to re-arm when a timer is set. */
  onTimerScheduled(listener: (systemId: number, dueAt: number) => void): void {
    this.scheduledListener = listener;
  }

  /** A system's timers or clock changed in a way the wall-clock driver must re-arm for. */
  timersChanged(systemId: number): void {
    this.scheduledListener?.(systemId, Number.NEGATIVE_INFINITY);
  }

  faults(sys: SystemContext): FaultBook {
    const known = this.faultBooks.get(sys.systemId);
    if (!known) {
      const book = new FaultBook(sys.rng.fork('faults'));
      this.faultBooks.set(sys.systemId, { book, rng: sys.rng });
      return book;
    }
    // A new root stream means a reset or a new seed: the draws start again from it, as a new system's would.
    if (known.rng !== sys.rng) {
      known.book.reseed(sys.rng.fork('faults'));
      known.rng = sys.rng;
    }
    return known.book;
  }

  journal(sys: SystemContext): RequestJournal {
    let j = this.journals.get(sys.systemId);
    if (!j) {
      j = new RequestJournal();
      this.journals.set(sys.systemId, j);
    }
    return j;
  }

  /**
   * Ends what a reset system had outside its data: its phones' bridge calls (they keep their registrations), and the
   * notifications the delivery worker holds claimed.
   */
  systemReset(systemId: number): void {
    this.phones.network.endSystem(systemId, 'reset');
    // Notifications recorded before the reset are gone: none of them may still go to the endpoint set after it.
    this.webhooks.forget(systemId);
  }

  /** Forgets a deleted system's in-memory parts, and its phones: bridge calls, registrations, connections. */
  forget(systemId: number): void {
    this.faultBooks.delete(systemId);
    this.journals.delete(systemId);
    this.dialler.forget(systemId);
    this.webhooks.forget(systemId);
    this.phones.network.endSystem(systemId, 'deleted');
  }
}
