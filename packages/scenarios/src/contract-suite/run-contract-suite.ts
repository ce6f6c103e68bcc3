import { randomBytes } from 'node:crypto';
import { createFakeMediaHandlerFactory, OmniClient, OmniPhone } from '@omnikit/sdk';
import WebSocket from 'ws';
import { refusedCredentials } from '../runner/check-credentials.js';
import { NOT_PUBLISHED_BY_TFORGE } from '../runner/requirements.js';
import { endpointCannotBeRestored, restoreEndpoint } from '../runner/restore-endpoint.js';
import { sleep } from '../runner/sleep.js';
import { WebhookReceiver } from '../runner/webhook-inbox.js';
import type { ProxyTap } from '../target/proxy-tap.js';
import type { Target } from '../target/target.js';
import { CONTRACT_CHECKS, type ContractCheck } from './contract-checks.js';
import { type ContractContext, Differs, NotRun, type RawAnswer } from './contract-context.js';

/**
 * How a route or notification fared: as documented, not as documented, or not checked here.
 *
 * @example
 * ```ts
 * import type { ContractReport, ContractStatus } from '@omnikit/scenarios';
 *
 * const subjects = (report: ContractReport, status: ContractStatus) =>
 *   report.subjects.filter((s) => s.status === status).map((s) => s.subject);
 * ```
 */
export type ContractStatus = 'matches' | 'differs' | 'not run';

export interface ContractCheckResult {
  subject: string;
  source: string;
  fact: string;
  status: ContractStatus;
  /** differs: how; not run: why. */
  detail?: string;
}

/** Per route or notification: matches when every check matched, differs when one differed. */
export interface ContractSubjectResult {
  subject: string;
  status: ContractStatus;
  detail: string;
  checks: ContractCheckResult[];
}

/**
 * The contract suite on one target: one entry per route or notification, and the counts.
 *
 * @example
 * ```ts
 * import { writeFile } from 'node:fs/promises';
 * import type { ContractReport } from '@omnikit/scenarios';
 *
 * const save = (report: ContractReport) => writeFile('contract.json', JSON.stringify(report, null, 2));
 * ```
 */
export interface ContractReport {
  target: string;
  subjects: ContractSubjectResult[];
  counts: { matches: number; differs: number; notRun: number };
}

/**
 * Runs the contract checks in order on one system of the target (they share an agent, a
 * Click-2-Dial campaign and a list they create), then puts back what they changed: on a real
 * Omni the notification endpoint, the agent logged out, the phone un-registered.
 *
 * @example
 * ```ts
 * import { createInprocTarget, runContractSuite } from '@omnikit/scenarios';
 *
 * const target = await createInprocTarget();
 * const report = await runContractSuite(target, { onProgress: (line) => console.error(line) });
 * if (report.counts.differs > 0) process.exitCode = 1;
 * await target.close();
 * ```
 */
