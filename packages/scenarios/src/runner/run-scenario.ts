import { randomBytes } from 'node:crypto';
import type { CalleeRule } from '@omnikit/contracts/control';
import {
  type AgentResources,
  createFakeMediaHandlerFactory,
  type FetchLike,
  type Notification,
  OmniClient,
  OmniPhone,
  type SessionResources,
} from '@omnikit/sdk';
import WebSocket from 'ws';
import type { Expectation, Scenario, Step } from '../dsl/scenario-schema.js';
import type { Target, TargetSystem } from '../target/target.js';
import { checkExpectation } from './check-expectation.js';
import { matches } from './match-fields.js';
import { endpointCannotBeRestored, restoreEndpoint } from './restore-endpoint.js';
import { blockers, formatMs, MAX_WALL_ADVANCE_MS, resolveNumber } from './requirements.js';
import { describeFault, type ScenarioFault } from './scenario-fault.js';
import type { ScenarioResult } from './scenario-result.js';
import type { Inbox, WebhookReceiver } from './webhook-inbox.js';

export interface RunOptions {
  target: Target;
  /** The runner's started webhook receiver (shared by the scenarios of one run). */
  receiver: WebhookReceiver;
  /** Faults to inject after `given` (mock targets only). */
  faults?: readonly ScenarioFault[];
  /** How long expectations may take to come true (deliveries are asynchronous); default 3 s on the mock, 20 s on a real Omni. */
  settleMs?: number;
  /** Progress lines (`step 3/9 dial c1`). */
  onProgress?: (line: string) => void;
  /**
   * Stops the scenario (Ctrl-C): the step under way is abandoned, then the cleanup runs as usual —
   * calls hung up, agents logged out, a real Omni's notification endpoint put back.
   */
  signal?: AbortSignal;
}

/** A promise that rejects when `signal` aborts (never, without one), and how to stop listening. */
function whenAborted(signal: AbortSignal | undefined): { aborted: Promise<never>; release(): void } {
  let stop = () => {};
  const aborted = new Promise<never>((_, reject) => {
    stop = () => reject(new Error('interrupted'));
  });
  aborted.catch(() => {});
  if (signal?.aborted) stop();
  else signal?.addEventListener('abort', stop, { once: true });
  return { aborted, release: () => signal?.removeEventListener('abort', stop) };
}

/** One agent of a run: its credentials, its client (counting authorizes), its session and phone. */
export interface AgentRun {
  alias: string;
  userId: number;
  extension: string;
  phoneKind: 'virtual' | 'sip';
  authorizations: number;
  api: AgentResources | undefined;
  client: OmniClient;
  credentials: { userName: string; password: string; webrtcPassword: string };
  phone: OmniPhone | undefined;
  virtualRegistered: boolean;
}

