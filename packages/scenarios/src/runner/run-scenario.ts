import { randomBytes } from 'node:crypto';
import type { CalleeRule } from '@omnikit/contracts/control';
import { type FetchLike, OmniClient } from '@omnikit/sdk';
import type { Expectation, Scenario, Step } from '../dsl/scenario-schema.js';
import type { ProxyTap } from '../target/proxy-tap.js';
import type { Target, TargetSystem } from '../target/target.js';
import { checkExpectation } from './check-expectation.js';
import { blockers, formatMs } from './requirements.js';
import { endpointCannotBeRestored, restoreEndpoint } from './restore-endpoint.js';
import { type AgentRun, numberOf, type RunContext } from './run-context.js';
import { describeFault, type ScenarioFault } from './scenario-fault.js';
import type { ScenarioResult } from './scenario-result.js';
import { sleep } from './sleep.js';
import { executeStep } from './steps/execute-step.js';
import type { WebhookReceiver } from './webhook-inbox.js';
import { interruptedReason, RunInterrupted, whenAborted } from './when-aborted.js';

/**
 * How to run one scenario: on what, with which receiver, faults and patience.
 *
 * @example
 * ```ts
 * import { createInprocTarget, WebhookReceiver, type RunOptions } from '@omnikit/scenarios';
 *
 * const receiver = new WebhookReceiver();
 * await receiver.start();
 * const options: RunOptions = { target: await createInprocTarget(), receiver, onProgress: (line) => console.error(line) };
 * ```
 */
export interface RunOptions {
  target: Target;
  /** The runner's started webhook receiver (shared by the scenarios of one run). */
  receiver: WebhookReceiver;
  /** Faults to inject after `given` (mock targets only). */
  faults?: readonly ScenarioFault[];
  /** The target is an `omni-mock proxy`: notifications reach the inbox through its tap. */
  proxyTap?: ProxyTap | undefined;
  /**
   * How long expectations may take to come true (deliveries are asynchronous), from the last delivery while they keep
   * coming (2 min at most); default 3 s on the mock, 20 s on a real Omni.
   */
  settleMs?: number;
  /** Progress lines (`step 3/9 dial c1`). */
  onProgress?: (line: string) => void;
  /**
   * Stops the scenario (Ctrl-C): the step under way is abandoned, then the cleanup runs as usual —
   * calls hung up, agents logged out, a real Omni's notification endpoint put back. The scenario is then
   * `not run`, its reason naming the step (`the run was interrupted during step 7 (waitFor)`).
   */
  signal?: AbortSignal;
}

/** The longest expectations are given while deliveries keep arriving. */
const MAX_SETTLE_MS = 120_000;

