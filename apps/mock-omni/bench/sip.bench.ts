/**
 * SIP edge bench. The SIP edge runs in a CHILD process (so its memory is measured alone); this process is
 * the load generator: 1,000 lightweight hand-rolled SIP-over-WebSocket phones (sip.js agents would eat the 2 cores the
 * server is measured on).
 *
 *   1. connect 1,000 WebSockets, then register them all at once (a burst: 401 challenge + 200 each);
 *   2. refresh REGISTERs at 20/s for 60 s (nonce re-used with nc + 1): p50, p99 (target p99 < 50 ms);
 *   3. sequential bridge calls: INVITE → 200 OK as the mock sees it (bridge() until the phone
 *      answered), then BYE;
 *   4. server memory per bound agent (heap and RSS after GC, minus the idle server's).
 *
 * Run: cd apps/mock-omni && node --conditions=@omnikit/source --import tsx bench/sip.bench.ts Options: --agents N
 * (1000), --refresh-seconds S (60), --refresh-rate R (20), --calls N (300).
 *
 * @module
 */

import { type ChildProcess, fork } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { BridgeLeg } from '../src/sip/bridge-leg.js';
import { createStaticSipAccounts } from '../src/sip/sip-accounts.js';
import { attachSipEdge } from '../src/sip/sip-edge.js';
import { LiteSipClient } from '../test/sip/support/lite-sip-client.js';

const FIRST_EXTENSION = 2000;

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : Number.NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const AGENTS = option('agents', 1000);
const REFRESH_SECONDS = option('refresh-seconds', 60);
const REFRESH_RATE = option('refresh-rate', 20);
const CALLS = option('calls', 300);

type Request =
  | { id: number; cmd: 'memory' }
  | { id: number; cmd: 'stats' }
  | { id: number; cmd: 'bridge'; extension: string }
  | { id: number; cmd: 'stop' };

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

interface Memory {
  heapUsed: number;
  rss: number;
  external: number;
}

// ---------------------------------------------------------------- server (child) side
async function runServer(): Promise<void> {
  const users = Array.from({ length: AGENTS }, (_, i) => ({
    systemId: 'bench',
    extension: String(FIRST_EXTENSION + i),
    userId: i + 1,
    webrtcPassword: `pw${FIRST_EXTENSION + i}`,
  }));
  const http = createServer((_req, res) => {
    res.statusCode = 404;
    res.end();
  });
  const edge = attachSipEdge(http, { accounts: createStaticSipAccounts(users) });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const send = (message: object) => process.send?.(message);
  const gc = (globalThis as { gc?: () => void }).gc;
  const memory = (): Memory => {
    gc?.();
    gc?.();
    const usage = process.memoryUsage();
    return { heapUsed: usage.heapUsed, rss: usage.rss, external: usage.external };
  };
  process.on('message', async (message: Request) => {
    switch (message.cmd) {
      case 'memory':
        send({ id: message.id, memory: memory() });
        return;
      case 'stats':
        send({ id: message.id, stats: edge.stats() });
        return;
      case 'bridge': {
        const started = performance.now();
        let leg: BridgeLeg | undefined;
        try {
          leg = await edge.bridge('bench', message.extension, { answerTimeoutMs: 5_000 });
        } catch (error) {
          send({ id: message.id, error: String(error) });
          return;
        }
        const answeredMs = performance.now() - started;
        const holdStarted = performance.now();
        await leg.hold();
        const holdMs = performance.now() - holdStarted;
        await leg.hangup();
        send({ id: message.id, answeredMs, holdMs });
        return;
      }
      case 'stop':
        await edge.close();
        http.closeAllConnections();
        // Answer before exiting: the parent awaits this reply.
        send({ id: message.id, stopped: true });
        http.close(() => process.exit(0));
        return;
    }
  });
  send({ ready: (http.address() as AddressInfo).port });
}

// ---------------------------------------------------------------- load generator side
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

function summary(label: string, samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  return (
    `${label}: n=${sorted.length} p50=${percentile(sorted, 50).toFixed(2)} ms ` +
    `p99=${percentile(sorted, 99).toFixed(2)} ms max=${(sorted.at(-1) ?? Number.NaN).toFixed(2)} ms`
  );
}

class ServerProcess {
  private nextId = 1;
  private readonly pending = new Map<number, (reply: Record<string, unknown>) => void>();

  constructor(readonly child: ChildProcess) {
    child.on('message', (message: Record<string, unknown>) => {
      const id = message['id'];
      if (typeof id !== 'number') return;
      this.pending.get(id)?.(message);
      this.pending.delete(id);
    });
  }