export async function runContractSuite(
  target: Target,
  opts: {
    checks?: readonly ContractCheck[];
    webhookPublicUrl?: string;
    /** The target is an `omni-mock proxy`: notifications reach the suite's inbox through its tap, put back at the end. */
    proxyTap?: ProxyTap | undefined;
    onProgress?: (line: string) => void;
    /** Stops the suite (Ctrl-C) between checks: the rest are `not run`, then the cleanup runs. */
    signal?: AbortSignal;
  } = {},
): Promise<ContractReport> {
  const checks = opts.checks ?? CONTRACT_CHECKS;
  const progress = opts.onProgress ?? (() => {});
  const system = await target.open({ seed: 1, clock: 'manual' });
  const receiver = new WebhookReceiver(opts.proxyTap ? undefined : opts.webhookPublicUrl);
  await receiver.start();
  const cleanups: (() => Promise<unknown>)[] = [];
  const results: ContractCheckResult[] = [];
  try {
    const creds = system.agent(0);
    if (!creds) throw new Error('the contract suite needs one agent’s credentials');
    const control = system.control;
    let virtualNow = control ? (await control.call('getClock')).now_ms : Date.now();
    const now = () => (control ? virtualNow : Date.now());
    // Omni's zone for date-times without one: OMNI_TIME_ZONE on a real Omni, the mock's own setting on the mock.
    const timeZone = await system.timeZone?.();
    const zoned = timeZone === undefined ? {} : { timeZone };
    const client = new OmniClient({
      baseUrl: system.baseUrl,
      systemKey: system.systemKey,
      fetch: system.fetch,
      now,
      ...zoned,
    });
    const session = await client
      .authorize(creds.userName, creds.password, { credentials: () => ({ password: creds.password }) })
      .catch((error: unknown) => {
        throw refusedCredentials(error, creds.userName) ?? error;
      });
    const agent = client.agent(session);
    const directory = client.withSession(session);
    if (control) {
      await control.call('setCalleeRules', {
        body: {
          rules: system.testNumbers.map((number) => ({
            number,
            behaviour: { outcome: 'answer' as const, ring_ms: 1_000, talk_ms: null },
          })),
        },
      });
    } else {
      const saved = await directory.notifications.getEndpoint();
      const unrestorable = endpointCannotBeRestored(saved, system);
      if (unrestorable) throw new Error(unrestorable);
      cleanups.push(() => restoreEndpoint(directory, saved, system));
    }
    const secret = randomBytes(18).toString('hex');
    // The wiki documents no signature: an Omni that does not sign is reported through the inbox's count, not refused.
    const inbox = receiver.inbox(secret, { acceptUnsigned: true, ...zoned });
    if (opts.proxyTap) {
      const tap = opts.proxyTap;
      await tap.forwardTo(inbox.url);
      cleanups.push(() => tap.restore());
    }
    await directory.notifications.setEndpoint({ url: opts.proxyTap?.endpointUrl ?? inbox.url, secret });
    const { campaign_id } = await directory.campaigns.create({ campaign_name: 'Contract suite', campaign_type: 3 });
    const { list_id } = await directory.lists.create({ list_name: 'Contract suite leads', campaign_id });

    const ctx: ContractContext = {
      system,
      client,
      agent,
      directory,
      userId: session.userId,
      userName: creds.userName,
      password: creds.password,
      extension: creds.extension,
      get token() {
        return session.tokenKey;
      },
      inbox,
      campaignId: campaign_id,
      listId: list_id,
      phone: undefined,
      loggedIn: false,
      leadIds: [],
      async raw(method, path, o = {}): Promise<RawAnswer> {
        const url = new URL(system.baseUrl + path);
        for (const [k, v] of Object.entries(o.query ?? {})) url.searchParams.set(k, v);
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (o.systemKey !== null) headers.authorization = `Key=${o.systemKey ?? system.systemKey}`;
        if (o.token !== false) headers.tokenKey = session.tokenKey;
        const res = await system.fetch(
          new Request(url, { method, headers, body: o.body === undefined ? null : JSON.stringify(o.body) }),
        );
        const text = await res.text();
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // not JSON: kept as text for the message
        }
        return { status: res.status, body };
      },
      testNumber(i) {
        const n = system.testNumbers[i];
        if (!n) throw new NotRun(`needs ${i + 1} test numbers; OMNI_TEST_NUMBERS lists ${system.testNumbers.length}`);
        return n;
      },
      async login(campaignId = campaign_id) {
        if (!ctx.phone && !ctx.loggedIn) {
          const server = control ? undefined : await system.sipServer();
          if (server) {
            ctx.phone = new OmniPhone({
              server,
              extension: creds.extension,
              password: creds.webrtcPassword,
              WebSocket: WebSocket as never,
              mediaHandlerFactory: createFakeMediaHandlerFactory(),
              iceServers: [],
              reconnect: false,
            });
            await ctx.phone.start();
          } else await control?.call('registerPhone', { params: { extension: creds.extension } });
        }
        await agent.login({ campaign_id: campaignId, extension: creds.extension });
        ctx.loggedIn = true;
      },
      async advance(ms) {
        if (control) virtualNow = (await control.call('advanceClock', { body: { ms } })).clock.now_ms;
        else await sleep(ms);
      },
      async renewToken() {
        await session.refresh(session.tokenKey);
      },
    };
    cleanups.push(async () => {
      if (ctx.loggedIn) await agent.logout().catch(() => {});
      await ctx.phone?.stop().catch(() => {});
    });

    for (const [i, check] of checks.entries()) {
      const base = { subject: check.subject, source: check.source, fact: check.fact };
      if (opts.signal?.aborted) {
        results.push({ ...base, status: 'not run', detail: 'the run was interrupted' });
        continue;
      }
      progress(`[${i + 1}/${checks.length}] ${check.subject}: ${check.fact}`);
      if (check.needs === 'messaging' && !system.capabilities.messaging) {
        results.push({ ...base, status: 'not run', detail: NOT_PUBLISHED_BY_TFORGE });
        progress(`  → not run (${NOT_PUBLISHED_BY_TFORGE})`);
        continue;
      }
      try {
        await check.run(ctx);
        results.push({ ...base, status: 'matches' });
      } catch (error) {
        if (error instanceof NotRun) results.push({ ...base, status: 'not run', detail: error.reason });
        else if (error instanceof Differs) results.push({ ...base, status: 'differs', detail: error.how });
        else results.push({ ...base, status: 'differs', detail: `failed: ${(error as Error).message}` });
      }
      // A check that stopped half-way (it differed) may have left its call up: the next check starts free.
      await releaseCall(ctx);
      progress(`  → ${results.at(-1)?.status}${results.at(-1)?.detail ? ` (${results.at(-1)?.detail})` : ''}`);
    }
  } finally {
    for (const c of cleanups.reverse()) await c().catch(() => {});
    await receiver.close();
    await system.close().catch(() => {});
  }
  return summarize(target.label, results);
}

