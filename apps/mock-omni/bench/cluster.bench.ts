/**
 * How `omni-mock cluster` scales: 1, 2 and 4 workers behind Debian's HAProxy, one system per worker (keys found by
 * trying, so that each worker holds one), the four routes of bench:http (authorize, GET /omni/users,
 * GET /omni/campaign/{id}, add lead) loaded on every system at once by autocannon from processes of their own (50
 * connections in all, split between the systems; every cluster runs throughout and the loads interleave, each route on
 * 1, 2 and 4 workers in turn). For each it prints the aggregate requests per second, the server's
 * CPU (the workers' and HAProxy's user + system time from /proc, in cores) and requests per second per server core,
 * and whether the per-core figure with N workers is within 15% of one worker's. Then two checks on the largest cluster:
 * a check run that counts answers naming another system than the one asked (must be 0), and a worker killed with
 * SIGKILL in the middle of a lead-adding load: every lead it acknowledged is there after the supervisor restarts it.
 *
 * On a machine with fewer cores than workers the aggregate cannot grow (the load generator shares the cores too):
 * the per-core figure is the measure. Before a route is first measured, every system takes the same number of its
 * requests (`--warmup-requests`, default 20,000), so that every worker has compiled the route's code as far as the
 * single worker has. A warm-up of so many seconds gives each of 4 workers a quarter of the requests, and the per-core
 * figure then counts their JIT compiling as a cost of scaling: with a 1 s warm-up, authorize on 4 workers came out at
 * 40 % of one worker's per core, with 6 s at about 72 %. `--seconds` (default 3) per measured load; `--rounds`
 * (default 3), which interleave, each figure being the median of its rounds'; `--workers 1,2,4`.
 *
 * @module
 */

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { encodePassword } from '@omnikit/contracts';
import { type RunningCluster, startCluster } from '../src/cluster/cluster-supervisor.js';
import { findHaproxy } from '../src/cluster/find-haproxy.js';
import { ROUTE_LOADS, type RouteLoad } from './route-loads.js';
import { cpuSeconds, MOCK_BIN, requireBuild } from './server-process.js';

const run = promisify(execFile);
const here = fileURLToPath(new URL('.', import.meta.url));
const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '3' },
    'warmup-requests': { type: 'string', default: '20000' },
    workers: { type: 'string', default: '1,2,4' },
  },
});
const SECONDS = Number(values.seconds);
const ROUNDS = Number(values.rounds);
if (!Number.isInteger(ROUNDS) || ROUNDS < 1) throw new Error('--rounds takes a whole number of rounds, 1 or more');
const WARMUP_REQUESTS = Number(values['warmup-requests']);
if (!Number.isInteger(WARMUP_REQUESTS) || WARMUP_REQUESTS < 0)
  throw new Error('--warmup-requests takes a whole number of requests per system, 0 for none');
const COUNTS = (values.workers ?? '1,2,4').split(',').map(Number);
const CONNECTIONS = 50;
const WITHIN = 0.15;
const dir = mkdtempSync(join(tmpdir(), 'omni-cluster-bench-'));