  ask<T extends Record<string, unknown>>(request: WithoutId<Request>): Promise<T> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, (reply) => resolve(reply as T));
      this.child.send({ ...request, id });
    });
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function runBench(): Promise<void> {
  console.log(
    `SIP edge bench: ${AGENTS} agents, refresh ${REFRESH_RATE}/s for ${REFRESH_SECONDS} s, ${CALLS} sequential bridge calls`,
  );
  const child = fork(fileURLToPath(import.meta.url), ['--server', '--agents', String(AGENTS)], {
    execArgv: ['--conditions=@omnikit/source', '--import', 'tsx', '--expose-gc'],
  });
  // Listened for from the start: the child may be gone before the end of the run looks.
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const port = await new Promise<number>((resolve) =>
    child.on('message', (message: { ready?: number }) => {
      if (message.ready) resolve(message.ready);
    }),
  );
  const server = new ServerProcess(child);
  const url = `ws://127.0.0.1:${port}/ws`;
  const idle = (await server.ask<{ memory: Memory }>({ cmd: 'memory' })).memory;
  console.log(`server idle: heap ${mb(idle.heapUsed)}, rss ${mb(idle.rss)}`);

  // 1. Connect, then the registration burst.
  const clients: LiteSipClient[] = [];
  const connectStarted = performance.now();
  for (let i = 0; i < AGENTS; i += 100) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(100, AGENTS - i) }, () => LiteSipClient.connect(url)),
    );
    clients.push(...batch);
  }
  console.log(`connected ${clients.length} WebSockets in ${(performance.now() - connectStarted).toFixed(0)} ms`);
  const afterConnect = (await server.ask<{ memory: Memory }>({ cmd: 'memory' })).memory;

  const credentials = clients.map((_, i) => ({
    extension: String(FIRST_EXTENSION + i),
    password: `pw${FIRST_EXTENSION + i}`,
    expires: 3600,
  }));
  const burstLatencies: number[] = [];
  const burstStarted = performance.now();
  const statuses = await Promise.all(
    clients.map(async (client, i) => {
      const started = performance.now();
      const result = await client.register(credentials[i]!);
      burstLatencies.push(performance.now() - started);
      return result.status;
    }),
  );
  const burstMs = performance.now() - burstStarted;
  const ok = statuses.filter((s) => s === 200).length;
  console.log(
    `registration burst: ${ok}/${AGENTS} registered in ${burstMs.toFixed(0)} ms ` +
      `(${((AGENTS / burstMs) * 1000).toFixed(0)} digest registrations/s, 2 round trips each)`,
  );
  console.log(`  ${summary('per-agent REGISTER (401 + 200)', burstLatencies)}`);
  const bound = (await server.ask<{ stats: { bindings: number; connections: number } }>({ cmd: 'stats' })).stats;
  const registered = (await server.ask<{ memory: Memory }>({ cmd: 'memory' })).memory;
  console.log(`  server: ${bound.bindings} bindings on ${bound.connections} connections`);

  // 2. Refreshes at a steady rate.
  const refreshLatencies: number[] = [];
  let refreshFailures = 0;
  const total = REFRESH_SECONDS * REFRESH_RATE;
  const interval = 1000 / REFRESH_RATE;
  const refreshStarted = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let n = 0; n < total; n++) {
    const due = refreshStarted + n * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const index = n % clients.length;
    const started = performance.now();
    inFlight.push(
      clients[index]!.register(credentials[index]!).then((result) => {
        refreshLatencies.push(performance.now() - started);
        if (result.status !== 200 || result.answers.length !== 1) refreshFailures += 1;
      }),
    );
    if ((n + 1) % (REFRESH_RATE * 10) === 0) {
      const sorted = [...refreshLatencies].sort((a, b) => a - b);
      console.log(
        `  refresh progress: ${n + 1}/${total} sent, p50 ${percentile(sorted, 50).toFixed(2)} ms, ` +
          `p99 ${percentile(sorted, 99).toFixed(2)} ms`,
      );
    }
  }
  await Promise.all(inFlight);
  const refreshSorted = [...refreshLatencies].sort((a, b) => a - b);
  const refreshP99 = percentile(refreshSorted, 99);
  console.log(
    `refresh REGISTERs: ${summary('latency', refreshLatencies)}, not one-round-trip-200: ${refreshFailures} ` +
      `→ p99 ${refreshP99 < 50 ? '<' : '≥'} 50 ms ${refreshP99 < 50 ? 'PASS' : 'FAIL'}`,
  );

  // 3. Sequential bridge calls.
  const answered: number[] = [];
  const holds: number[] = [];
  let callFailures = 0;
  const callsStarted = performance.now();
  for (let n = 0; n < CALLS; n++) {
    const extension = String(FIRST_EXTENSION + ((n * 7) % AGENTS));
    const reply = await server.ask<{ answeredMs?: number; holdMs?: number; error?: string }>({
      cmd: 'bridge',
      extension,
    });
    if (reply.answeredMs === undefined || reply.holdMs === undefined) {
      callFailures += 1;
      continue;
    }
    answered.push(reply.answeredMs);
    holds.push(reply.holdMs);
    if ((n + 1) % 100 === 0) console.log(`  bridge progress: ${n + 1}/${CALLS}`);
  }
  const callsMs = performance.now() - callsStarted;
  console.log(
    `bridge calls: ${answered.length}/${CALLS} answered, ${callFailures} failed, ${callsMs.toFixed(0)} ms total`,
  );
  console.log(`  ${summary('INVITE → 200 OK (bridge() until answered)', answered)}`);
  console.log(`  ${summary('hold re-INVITE → 200 OK', holds)}`);

  // 4. Memory per bound agent.
  const perAgentHeap = (registered.heapUsed - idle.heapUsed) / AGENTS;
  const perAgentRss = (registered.rss - idle.rss) / AGENTS;
  const perAgentHeapRegistration = (registered.heapUsed - afterConnect.heapUsed) / AGENTS;
  console.log(
    `server memory per bound agent: heap ${kb(perAgentHeap)} (of which registration ${kb(perAgentHeapRegistration)}, ` +
      `the WebSocket the rest), rss ${kb(perAgentRss)}; bound heap ${mb(registered.heapUsed)}, rss ${mb(registered.rss)}`,
  );
  const afterCalls = (await server.ask<{ memory: Memory }>({ cmd: 'memory' })).memory;
  console.log(
    `server after the calls (user agents created lazily for ${Math.min(AGENTS, CALLS)} phones): heap ${mb(afterCalls.heapUsed)}`,
  );

  await Promise.all(clients.map((client) => client.close()));
  await server.ask({ cmd: 'stop' });
  await exited;
  if (ok !== AGENTS || refreshP99 >= 50 || callFailures > 0) process.exitCode = 1;
}

if (process.argv.includes('--server')) await runServer();
else await runBench();