/** Hangs up and disposes the call the agent is still on or wrapping up, if any. */
async function releaseCall(ctx: ContractContext): Promise<void> {
  if (!ctx.loggedIn) return;
  const me = await ctx.agent.get().catch(() => undefined);
  if (!me?.call_id) return;
  await ctx.agent.calls.hangup(me.call_id).catch(() => {});
  await ctx.agent.calls.dispose(me.call_id, { disposition_code: 'NI' }).catch(() => {});
}

function summarize(label: string, results: ContractCheckResult[]): ContractReport {
  const subjects: ContractSubjectResult[] = [];
  for (const subject of [...new Set(results.map((r) => r.subject))]) {
    const checks = results.filter((r) => r.subject === subject);
    const differs = checks.filter((c) => c.status === 'differs');
    const ran = checks.filter((c) => c.status !== 'not run');
    const status: ContractStatus = differs.length > 0 ? 'differs' : ran.length > 0 ? 'matches' : 'not run';
    const detail =
      status === 'differs'
        ? differs.map((d) => `${d.fact}: ${d.detail}`).join('; ')
        : status === 'not run'
          ? [...new Set(checks.map((c) => c.detail))].join('; ')
          : `${ran.length} check${ran.length === 1 ? '' : 's'}${ran.length < checks.length ? `, ${checks.length - ran.length} not run` : ''}`;
    subjects.push({ subject, status, detail, checks });
  }
  return {
    target: label,
    subjects,
    counts: {
      matches: subjects.filter((s) => s.status === 'matches').length,
      differs: subjects.filter((s) => s.status === 'differs').length,
      notRun: subjects.filter((s) => s.status === 'not run').length,
    },
  };
}

/**
 * A Markdown table: route or notification → matches / differs (how) / not run (why).
 *
 * @example
 * ```ts
 * import { createInprocTarget, formatContractTable, runContractSuite } from '@omnikit/scenarios';
 *
 * console.log(formatContractTable(await runContractSuite(await createInprocTarget())));
 * ```
 */
export function formatContractTable(report: ContractReport): string {
  const rows = report.subjects.map(
    (s) =>
      `| \`${s.subject}\` | ${s.status === 'matches' ? 'matches' : `${s.status} (${s.detail})`} | ${s.status === 'matches' ? s.detail : ''} |`,
  );
  const { matches, differs, notRun } = report.counts;
  return [
    `Contract suite on ${report.target}`,
    '',
    '| route / notification | result | checks |',
    '|---|---|---|',
    ...rows,
    '',
    `${matches} match, ${differs} differ, ${notRun} not run`,
  ].join('\n');
}