/** What a running scenario has: the target system, its agents, the names it gave, its inbox. */
export interface RunContext {
  scenario: Scenario;
  system: TargetSystem;
  inbox: Inbox;
  agents: Map<string, AgentRun>;
  /** Names → ids (calls, leads, shotguns, campaigns, lists). */
  refs: Map<string, number>;
  /** Names given to calls (cleanup hangs them up). */
  callNames: Set<string>;
  /** Lead names → the number to dial. */
  leadPhones: Map<string, string>;
  /** Directory routes (campaigns, leads…) as the first agent. */
  directory: SessionResources;
  /** The mock's virtual now (epoch ms); the wall clock elsewhere. */
  now(): number;
  faults: readonly ScenarioFault[];
  notes: string[];
  /** How long to wait for something asynchronous (a delivery) before calling it missing. */
  settleMs: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function describeStep(s: Step): string {
  const parts: string[] = [s.do];
  for (const key of ['agent', 'call', 'as', 'campaign', 'lead', 'shotgun'] as const)
    if (key in s) parts.push(`${key}=${String((s as Record<string, unknown>)[key])}`);
  if (s.do === 'advance') parts.push(formatMs(s.ms));
  if (s.do === 'dispose') parts.push(s.code);
  if (s.do === 'record') parts.push(s.action);
  return parts.join(' ');
}

export function describeExpectation(e: Expectation): string {
  switch (e.kind) {
    case 'notifications':
      return `notifications (${e.mode}: ${e.items.map((i) => i.type).join(', ')})`;
    case 'notificationCount':
      return `count of ${e.type} notifications`;
    case 'call':
      return `call ${e.call}`;
    case 'agent':
      return `agent ${e.agent}`;
    case 'cdr':
      return `cdr of ${e.call}`;
    case 'shotgun':
      return `shotgun ${e.shotgun}`;
    case 'lead':
      return `lead ${e.lead}`;
    case 'campaignStats':
      return `campaign statistics of ${e.campaign}`;
    case 'deliveries':
      return `deliveries of ${e.type} for ${e.call}`;
    case 'authorizations':
      return `authorizations of ${e.agent}`;
  }
}

function errorText(error: unknown): string {
  if (error instanceof Error) {
    const e = error as Error & { errorCode?: string; status?: number };
    if (e.name === 'Error') return e.message;
    return `${e.name}${e.status ? ` ${e.status}` : ''}${e.errorCode ? ` ${e.errorCode}` : ''}: ${e.message}`;
  }
  return String(error);
}

/** Runs one scenario on a fresh system of the target; never throws for the scenario's own failures. */
export async function runScenario(scenario: Scenario, opts: RunOptions): Promise<ScenarioResult> {
  const started = performance.now();
  const progress = opts.onProgress ?? (() => {});
  const base = { name: scenario.name, steps: scenario.steps.length, expectations: scenario.expect.length };
  const done = (r: Omit<ScenarioResult, 'name' | 'steps' | 'expectations' | 'durationMs'>): ScenarioResult => ({
    ...base,
    ...r,
    durationMs: Math.round(performance.now() - started),
  });
  const faults = opts.faults ?? [];
  let system: TargetSystem;
  try {
    system = await opts.target.open({ seed: scenario.seed, clock: scenario.clock });
  } catch (error) {
    return done({
      status: 'failed',
      message: `the target failed: ${errorText(error)}`,
      stepsRun: 0,
      expectationsHeld: 0,
      notes: [],
    });
  }
  const notes: string[] = [];
  const cleanups: (() => Promise<unknown>)[] = [];
  const { aborted, release } = whenAborted(opts.signal);
  try {
    const blocked = blockers(scenario, system);
    if (blocked.length > 0)
      return done({ status: 'not run', reason: blocked.join('; '), stepsRun: 0, expectationsHeld: 0, notes });
    if (faults.length > 0 && !system.capabilities.control)
      throw new Error('faults can be injected on the mock only (its control API)');

    let virtualNow = Date.now();
    if (system.control) virtualNow = (await system.control.call('getClock')).now_ms;
    const now = () => (system.control && scenario.clock === 'manual' ? virtualNow : Date.now());

    // Webhooks: our inbox, and on a real Omni the system's own endpoint saved to be put back.
    const secret = scenario.given.notificationEndpoint.signed ? randomBytes(18).toString('hex') : undefined;
    const inbox = opts.receiver.inbox(secret);
    const first = system.agent(0);
    if (!first) throw new Error('no agent credentials');
    const setupClient = new OmniClient({
      baseUrl: system.baseUrl,
      systemKey: system.systemKey,
      fetch: system.fetch,
      now,
    });
    const directory = setupClient.withSession(await setupClient.authorize(first.userName, first.password));
    if (!system.control) {
      const saved = await directory.notifications.getEndpoint();
      const unrestorable = endpointCannotBeRestored(saved, system);
      if (unrestorable)
        return done({ status: 'not run', reason: unrestorable, stepsRun: 0, expectationsHeld: 0, notes });
      cleanups.push(() => restoreEndpoint(directory, saved, system));
    }
    await directory.notifications.setEndpoint({
      url: inbox.url,
      ...(secret ? { secret } : {}),
      ...(scenario.given.notificationEndpoint.notification_types
        ? { notification_types: scenario.given.notificationEndpoint.notification_types }
        : {}),
    });

    const ctx: RunContext = {
      scenario,
      system,
      inbox,
      agents: new Map(),
      refs: new Map(),
      callNames: new Set(),
      leadPhones: new Map(),
      directory,
      now,
      faults,
      notes,
      settleMs: opts.settleMs ?? (system.control ? 3_000 : 20_000),
    };
    await prepareGiven(ctx, cleanups);

    // Callee rules: the faults' first (they must win), the scenario's, then the mock's test lines.
    if (system.control) {
      const faultRules = faults.flatMap((f) => (f.kind === 'callee-rule' ? [f.rule] : []));
      const testLines: CalleeRule[] = system.testNumbers.map((number) => ({
        number,
        behaviour: { outcome: 'answer', ring_ms: 1_000, talk_ms: null },
      }));
      await system.control.call('setCalleeRules', {
        body: { rules: [...faultRules, ...scenario.given.calleeRules, ...testLines] },
      });
      if (scenario.webhookChaos) await system.control.call('setWebhookChaos', { body: scenario.webhookChaos });
      for (const f of faults) {
        if (f.kind === 'route-error')
          await system.control.call('createFault', {
            body: { route_id: f.route_id, error_code: f.error_code, ...(f.status ? { status: f.status } : {}) },
          });
        if (f.kind === 'webhook-chaos') await system.control.call('setWebhookChaos', { body: f.chaos });
        if (f.kind === 'receiver-outage') inbox.outage(f.status);
      }
      if (faults.length > 0) notes.push(`faults: ${faults.map(describeFault).join('; ')}`);
    }

    let stepsRun = 0;
    for (const [i, st] of scenario.steps.entries()) {
      progress(`  step ${i + 1}/${scenario.steps.length} ${describeStep(st)}`);
      try {
        const running = executeStep(ctx, st);
        // An abandoned step may still settle after the cleanup: its outcome no longer matters.
        running.catch(() => {});
        const advanced = await Promise.race([running, aborted]);
        if (advanced !== undefined) virtualNow = advanced;
      } catch (error) {
        return done({
          status: 'failed',
          message: `step ${i + 1} (${describeStep(st)}) failed: ${errorText(error)}`,
          stepsRun,
          expectationsHeld: 0,
          notes,
        });
      }
      stepsRun++;
    }

    // Expectations: deliveries are asynchronous, so give them until `settleMs` to come true.
    const deadline = Date.now() + ctx.settleMs;
    let failures: string[] = [];
    for (;;) {
      failures = [];
      for (const [i, ex] of scenario.expect.entries()) {
        const why = await checkExpectation(ctx, ex).catch((error: unknown) => [errorText(error)]);
        if (why.length > 0) failures.push(`expectation ${i + 1} (${describeExpectation(ex)}): ${why.join('; ')}`);
      }
      if (failures.length === 0 || Date.now() >= deadline || opts.signal?.aborted) break;
      await sleep(100);
    }
    if (inbox.rejected.length > 0) notes.push(`receiver rejected ${inbox.rejected.length}: ${inbox.rejected[0]}`);
    return done({
      status: failures.length === 0 ? 'passed' : 'failed',
      ...(failures.length > 0 ? { message: failures.join('\n') } : {}),
      stepsRun,
      expectationsHeld: scenario.expect.length - failures.length,
      notes,
    });
  } catch (error) {
    return done({
      status: 'failed',
      message: `setup failed: ${errorText(error)}`,
      stepsRun: 0,
      expectationsHeld: 0,
      notes,
    });
  } finally {
    release();
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
    await system.close().catch(() => {});
  }
}

/** Agents (clients, not yet authorized), then campaigns, lists and leads, made through the sdk. */
async function prepareGiven(ctx: RunContext, cleanups: (() => Promise<unknown>)[]): Promise<void> {
  const { scenario, system, directory } = ctx;
  for (const [i, a] of scenario.given.agents.entries()) {
    const creds = system.agent(i);
    if (!creds) throw new Error(`no credentials for agent ${a.as}`);
    const run: AgentRun = {
      alias: a.as,
      userId: 0,
      extension: creds.extension,
      phoneKind: a.phone,
      authorizations: 0,
      api: undefined,
      credentials: creds,
      phone: undefined,
      virtualRegistered: false,
      client: undefined as unknown as OmniClient,
    };
    const counting: FetchLike = (request) => {
      if (request.method === 'POST' && new URL(request.url).pathname === '/omni/user/authorize') run.authorizations++;
      return system.fetch(request);
    };
    run.client = new OmniClient({
      baseUrl: system.baseUrl,
      systemKey: system.systemKey,
      fetch: counting,
      now: ctx.now,
      validateResponses: true,
    });
    ctx.agents.set(a.as, run);
    cleanups.push(async () => {
      // Leave the system as found: no call of ours still up, no agent left in wrap-up or logged in.
      const api = run.api;
      if (api) {
        for (const [name, id] of ctx.refs) if (ctx.callNames.has(name)) await api.calls.hangup(id).catch(() => {});
        const me = await api.get().catch(() => undefined);
        if (me && me.call_id !== 0) {
          await api.calls.hangup(me.call_id).catch(() => {});
          await api.calls
            .dispose(me.call_id, { disposition_code: 'NI', notes: 'omnikit-scenarios cleanup' })
            .catch(() => {});
        }
        await api.logout().catch(() => {});
      }
      if (run.phone) await run.phone.stop().catch(() => {});
    });
  }
  for (const c of scenario.given.campaigns) {
    const { campaign_id } = await directory.campaigns.create(c.fields);
    ctx.refs.set(c.as, campaign_id);
  }
  for (const l of scenario.given.lists) {
    const campaignId = l.campaign ? ctx.refs.get(l.campaign) : undefined;
    const { list_id } = await directory.lists.create({
      list_name: l.list_name,
      ...(campaignId ? { campaign_id: campaignId } : {}),
    });
    ctx.refs.set(l.as, list_id);
  }
  for (const lead of scenario.given.leads) {
    const phones = lead.phones.map((p) => {
      const r = resolveNumber(p, system);
      if ('blocked' in r) throw new Error(r.blocked);
      return r.number;
    });
    const { lead_id } = await directory.leads.add({
      ...lead.fields,
      list_id: ctx.refs.get(lead.list) as number,
      phone_numbers: phones.map((phone_number) => ({ phone_number })),
    });
    if (lead.as) {
      ctx.refs.set(lead.as, lead_id);
      ctx.leadPhones.set(lead.as, phones[0] as string);
    }
  }
  for (const b of scenario.given.leadBatches) {
    const width = Math.max(3, String(b.count).length);
    const leads = Array.from({ length: b.count }, (_, i) => ({
      phone_number_1: `${b.prefix}${String(i + 1).padStart(width, '0')}`,
      first_name: `Lead ${i + 1}`,
    }));
    const r = await directory.leads.bulkUpload({
      list_id: ctx.refs.get(b.list) as number,
      dnc_check: false,
      deduplication: true,
      leads,
    });
    if (r.inserted !== b.count) throw new Error(`bulk upload inserted ${r.inserted} of ${b.count} leads`);
  }
}

function agentOf(ctx: RunContext, alias: string): AgentRun {
  const a = ctx.agents.get(alias);
  if (!a) throw new Error(`no agent "${alias}"`);
  return a;
}

function apiOf(ctx: RunContext, alias: string): AgentResources {
  const a = agentOf(ctx, alias);
  if (!a.api) throw new Error(`agent "${alias}" has not authorized (add an authorize step first)`);
  return a.api;
}

function ref(ctx: RunContext, name: string): number {
  const id = ctx.refs.get(name);
  if (id === undefined) throw new Error(`"${name}" names nothing this run made`);
  return id;
}

function numberOf(ctx: RunContext, n: Parameters<typeof resolveNumber>[0]): string {
  const r = resolveNumber(n, ctx.system);
  if ('blocked' in r) throw new Error(r.blocked);
  return r.number;
}

/** Runs one step; answers the new virtual now after an `advance` on the mock. */
async function executeStep(ctx: RunContext, st: Step): Promise<number | undefined> {
  const { system } = ctx;
  switch (st.do) {
    case 'authorize': {
      const a = agentOf(ctx, st.agent);
      const { userName, password } = a.credentials;
      const session = await a.client.authorize(userName, password, { credentials: () => ({ password }) });
      a.userId = session.userId;
      a.api = a.client.agent(session);
      ctx.refs.set(st.agent, session.userId);
      return undefined;
    }
    case 'registerPhone': {
      const a = agentOf(ctx, st.agent);
      const server = a.phoneKind === 'sip' || !system.control ? await system.sipServer() : undefined;
      if (server === undefined) {
        if (a.phoneKind === 'sip')
          ctx.notes.push(`agent ${a.alias}: no SIP edge on this target, a virtual phone stood in`);
        await system.control?.call('registerPhone', { params: { extension: a.extension } });
        a.virtualRegistered = true;
        return undefined;
      }
      a.phone = new OmniPhone({
        server,
        extension: a.extension,
        password: a.credentials.webrtcPassword,
        WebSocket: WebSocket as never,
        mediaHandlerFactory: createFakeMediaHandlerFactory(),
        iceServers: [],
        reconnect: false,
      });
      await a.phone.start();
      return undefined;
    }
    case 'dropPhone': {
      const a = agentOf(ctx, st.agent);
      if (a.phone) {
        await a.phone.stop();
        a.phone = undefined;
      } else if (a.virtualRegistered && system.control) {
        await system.control.call('unregisterPhone', { params: { extension: a.extension } });
        a.virtualRegistered = false;
      } else throw new Error(`agent "${st.agent}" has no phone registered`);
      return undefined;
    }
    case 'login':
      await apiOf(ctx, st.agent).login({
        campaign_id: ref(ctx, st.campaign),
        extension: agentOf(ctx, st.agent).extension,
      });
      return undefined;
    case 'ready':
      await apiOf(ctx, st.agent).state({ state: 'ready' });
      return undefined;
    case 'pause':
      await apiOf(ctx, st.agent).state({ state: 'paused', ...(st.pause_code ? { pause_code: st.pause_code } : {}) });
      return undefined;
    case 'logout':
      await apiOf(ctx, st.agent).logout();
      return undefined;
    case 'getAgent':
      await apiOf(ctx, st.agent).get();
      return undefined;
    case 'dial': {
      const phone = st.lead !== undefined ? ctx.leadPhones.get(st.lead) : numberOf(ctx, st.number as never);
      if (phone === undefined) throw new Error(`lead "${st.lead}" has no number`);
      // A lead's number comes from the target (a preview offer): on a real Omni it is dialled only
      // when it is one of OMNI_TEST_NUMBERS, whatever lead the system handed over.
      if (!system.capabilities.control && !system.testNumbers.includes(phone))
        throw new Error(`lead "${st.lead}" has the number ${phone}, which is not listed in OMNI_TEST_NUMBERS`);
      const call = await apiOf(ctx, st.agent).calls.make({
        phone_number: phone,
        ...(st.lead !== undefined ? { lead_id: ref(ctx, st.lead) } : {}),
        ...(st.unique_id ? { unique_id: st.unique_id } : {}),
        ...(st.outbound_cli ? { outbound_cli: st.outbound_cli } : {}),
      });
      ctx.refs.set(st.as, call.call_id);
      ctx.callNames.add(st.as);
      return undefined;
    }
    case 'hold':
      await apiOf(ctx, st.agent).calls.hold(ref(ctx, st.call));
      return undefined;
    case 'retrieve':
      await apiOf(ctx, st.agent).calls.retrieve(ref(ctx, st.call));
      return undefined;
    case 'hangup':
      await apiOf(ctx, st.agent).calls.hangup(ref(ctx, st.call));
      return undefined;
    case 'record':
      await apiOf(ctx, st.agent).calls.record(ref(ctx, st.call), { action: st.action });
      return undefined;
    case 'conference': {
      const r = await apiOf(ctx, st.agent).calls.conference(ref(ctx, st.call), {
        phone_number: numberOf(ctx, st.number),
        ...(st.outbound_cli ? { outbound_cli: st.outbound_cli } : {}),
      });
      ctx.refs.set(st.as, r.call_id);
      ctx.callNames.add(st.as);
      return undefined;
    }
    case 'connect':
      await apiOf(ctx, st.agent).calls.connect(ref(ctx, st.call));
      return undefined;
    case 'dispose':
      await apiOf(ctx, st.agent).calls.dispose(ref(ctx, st.call), {
        disposition_code: st.code,
        ...(st.callback_date_time ? { callback_date_time: st.callback_date_time } : {}),
        ...(st.notes ? { notes: st.notes } : {}),
      });
      return undefined;
    case 'shotgun': {
      const r = await apiOf(ctx, st.agent).shotgun.start({
        phone_numbers: st.numbers.map((n) => numberOf(ctx, n)),
        ...(st.unique_id ? { unique_id: st.unique_id } : {}),
        ...(st.outbound_cli ? { outbound_cli: st.outbound_cli } : {}),
      });
      ctx.refs.set(st.as, r.shotgun_id);
      for (const [i, leg] of (st.legs ?? []).entries()) {
        const call = r.calls[i];
        if (call) {
          ctx.refs.set(leg, call.call_id);
          ctx.callNames.add(leg);
        }
      }
      return undefined;
    }
    case 'shotgunCancel':
      await apiOf(ctx, st.agent).shotgun.cancel(ref(ctx, st.shotgun));
      return undefined;
    case 'previewNext': {
      const r = await apiOf(ctx, st.agent).preview.next();
      if (!r.lead) throw new Error('the preview campaign offered no lead');
      ctx.refs.set(st.as, r.lead.lead_id);
      const phone = r.lead.phone_numbers[0]?.phone_number;
      if (phone) ctx.leadPhones.set(st.as, phone);
      return undefined;
    }
    case 'previewSkip':
      await apiOf(ctx, st.agent).preview.skip({ lead_id: ref(ctx, st.lead) });
      return undefined;
    case 'updateCampaign':
      // Only campaigns this run made have names: a real system's own campaigns are never touched.
      await ctx.directory.campaigns.update(ref(ctx, st.campaign), st.fields);
      return undefined;
    case 'advance': {
      if (system.control && ctx.scenario.clock === 'manual') {
        // Long advances go an hour at a time so deliveries and progress keep up.
        let left = st.ms;
        let now = 0;
        while (left > 0) {
          const ms = Math.min(left, 3_600_000);
          now = (await system.control.call('advanceClock', { body: { ms } })).clock.now_ms;
          left -= ms;
        }
        return now;
      }
      if (st.ms > MAX_WALL_ADVANCE_MS) throw new Error(`cannot wait ${formatMs(st.ms)} of wall-clock time`);
      await sleep(st.ms);
      return undefined;
    }
    case 'waitFor': {
      const refs = (name: string) => ctx.refs.get(name);
      // The mock delivers within milliseconds: waiting longer there only slows a failing run.
      const timeout = system.control ? Math.min(st.timeout_ms, ctx.settleMs) : st.timeout_ms;
      await ctx.inbox
        .waitFor((n: Notification) => n.type === st.type && matches(n.payload, st.fields, refs), timeout)
        .catch(() => {
          throw new Error(`no ${st.type} notification ${JSON.stringify(st.fields)} arrived within ${timeout} ms`);
        });
      return undefined;
    }
    case 'inbound': {
      const r = await (system.control as NonNullable<typeof system.control>).call('placeInboundCall', {
        body: { did: st.did, phone_number: st.from },
      });
      ctx.refs.set(st.as, r.call_id);
      return undefined;
    }
    case 'arrivals':
      await (system.control as NonNullable<typeof system.control>).call('setArrivalProcess', {
        body: {
          campaign_id: ref(ctx, st.campaign),
          calls_per_hour: Array.from({ length: 24 }, () => st.calls_per_hour),
          dids: st.dids,
          ...(st.patience_median_seconds !== undefined ? { patience_median_seconds: st.patience_median_seconds } : {}),
          ...(st.patience_sigma !== undefined ? { patience_sigma: st.patience_sigma } : {}),
        },
      });
      return undefined;
    case 'receiverOutage':
      ctx.inbox.outage(st.status);
      return undefined;
    case 'receiverRecover':
      // A receiver-outage fault means the receiver never comes back.
      if (!ctx.faults.some((f) => f.kind === 'receiver-outage')) ctx.inbox.recover();
      return undefined;
    case 'replayCall': {
      // Replay what has settled: first let deliveries in flight finish (the receiver may have the
      // last one before the mock has recorded its answer).
      const control = system.control as NonNullable<typeof system.control>;
      const callId = String(ref(ctx, st.call));
      for (let waited = 0; waited < 5_000; waited += 50) {
        const pending = await control.call('listWebhookDeliveries', { query: { call_id: callId, state: 'pending' } });
        if (pending.total === 0) break;
        await sleep(50);
      }
      await control.call('replayCallDeliveries', { params: { call_id: callId } });
      return undefined;
    }
  }
}