function describeStep(s: Step): string {
  const parts: string[] = [s.do];
  for (const key of ['agent', 'call', 'as', 'campaign', 'lead', 'shotgun', 'conversation', 'message'] as const)
    if (key in s) parts.push(`${key}=${String((s as Record<string, unknown>)[key])}`);
  if (s.do === 'advance') parts.push(formatMs(s.ms));
  if (s.do === 'dispose') parts.push(s.code);
  if (s.do === 'record') parts.push(s.action);
  if (s.do === 'messageStatus') parts.push(s.status);
  if (s.do === 'closeConversation') parts.push(s.code);
  if (s.do === 'inboundMessage') parts.push(s.channel);
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
      return `deliveries of ${e.type === 'any' ? 'every type' : e.type} for ${e.call}`;
    case 'authorizations':
      return `authorizations of ${e.agent}`;
    case 'message':
      return `message ${e.message}`;
    case 'conversation':
      return `conversation ${e.conversation}`;
    case 'refused':
      return `send ${e.send} refused with ${e.error_code}`;
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

/**
 * Runs one scenario on a fresh system of the target; never throws for the scenario's own failures.
 *
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises';
 * import { createInprocTarget, defineScenario, runScenario, WebhookReceiver } from '@omnikit/scenarios';
 *
 * const scenario = defineScenario(JSON.parse(await readFile('my-case.json', 'utf8')));
 * const target = await createInprocTarget();
 * const receiver = new WebhookReceiver();
 * await receiver.start();
 * const result = await runScenario(scenario, { target, receiver });
 * console.log(result.status, result.message ?? '');
 * await receiver.close();
 * await target.close();
 * ```
 */
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
      failedAt: 'setup',
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
    // Omni's zone for date-times without one: OMNI_TIME_ZONE on a real Omni, the mock's own setting on the mock.
    const timeZone = await system.timeZone?.();
    const zoned = timeZone === undefined ? {} : { timeZone };

    // Webhooks: our inbox, and on a real Omni the system's own endpoint saved to be put back.
    const secret = scenario.given.notificationEndpoint.signed ? randomBytes(18).toString('hex') : undefined;
    // A mock known to sign is held to it; a real Omni (the wiki documents no signature) or one playing
    // `notifications=unsigned` may not sign: its unsigned deliveries are taken and noted.
    const knownSigner = opts.target.kind === 'inproc' && opts.target.variation?.notifications !== 'unsigned';
    const inbox = opts.receiver.inbox(secret, { acceptUnsigned: !knownSigner, ...zoned });
    const first = system.agent(0);
    if (!first) throw new Error('no agent credentials');
    const setupClient = new OmniClient({
      baseUrl: system.baseUrl,
      systemKey: system.systemKey,
      fetch: system.fetch,
      now,
      ...zoned,
    });
    // With its credentials the directory session authorizes again when its token goes (it expires, or a newer
    // authorize of the same user revokes it: tokens=revoke-older), as the agents' sessions do.
    const directory = setupClient.withSession(
      await setupClient.authorize(first.userName, first.password, {
        credentials: () => ({ password: first.password }),
      }),
    );
    if (!system.control) {
      const saved = await directory.notifications.getEndpoint();
      const unrestorable = endpointCannotBeRestored(saved, system);
      if (unrestorable)
        return done({ status: 'not run', reason: unrestorable, stepsRun: 0, expectationsHeld: 0, notes });
      cleanups.push(() => restoreEndpoint(directory, saved, system));
    }
    // Through a proxy, Omni posts to its tap, which forwards to this scenario's inbox.
    if (opts.proxyTap) await opts.proxyTap.forwardTo(inbox.url);
    await directory.notifications.setEndpoint({
      url: opts.proxyTap ? opts.proxyTap.endpointUrl : inbox.url,
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
      timeZone,
      faults,
      notes,
      settleMs: opts.settleMs ?? (system.control ? 3_000 : 20_000),
      sends: new Map(),
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
      const at = `step ${i + 1} (${describeStep(st)})`;
      // Interrupted during the setup or between steps: the next one is not started (it could dial).
      if (opts.signal?.aborted)
        return done({
          status: 'not run',
          reason: interruptedReason(`before ${at}`),
          stepsRun,
          expectationsHeld: 0,
          notes,
        });
      progress(`  step ${i + 1}/${scenario.steps.length} ${describeStep(st)}`);
      try {
        const running = executeStep(ctx, st);
        // An abandoned step may still settle after the cleanup: its outcome no longer matters.
        running.catch(() => {});
        const advanced = await Promise.race([running, aborted]);
        if (advanced !== undefined) virtualNow = advanced;
      } catch (error) {
        // Ctrl-C is the user's, not the scenario's: it did not fail, it was not run to the end.
        if (error instanceof RunInterrupted)
          return done({
            status: 'not run',
            reason: interruptedReason(`during ${at}`),
            stepsRun,
            expectationsHeld: 0,
            notes,
          });
        return done({
          status: 'failed',
          message: `${at} failed: ${errorText(error)}`,
          failedAt: at,
          stepsRun,
          expectationsHeld: 0,
          notes,
        });
      }
      stepsRun++;
    }

    // Expectations: deliveries are asynchronous, so give them until `settleMs` to come true — counted from the last
    // delivery while they keep coming (eight simulated hours leave a backlog), up to MAX_SETTLE_MS in all.
    const settleStart = Date.now();
    let deadline = settleStart + ctx.settleMs;
    let delivered = inbox.deliveries.length;
    let failures: string[] = [];
    let firstFailed = '';
    for (;;) {
      failures = [];
      firstFailed = '';
      for (const [i, ex] of scenario.expect.entries()) {
        const why = await checkExpectation(ctx, ex).catch((error: unknown) => [errorText(error)]);
        if (why.length === 0) continue;
        firstFailed ||= `expectation ${i + 1} (${describeExpectation(ex)})`;
        failures.push(`expectation ${i + 1} (${describeExpectation(ex)}): ${why.join('; ')}`);
      }
      if (inbox.deliveries.length !== delivered) {
        delivered = inbox.deliveries.length;
        deadline = Math.min(Math.max(deadline, Date.now() + ctx.settleMs), settleStart + MAX_SETTLE_MS);
      }
      if (failures.length === 0 || Date.now() >= deadline || opts.signal?.aborted) break;
      await sleep(100);
    }
    if (inbox.rejected.length > 0) notes.push(`receiver rejected ${inbox.rejected.length}: ${inbox.rejected[0]}`);
    if (inbox.unsigned > 0) notes.push(`${inbox.unsigned} deliveries came without a signature`);
    // Expectations cut short by Ctrl-C were not given their time: not a failure either.
    if (failures.length > 0 && opts.signal?.aborted)
      return done({
        status: 'not run',
        reason: interruptedReason('while its expectations were checked'),
        stepsRun,
        expectationsHeld: scenario.expect.length - failures.length,
        notes,
      });
    return done({
      status: failures.length === 0 ? 'passed' : 'failed',
      ...(failures.length > 0 ? { message: failures.join('\n'), failedAt: firstFailed } : {}),
      stepsRun,
      expectationsHeld: scenario.expect.length - failures.length,
      notes,
    });
  } catch (error) {
    return done({
      status: 'failed',
      message: `setup failed: ${errorText(error)}`,
      failedAt: 'setup',
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
      joinedMessaging: false,
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
      ...(ctx.timeZone === undefined ? {} : { timeZone: ctx.timeZone }),
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
        if (run.joinedMessaging) await api.messaging.leave().catch(() => {});
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
    const phones = lead.phones.map((p) => numberOf(ctx, p));
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
  for (const c of scenario.given.messagingCampaigns) {
    const { campaign_id } = await directory.messagingCampaigns.create(c.fields);
    ctx.refs.set(c.as, campaign_id);
  }
  for (const t of scenario.given.templates) {
    const { template_id } = await directory.templates.create(t.fields);
    ctx.refs.set(t.as, template_id);
    if (t.review === 'pending') continue;
    const control = system.control;
    if (!control) throw new Error(`template ${t.as}: its review needs the mock's control API`);
    await control.call('reviewTemplate', {
      params: { template_id: String(template_id) },
      body: {
        template_status: t.review,
        ...(t.review === 'rejected' ? { rejected_reason: 'rejected by the scenario' } : {}),
      },
    });
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
