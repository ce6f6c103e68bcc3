/**
 * 10,000 SIP agents on one mock. The mock runs as the CLI does (its own process, `--stats 1` for its event-loop delay and
 * RSS, read from its stdout); the agents are light hand-rolled SIP-over-WebSocket phones (`ws`, hand-built REGISTER with
 * MD5 digest: test/sip/support/lite-sip-client.ts) spread over child processes, so the client side is not the
 * bottleneck.
 *
 *   1. creates the agents' users through the control API (`POST /__mock/users`, real users with extensions and WebRTC
 *      passwords);
 *   2. connects every agent and registers it (401 challenge, then 200);
 *   3. keeps every agent refreshed: each REGISTERs again after the expiry the mock granted times `--refresh-scale`
 *      (re-using its nonce with nc + 1: one round trip), spread evenly;
 *   4. measures the refreshes for `--unloaded-seconds` with nothing else going on, then while `--calls` calls are set up
 *      at once (authorize, campaign login — the bridge INVITE rings the registered phone, which answers — then
 *      Click-2-Dial);
 *   5. prints REGISTER p50/p99 of both windows, RSS per agent (the mock's RSS delta from before the agents connected to
 *      all registered, over the agents) and the mock's event-loop delay in each window.
 *
 * Run: npm run bench:sip-agents -w @omnikit/mock-omni. Options: --agents N (10000), --workers N (client processes, 2),
 * --refresh-scale F (0.05: a 600 s grant is refreshed every 30 s), --unloaded-seconds S (20), --calls N (100),
 * --cpu-prof (the mock writes a V8 CPU profile into ./profiles when it stops).
 *
 * @module
 */

