/**
 * What a request costs the server as fewer arrive at once. One mock (its built CLI on a file database) and the bare
 * baseline (Hono + better-sqlite3, baseline-server.ts), each in its own process, loaded by autocannon from another
 * process with 50, 12, 6, 3 and 1 connections (`--connections`): for every route and connection count, the server's
 * CPU time (user + system, from /proc) per request, the median of `--rounds` rounds (3) whose connection counts run in
 * a different order each round. Every route first takes `--warmup-requests` (20,000) at 50 connections, so that its
 * code is compiled before anything is measured; each measure is `--requests` requests (20,000; a quarter of that at 1
 * connection, which is slow).
 *
 * It is the measure behind the cluster bench's per-core figures: behind HAProxy, 4 workers share 50 connections, so a
 * worker serves about 12 of them. The routes are the cluster's four (the same requests as bench:http) and the
 * baseline's GET and POST, which commits every insert on its own (no group commit). It prints the CPU per request and
 * each figure against the same route's at the most connections; it has no target and exits 0.
 *
 * Run: npm run bench:concurrency -w @omnikit/mock-omni [-- --connections 50,12,1 --requests 10000 --rounds 3]
 * (it builds first). Progress on stderr. Linux only (/proc).
 *
 * @module
 */

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BASELINE_LISTENING, bundleBaseline } from './baseline-bundle.js';
import { ROUTE_LOADS } from './route-loads.js';
import { cpuSeconds, MOCK_BIN, MOCK_LISTENING, requireBuild, type Served, serve } from './server-process.js';

const run = promisify(execFile);

const HELP = `bench:concurrency: the server's CPU time per request as the number of connections falls, for the mock's
cluster routes and the bare Hono + SQLite baseline.

Options:
  --connections <list>      connection counts, comma-separated (default 50,12,6,3,1)
  --requests <n>            requests per measure (default 20000; a quarter at 1 connection)
  --warmup-requests <n>     requests of each route at the most connections before measuring (default 20000)
  --rounds <n>              rounds; each figure is their median (default 3)
  --help                    this text`;

/** The value of `--name`, or `fallback`; a whole number of at least `min`. */
function wholeOption(name: string, fallback: number, min: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < min) {
    console.error(`bench:concurrency: --${name} takes a whole number of at least ${min}\n\n${HELP}`);
    process.exit(2);
  }
  return value;
}

function connectionCounts(): number[] {
  const at = process.argv.indexOf('--connections');
  if (at < 0) return [50, 12, 6, 3, 1];
  const counts = (process.argv[at + 1] ?? '').split(',').map(Number);
  if (counts.length === 0 || counts.some((c) => !Number.isInteger(c) || c < 1 || c > 1000)) {
    console.error(`bench:concurrency: --connections takes whole numbers from 1 to 1000, comma-separated\n\n${HELP}`);
    process.exit(2);
  }
  return [...new Set(counts)].sort((a, b) => b - a);
}

if (process.argv.includes('--help')) {
  console.log(HELP);
  process.exit(0);
}
const CONNECTIONS = connectionCounts();
const REQUESTS = wholeOption('requests', 20_000, 100);
const WARMUP_REQUESTS = wholeOption('warmup-requests', 20_000, 0);
const ROUNDS = wholeOption('rounds', 3, 1);
const RUNNER = new URL('./load-runner.mjs', import.meta.url).pathname;