interface Result {
  rps: number;
  total: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

interface System {
  key: string;
  worker: number;
  token: string;
}

const serverCpu = (c: RunningCluster) =>
  c.workers.reduce((sum, w) => sum + cpuSeconds(w.pid), 0) + cpuSeconds(c.haproxyPid);

async function load(opts: Record<string, unknown>): Promise<Result> {
  const { stdout } = await run(process.execPath, [join(here, 'load-runner.mjs'), JSON.stringify(opts)], {
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Result;
}

async function call(url: string, key: string, method: string, path: string, body?: unknown, token?: string) {
  const res = await fetch(url + path, {
    method,
    headers: {
      Authorization: `Key=${key}`,
      ...(token ? { tokenKey: token } : {}),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // a connection-level failure's body
  }
  return { status: res.status, body: parsed };
}

/** One system on each worker: keys created through HAProxy until every worker holds one. */
async function placeSystems(c: RunningCluster): Promise<System[]> {
  const byWorker = new Map<number, string>();
  for (let i = 0; byWorker.size < c.workers.length && i < 200; i++) {
    const key = `bench-system-${i}`;
    const created = await call(c.url, key, 'POST', '/__mock/systems', { system_key: key });
    if (created.status !== 200) throw new Error(`create ${key}: ${created.status} ${JSON.stringify(created.body)}`);
    for (const w of c.workers) {
      const list = await call(`http://127.0.0.1:${w.port}`, key, 'GET', '/__mock/systems');
      const keys = (list.body.systems as { system_key: string }[]).map((s) => s.system_key);
      if (keys.includes(key) && !byWorker.has(w.index)) byWorker.set(w.index, key);
    }
  }
  const systems: System[] = [];
  for (const [worker, key] of [...byWorker].sort((a, b) => a[0] - b[0])) {
    const auth = await call(c.url, key, 'POST', '/omni/user/authorize', {
      user_name: 'agent1',
      password: encodePassword('password1'),
    });
    systems.push({ key, worker, token: String(auth.body.token_key) });
  }
  return systems;
}

interface Row {
  workers: number;
  route: string;
  rps: number;
  cores: number;
  perCore: number;
  bad: number;
}

/** One route loaded on every system of cluster `c` at once; warmed up first when `warm`. */
async function measure(c: RunningCluster, systems: System[], n: number, route: RouteLoad, warm: boolean): Promise<Row> {
  const each = Math.max(1, Math.round(CONNECTIONS / systems.length));
  const opts = (s: System, duration: number, amount?: number) => ({
    url: c.url + route.path,
    method: route.method,
    headers: {
      Authorization: `Key=${s.key}`,
      'Content-Type': 'application/json',
      ...(route.user ? { tokenKey: s.token } : {}),
    },
    body: route.body,
    connections: each,
    duration,
    amount,
  });
  if (warm && WARMUP_REQUESTS > 0) await Promise.all(systems.map((s) => load(opts(s, 0, WARMUP_REQUESTS))));
  const cpu0 = serverCpu(c);
  const proxy0 = cpuSeconds(c.haproxyPid);
  const results = await Promise.all(systems.map((s) => load(opts(s, SECONDS))));
  // Requests per CPU second: both counted over the same loads (the runners' start-up costs the server nothing).
  const cpu = serverCpu(c) - cpu0;
  const proxyCores = (cpuSeconds(c.haproxyPid) - proxy0) / SECONDS;
  const cores = cpu / SECONDS;
  const rps = results.reduce((sum, r) => sum + r.rps, 0);
  const requests = results.reduce((sum, r) => sum + r.total, 0);
  const perCore = requests / cpu;
  const bad = results.reduce((sum, r) => sum + r.non2xx + r.errors + r.timeouts, 0);
  console.log(
    `  ${n} worker${n === 1 ? ' ' : 's'}  ${route.name.padEnd(26)} ${rps.toFixed(0).padStart(6)} req/s  server CPU ${cores.toFixed(2)} cores (HAProxy ${proxyCores.toFixed(2)})  ${perCore.toFixed(0).padStart(6)} req/s per core  non-2xx/errors ${bad}`,
  );
  return { workers: n, route: route.name, rps, cores, perCore, bad };
}

/** Many requests on every system at once, each answer checked for the system it names. */
async function wrongSystemCheck(c: RunningCluster, systems: System[], total = 2_000): Promise<number> {
  let wrong = 0;
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const s = systems[next++ % systems.length];
      if (!s) continue;
      const res = await call(c.url, s.key, 'GET', '/__mock/system');
      if (res.status !== 200 || res.body.system_key !== s.key) wrong++;
    }
  };
  await Promise.all(Array.from({ length: 20 }, worker));
  return wrong;
}

/** Adds leads to the first system while its worker is killed; returns [acknowledged, missing after the restart]. */
async function killCheck(c: RunningCluster, s: System): Promise<[number, number, number]> {
  const acknowledged: number[] = [];
  let refused = 0;
  let stop = false;
  const lead = JSON.parse(ROUTE_LOADS.find((r) => r.path === '/omni/lead')?.body ?? '{}') as unknown;
  const adder = async () => {
    while (!stop) {
      try {
        const res = await call(c.url, s.key, 'POST', '/omni/lead', lead, s.token);
        if (res.status === 200) acknowledged.push(Number(res.body.lead_id));
        else refused++;
      } catch {
        refused++;
      }
    }
  };
  const adders = Array.from({ length: 8 }, adder);
  await new Promise((r) => setTimeout(r, 1_000));
  const w = c.workers.find((x) => x.index === s.worker);
  if (w?.pid === undefined) throw new Error('no worker to kill');
  process.kill(w.pid, 'SIGKILL');
  await new Promise((r) => setTimeout(r, 300));
  await c.workerUp(s.worker);
  await new Promise((r) => setTimeout(r, 1_500)); // HAProxy's check takes it back in; the adders go on
  stop = true;
  await Promise.all(adders);
  let missing = 0;
  for (const id of acknowledged) {
    const res = await call(c.url, s.key, 'GET', `/omni/lead/${id}`, undefined, s.token);
    if (res.status !== 200) missing++;
  }
  return [acknowledged.length, missing, refused];
}

async function main(): Promise<void> {
  const haproxy = findHaproxy({ given: undefined, path: process.env.PATH });
  if ('problem' in haproxy) {
    console.error(`cluster bench: ${haproxy.problem}`);
    process.exit(1);
  }
  requireBuild();
  console.log(
    `cluster bench: ${COUNTS.join(', ')} workers behind HAProxy, one system each, ${ROUTE_LOADS.length} routes, ${CONNECTIONS} connections in all, a warm-up of ${WARMUP_REQUESTS.toLocaleString('en')} requests per system + ${SECONDS} s each, ${ROUNDS} round${ROUNDS === 1 ? '' : 's'}`,
  );
  const all: Row[] = [];
  let ok = true;
  let last: { c: RunningCluster; systems: System[] } | undefined;
  // Every cluster runs from the start and the loads interleave (each route on 1, 2, 4 workers in turn), so a
  // change in the machine's other load falls on every configuration alike rather than on one of them.
  const clusters: { n: number; c: RunningCluster; systems: System[] }[] = [];
  for (const n of COUNTS) {
    const c = await startCluster({
      workers: n,
      host: '127.0.0.1',
      port: 0,
      dir: join(dir, `cluster-${n}`),
      haproxy: haproxy.path,
      adminKey: undefined,
      workerArgs: [],
      workerCommand: { command: process.execPath, args: [MOCK_BIN] },
      say: (line) => {
        if (/exited|restarting|is back/.test(line)) console.log(`    ${line}`);
      },
    });
    const systems = await placeSystems(c);
    clusters.push({ n, c, systems });
    console.log(
      `  ${n} worker${n === 1 ? '' : 's'} on ${c.url}: systems ${systems.map((s) => `${s.key} (worker ${s.worker})`).join(', ')}`,
    );
  }
  // Rounds interleave too; each figure below is the median of its rounds' (the warm-up is the first round's).
  const taken: Row[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    if (ROUNDS > 1) console.log(`  round ${round}/${ROUNDS}`);
    for (const route of ROUTE_LOADS)
      for (const { n, c, systems } of clusters) taken.push(await measure(c, systems, n, route, round === 1));
  }
  for (const n of COUNTS)
    for (const route of ROUTE_LOADS) {
      const rows = taken.filter((r) => r.workers === n && r.route === route.name);
      const middle = [...rows].sort((a, b) => a.perCore - b.perCore)[Math.floor(rows.length / 2)];
      if (middle) all.push({ ...middle, bad: rows.reduce((sum, r) => sum + r.bad, 0) });
    }
  const largest = clusters[clusters.length - 1];
  for (const x of clusters) if (x !== largest) await x.c.stop();
  if (largest) last = { c: largest.c, systems: largest.systems };

  all.sort((a, b) => a.workers - b.workers);
  console.log(
    `\nper-core throughput against one worker’s (target: within 15%)${ROUNDS > 1 ? `, the median of ${ROUNDS} rounds` : ''}`,
  );
  const base = (route: string) => all.find((r) => r.workers === (COUNTS[0] ?? 1) && r.route === route);
  for (const r of all) {
    const b = base(r.route);
    if (!b) continue;
    const ratio = r.perCore / b.perCore;
    const pass = r.workers === b.workers || (ratio >= 1 - WITHIN && r.bad === 0);
    ok &&= pass && r.bad === 0;
    console.log(
      `  ${String(r.workers).padStart(2)} × ${r.route.padEnd(26)} ${r.rps.toFixed(0).padStart(6)} req/s  ${r.cores.toFixed(2)} cores  ${r.perCore.toFixed(0).padStart(6)}/core  = ${(ratio * 100).toFixed(0)}% of 1 worker's  ${pass ? 'ok' : 'FAIL'}`,
    );
  }

  if (last) {
    const wrong = await wrongSystemCheck(last.c, last.systems);
    ok &&= wrong === 0;
    console.log(
      `\ncheck run (${last.systems.length} systems, 2000 answers): ${wrong} naming the wrong system  ${wrong === 0 ? 'ok' : 'FAIL'}`,
    );
    const first = last.systems[0];
    if (first) {
      const [acked, missing, refused] = await killCheck(last.c, first);
      ok &&= missing === 0 && acked > 0;
      console.log(
        `kill check: worker ${first.worker} SIGKILLed mid-load and restarted; ${acked} leads acknowledged, ${missing} missing after the restart (${refused} refused while it was down)  ${missing === 0 && acked > 0 ? 'ok' : 'FAIL'}`,
      );
    }
    await last.c.stop();
  }
  rmSync(dir, { recursive: true, force: true });
  console.log(ok ? '\ncluster bench: every target met' : '\ncluster bench: a target was missed');
  process.exit(ok ? 0 : 1);
}

await main();