import { type ChildProcess, fork, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { LiteSipClient } from '../test/sip/support/lite-sip-client.js';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : Number.NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const AGENTS = option('agents', 10_000);
const WORKERS = option('workers', 2);
const REFRESH_SCALE = option('refresh-scale', 0.05);
const UNLOADED_SECONDS = option('unloaded-seconds', 20);
const CALLS = option('calls', 100);
const CPU_PROF = process.argv.includes('--cpu-prof');
/** What each agent asks for; the mock grants it (it caps at 3600 s). */
const ASKED_EXPIRES = 600;
const FIRST_EXTENSION = 20_000;
const SYSTEM_KEY = 'omni-demo-key';
/** Registrations in flight per client process during the initial burst. */
const BURST_WINDOW = 64;

type Phase = 'unloaded' | 'calls' | 'idle';

type ToClient =
  | { cmd: 'start'; url: string; extensions: number[]; refreshScale: number }
  | { cmd: 'phase'; phase: Phase }
  | { cmd: 'report' };

type FromClient =
  | { kind: 'registered'; ok: number; failed: number; grantedSeconds: number; burst: number[] }
  | { kind: 'report'; latencies: Record<Phase, number[]>; failures: number; stale: number };

const password = (extension: number) => `w${extension}`;

// ---------------------------------------------------------------- client process
async function runClient(): Promise<void> {
  const send = (message: FromClient) => process.send?.(message);
  let phase: Phase = 'idle';
  const latencies: Record<Phase, number[]> = { unloaded: [], calls: [], idle: [] };
  let failures = 0;
  let stale = 0;
  let stopping = false;
  const timers: NodeJS.Timeout[] = [];

  process.on('message', async (message: ToClient) => {
    if (message.cmd === 'phase') {
      phase = message.phase;
      return;
    }
    if (message.cmd === 'report') {
      stopping = true;
      for (const timer of timers) clearTimeout(timer);
      send({ kind: 'report', latencies, failures, stale });
      return;
    }
    const clients: LiteSipClient[] = [];
    for (let i = 0; i < message.extensions.length; i += 100) {
      const batch = message.extensions.slice(i, i + 100);
      clients.push(...(await Promise.all(batch.map(() => LiteSipClient.connect(message.url)))));
    }
    const options = message.extensions.map((extension) => ({
      extension: String(extension),
      password: password(extension),
      expires: ASKED_EXPIRES,
    }));
    const burst: number[] = [];
    let ok = 0;
    let failed = 0;
    let granted = 0;
    let next = 0;
    const worker = async () => {
      while (next < clients.length) {
        const index = next++;
        const started = performance.now();
        const result = await clients[index]!.register(options[index]!);
        burst.push(performance.now() - started);
        if (result.status === 200) {
          ok += 1;
          granted = Number(/;expires=([0-9]+)/.exec(result.final.header('contact') ?? '')?.[1] ?? 0);
        } else failed += 1;
      }
    };
    await Promise.all(Array.from({ length: BURST_WINDOW }, worker));
    send({ kind: 'registered', ok, failed, grantedSeconds: granted, burst });

    // Each agent refreshes every granted × scale seconds, the first one spread evenly over a period.
    const periodMs = granted * 1000 * message.refreshScale;
    const refresh = (index: number) => {
      if (stopping) return;
      const started = performance.now();
      const during = phase;
      clients[index]!.register(options[index]!).then(
        (result) => {
          latencies[during].push(performance.now() - started);
          if (result.answers.length > 1) stale += 1;
          if (result.status !== 200) failures += 1;
        },
        () => {
          failures += 1;
        },
      );
      timers[index] = setTimeout(() => refresh(index), periodMs);
    };
    clients.forEach((_, index) => {
      timers[index] = setTimeout(() => refresh(index), (periodMs * index) / clients.length);
    });
  });
}

// ---------------------------------------------------------------- bench (parent)
interface StatsLine {
  loop_delay_max_ms: number;
  loop_delay_p99_ms: number;
  rss_mib: number;
  heap_used_mib: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

function summary(samples: number[]): { p50: number; p99: number; text: string } {
  const sorted = [...samples].sort((a, b) => a - b);
  const p50 = percentile(sorted, 50);
  const p99 = percentile(sorted, 99);
  return {
    p50,
    p99,
    text: `n=${sorted.length} p50=${p50.toFixed(2)} ms p99=${p99.toFixed(2)} ms max=${(sorted.at(-1) ?? Number.NaN).toFixed(2)} ms`,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Mock {
  url: string;
  child: ChildProcess;
  /** Stats lines from now until `stop()` of the returned window. */
  window(): () => StatsLine[];
  /** The next stats line printed. */
  nextStats(): Promise<StatsLine>;
}

async function startMock(): Promise<Mock> {
  const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
  const args = [
    '--conditions=@omnikit/source',
    '--import',
    'tsx',
    ...(CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir=profiles'] : []),
    main,
    '--port',
    '0',
    '--db',
    ':memory:',
    '--stats',
    '1',
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const windows = new Set<StatsLine[]>();
  const waiters: ((line: StatsLine) => void)[] = [];
  let partial = '';
  let resolveUrl: (url: string) => void = () => undefined;
  const url = new Promise<string>((resolve, reject) => {
    resolveUrl = resolve;
    child.once('exit', (code) => reject(new Error(`the mock exited (${code}) before listening`)));
  });
  child.stdout.on('data', (data: Buffer) => {
    const lines = (partial + data.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      const listening = /listening on (http:\/\/[0-9.]+:[0-9]+)/.exec(line);
      if (listening?.[1]) resolveUrl(listening[1]);
      if (!line.startsWith('omni-mock stats ')) continue;
      const stats = JSON.parse(line.slice('omni-mock stats '.length)) as StatsLine;
      for (const window of windows) window.push(stats);
      for (const waiter of waiters.splice(0)) waiter(stats);
    }
  });
  return {
    url: await url,
    child,
    window() {
      const lines: StatsLine[] = [];
      windows.add(lines);
      return () => {
        windows.delete(lines);
        return lines;
      };
    },
    nextStats: () => new Promise((resolve) => waiters.push(resolve)),
  };
}

async function api(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = { Authorization: `Key=${SYSTEM_KEY}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers['tokenKey'] = token;
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Runs `tasks` with at most `window` in flight. */
async function pooled<T>(count: number, window: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(window, count) }, async () => {
      while (next < count) {
        const index = next++;
        results[index] = await task(index);
      }
    }),
  );
  return results;
}

/** The mock's main thread: CPU time and time spent waiting for a CPU (ms), from /proc (Linux; zeros elsewhere). */
function schedstat(pid: number | undefined): { cpu: number; waited: number } {
  try {
    const [cpu, waited] = readFileSync(`/proc/${pid}/schedstat`, 'utf8').trim().split(' ').map(Number);
    return { cpu: (cpu ?? 0) / 1e6, waited: (waited ?? 0) / 1e6 };
  } catch {
    return { cpu: 0, waited: 0 };
  }
}

function schedSummary(from: { cpu: number; waited: number }, to: { cpu: number; waited: number }, ms: number): string {
  const cpu = to.cpu - from.cpu;
  const waited = to.waited - from.waited;
  return `mock main thread: ${((cpu / ms) * 100).toFixed(0)}% of a core busy, waited ${waited.toFixed(0)} ms for a CPU (a busy machine's delay, not the mock's)`;
}

function loopSummary(lines: StatsLine[]): string {
  if (lines.length === 0) return 'no stats line in the window';
  const p99 = Math.max(...lines.map((l) => l.loop_delay_p99_ms));
  const max = Math.max(...lines.map((l) => l.loop_delay_max_ms));
  return `event-loop delay: worst 1 s p99 ${p99.toFixed(1)} ms, max ${max.toFixed(1)} ms (${lines.length} one-second lines)`;
}

async function runBench(): Promise<void> {
  const [load1] = (await import('node:os')).loadavg();
  console.log(
    `SIP agents bench: ${AGENTS} agents over ${WORKERS} client processes, refresh every granted expiry × ${REFRESH_SCALE}, ` +
      `${UNLOADED_SECONDS} s unloaded, then ${CALLS} calls set up at once (load average ${load1?.toFixed(2)})`,
  );
  const mock = await startMock();
  const exited = new Promise((resolve) => mock.child.once('exit', resolve));
  const wsUrl = `${mock.url.replace(/^http/, 'ws')}/ws`;

  // 1. The users.
  const usersStarted = performance.now();
  const created = await pooled(AGENTS, 32, async (i) => {
    const extension = FIRST_EXTENSION + i;
    const res = await api(mock.url, 'POST', '/__mock/users', {
      user_name: `sip${extension}`,
      password: `p${extension}`,
      extension: String(extension),
      webrtc_password: password(extension),
    });
    if (res.status !== 200) throw new Error(`creating user ${extension}: ${res.status} ${JSON.stringify(res.body)}`);
    return Number(res.body['user_id']);
  });
  console.log(`created ${created.length} users in ${(performance.now() - usersStarted).toFixed(0)} ms`);
  await mock.nextStats();
  const before = await mock.nextStats();

  // 2. Connect and register.
  const clients = Array.from({ length: WORKERS }, () =>
    fork(fileURLToPath(import.meta.url), ['--client'], {
      execArgv: ['--conditions=@omnikit/source', '--import', 'tsx'],
    }),
  );
  const registerStarted = performance.now();
  const registered = await Promise.all(
    clients.map((client, w) => {
      const extensions: number[] = [];
      for (let i = w; i < AGENTS; i += WORKERS) extensions.push(FIRST_EXTENSION + i);
      return new Promise<Extract<FromClient, { kind: 'registered' }>>((resolve) => {
        client.on('message', (message: FromClient) => {
          if (message.kind === 'registered') resolve(message);
        });
        client.send({ cmd: 'start', url: wsUrl, extensions, refreshScale: REFRESH_SCALE } satisfies ToClient);
      });
    }),
  );
  const registerMs = performance.now() - registerStarted;
  const ok = registered.reduce((n, r) => n + r.ok, 0);
  const granted = registered[0]?.grantedSeconds ?? 0;
  console.log(
    `connected and registered ${ok}/${AGENTS} agents in ${registerMs.toFixed(0)} ms ` +
      `(granted ${granted} s, refreshed every ${(granted * REFRESH_SCALE).toFixed(1)} s: ` +
      `${(AGENTS / (granted * REFRESH_SCALE) || 0).toFixed(0)} REGISTERs/s)`,
  );
  console.log(`  first REGISTER (401 + 200) under the burst: ${summary(registered.flatMap((r) => r.burst)).text}`);
  await mock.nextStats();
  const after = await mock.nextStats();
  const perAgentKiB = ((after.rss_mib - before.rss_mib) * 1024) / AGENTS;
  console.log(
    `mock RSS ${before.rss_mib.toFixed(1)} MiB before the agents, ${after.rss_mib.toFixed(1)} MiB with ${ok} registered: ` +
      `${perAgentKiB.toFixed(1)} KiB per agent (heap ${before.heap_used_mib.toFixed(1)} → ${after.heap_used_mib.toFixed(1)} MiB)`,
  );

  const setPhase = (phase: Phase) => {
    for (const client of clients) client.send({ cmd: 'phase', phase } satisfies ToClient);
  };

  // 3. Refreshes with nothing else going on.
  setPhase('unloaded');
  const unloadedWindow = mock.window();
  const unloadedSched = schedstat(mock.child.pid);
  await sleep(UNLOADED_SECONDS * 1000);
  const unloadedStats = unloadedWindow();
  const unloadedSchedText = schedSummary(unloadedSched, schedstat(mock.child.pid), UNLOADED_SECONDS * 1000);

  // 4. Refreshes while the calls are set up.
  setPhase('calls');
  const callsWindow = mock.window();
  const callsSched = schedstat(mock.child.pid);
  const callsStarted = performance.now();
  const loginMs: number[] = [];
  const dialMs: number[] = [];
  let callFailures = 0;
  await Promise.all(
    Array.from({ length: CALLS }, async (_, i) => {
      const agent = Math.floor((i * AGENTS) / CALLS);
      const extension = FIRST_EXTENSION + agent;
      const userId = created[agent]!;
      const auth = await api(mock.url, 'POST', '/omni/user/authorize', {
        user_name: `sip${extension}`,
        password: Buffer.from(`p${extension}`).toString('base64'),
      });
      const token = String(auth.body['token_key']);
      let started = performance.now();
      const login = await api(
        mock.url,
        'POST',
        `/omni/users/${userId}/login`,
        { campaign_id: 1, extension: String(extension) },
        token,
      );
      loginMs.push(performance.now() - started);
      if (login.status !== 200) {
        callFailures += 1;
        console.log(`  login ${userId}: ${login.status} ${JSON.stringify(login.body)}`);
        return;
      }
      started = performance.now();
      const call = await api(
        mock.url,
        'POST',
        `/omni/voice/${userId}/call`,
        { phone_number: `0770090${String(i).padStart(4, '0')}` },
        token,
      );
      dialMs.push(performance.now() - started);
      if (call.status !== 200) {
        callFailures += 1;
        console.log(`  call ${userId}: ${call.status} ${JSON.stringify(call.body)}`);
      }
    }),
  );
  const callsMs = performance.now() - callsStarted;
  // At least two full stats lines inside the window.
  await sleep(Math.max(0, 2_500 - callsMs));
  const callsStats = callsWindow();
  const callsSchedText = schedSummary(callsSched, schedstat(mock.child.pid), performance.now() - callsStarted);
  setPhase('idle');

  const reports = await Promise.all(
    clients.map(
      (client) =>
        new Promise<Extract<FromClient, { kind: 'report' }>>((resolve) => {
          client.on('message', (message: FromClient) => {
            if (message.kind === 'report') resolve(message);
          });
          client.send({ cmd: 'report' } satisfies ToClient);
        }),
    ),
  );
  const unloaded = summary(reports.flatMap((r) => r.latencies.unloaded));
  const loaded = summary(reports.flatMap((r) => r.latencies.calls));
  const refreshFailures = reports.reduce((n, r) => n + r.failures, 0);
  const stale = reports.reduce((n, r) => n + r.stale, 0);
  console.log(`refresh REGISTER unloaded: ${unloaded.text}`);
  console.log(`  mock ${loopSummary(unloadedStats)}`);
  console.log(`  ${unloadedSchedText}`);
  console.log(
    `${CALLS} calls set up in ${callsMs.toFixed(0)} ms (${callFailures} failed): ` +
      `login (bridge INVITE answered) ${summary(loginMs).text}; Click-2-Dial ${summary(dialMs).text}`,
  );
  console.log(`refresh REGISTER during the calls: ${loaded.text}`);
  console.log(`  mock ${loopSummary(callsStats)}`);
  console.log(`  ${callsSchedText}`);
  console.log(`refresh failures: ${refreshFailures}, refreshes that needed a new nonce: ${stale}`);
  const pass = unloaded.p99 < 20;
  console.log(
    `refresh p99 unloaded ${unloaded.p99.toFixed(2)} ms ${pass ? '<' : '≥'} 20 ms: ${pass ? 'PASS' : 'FAIL'}`,
  );

  for (const client of clients) client.kill();
  mock.child.kill('SIGTERM');
  await exited;
  if (!pass || ok !== AGENTS || callFailures > 0 || refreshFailures > 0) process.exitCode = 1;
}

if (process.argv.includes('--client')) await runClient();
else await runBench();