interface Load {
  name: string;
  server: Served;
  path: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

/** Runs `amount` requests of `load` over `connections`; the server's CPU µs per request answered. */
async function measure(load: Load, connections: number, amount: number): Promise<number> {
  const opts = {
    url: load.server.url + load.path,
    method: load.method,
    headers: load.headers,
    body: load.body,
    connections,
    amount,
    // autocannon wants a duration beside the amount: a bound that a measure never reaches.
    duration: 600,
  };
  const before = cpuSeconds(load.server.pid);
  const { stdout } = await run(process.execPath, [RUNNER, JSON.stringify(opts)], { maxBuffer: 1 << 20 });
  const cpu = cpuSeconds(load.server.pid) - before;
  const r = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { total: number; non2xx: number; errors: number };
  if (r.non2xx > 0 || r.errors > 0)
    throw new Error(`${load.name} at ${connections} connections: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
  return (cpu * 1e6) / r.total;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

async function main(): Promise<void> {
  requireBuild();
  const dir = mkdtempSync(join(tmpdir(), 'omni-concurrency-bench-'));
  const baseline = await serve(
    'the baseline',
    [await bundleBaseline(dir), join(dir, 'baseline.db')],
    BASELINE_LISTENING,
  );
  const mock = await serve('the mock', [MOCK_BIN, '--port', '0', '--db', join(dir, 'mock.db')], MOCK_LISTENING);
  try {
    const key = { Authorization: 'Key=omni-demo-key', 'Content-Type': 'application/json' };
    const authorize = ROUTE_LOADS.find((l) => l.path === '/omni/user/authorize');
    const auth = await fetch(`${mock.url}/omni/user/authorize`, {
      method: 'POST',
      headers: key,
      body: authorize?.body,
    });
    const { token_key } = (await auth.json()) as { token_key: string };
    const user = { ...key, tokenKey: token_key };
    // The baseline gets the mock's request headers too (it ignores them), as in bench:http: the same load.
    const loads: Load[] = [
      ...ROUTE_LOADS.map((l) => ({
        name: l.name,
        server: mock,
        path: l.path,
        method: l.method,
        headers: l.user ? user : key,
        ...(l.body ? { body: l.body } : {}),
      })),
      { name: 'baseline GET /calls/:id', server: baseline, path: '/calls/1', method: 'GET', headers: user },
      {
        name: 'baseline POST /calls',
        server: baseline,
        path: '/calls',
        method: 'POST',
        headers: user,
        body: JSON.stringify({ phone_number: '0215550123' }),
      },
    ];
    const most = CONNECTIONS[0] as number;
    console.error(
      `bench:concurrency: ${loads.length} routes × connections ${CONNECTIONS.join(', ')} × ${ROUNDS} rounds, ` +
        `${REQUESTS} requests a measure, ${WARMUP_REQUESTS} warm-up requests a route (load average ${loadavg()
          .map((l) => l.toFixed(2))
          .join(', ')})`,
    );
    const figures = new Map<string, number[]>();
    for (const load of loads) {
      if (WARMUP_REQUESTS > 0) {
        console.error(`  ${load.name}: warming up`);
        await measure(load, most, WARMUP_REQUESTS);
      }
      for (let round = 0; round < ROUNDS; round++) {
        // Each round starts the list at another place, so no count is always measured first or last.
        const order = CONNECTIONS.map((_, i) => CONNECTIONS[(i + round) % CONNECTIONS.length] as number);
        for (const connections of order) {
          const amount = connections === 1 ? Math.max(100, Math.round(REQUESTS / 4)) : REQUESTS;
          const us = await measure(load, connections, amount);
          const key = `${load.name}@${connections}`;
          figures.set(key, [...(figures.get(key) ?? []), us]);
          console.error(
            `  ${load.name}: round ${round + 1}/${ROUNDS}, ${connections} connection${connections === 1 ? '' : 's'}: ${us.toFixed(1)} µs a request`,
          );
        }
      }
    }
    console.log(
      `\nServer CPU per request (µs, median of ${ROUNDS}), and against the same route at ${most} connections:\n`,
    );
    console.log(`| route | ${CONNECTIONS.map((c) => `${c} connection${c === 1 ? '' : 's'}`).join(' | ')} |`);
    console.log(`|---|${CONNECTIONS.map(() => '---').join('|')}|`);
    for (const load of loads) {
      const top = median(figures.get(`${load.name}@${most}`) ?? []);
      const cells = CONNECTIONS.map((c) => {
        const us = median(figures.get(`${load.name}@${c}`) ?? []);
        return c === most ? us.toFixed(1) : `${us.toFixed(1)} (${((us / top) * 100).toFixed(0)} %)`;
      });
      console.log(`| ${load.name} | ${cells.join(' | ')} |`);
    }
    console.log(
      `\nload average at the end: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(', ')}`,
    );
  } finally {
    await mock.stop();
    await baseline.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
