/**
 * Whether `mountRoute`'s stages may be Hono middleware: the decision written at the top of src/http/mount-route.ts
 * rests on these figures. Two server processes (bench/route-stages-server.ts) serve the same four Omni routes over the
 * same services, one with the stages as plain functions called in order (`functions`, what the mock ships) and one
 * with the very same stage functions as one Hono middleware each (`middleware`). autocannon loads each route on each
 * server from a process of its own (50 connections, warm-up then a measured run), the two servers back to back and in
 * alternating order each round, so drift on a shared machine hits both; medians over the rounds, and the median of
 * each round's middleware/functions ratio. `node --conditions=@omnikit/source --import tsx
 * bench/route-stages.bench.ts`; ROUTE_BENCH_SECONDS / ROUTE_BENCH_WARMUP / ROUTE_BENCH_ROUNDS change the run.
 *
 * @module
 */

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { encodePassword } from '@omnikit/contracts';
import { ROUTE_LOADS, type RouteLoad } from './route-loads.js';
import { type Served, serve } from './server-process.js';

const run = promisify(execFile);
const SECONDS = Number(process.env.ROUTE_BENCH_SECONDS ?? 6);
const WARMUP = Number(process.env.ROUTE_BENCH_WARMUP ?? 2);
const ROUNDS = Number(process.env.ROUTE_BENCH_ROUNDS ?? 5);
const CONNECTIONS = 50;
const VARIANTS = ['functions', 'middleware'] as const;
type Variant = (typeof VARIANTS)[number];
const here = fileURLToPath(new URL('.', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'omni-route-stages-'));

interface Result {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

const loads = ROUTE_LOADS;

async function load(url: string, l: RouteLoad, headers: Record<string, string>, duration: number): Promise<Result> {
  const opts = { url: `${url}${l.path}`, method: l.method, headers, body: l.body, connections: CONNECTIONS, duration };
  const { stdout } = await run(process.execPath, [join(here, 'load-runner.mjs'), JSON.stringify(opts)], {
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Result;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function start(variant: Variant): Promise<{ server: Served; user: Record<string, string> }> {
  const server = await serve(
    variant,
    [
      '--conditions=@omnikit/source',
      '--import',
      'tsx',
      join(here, 'route-stages-server.ts'),
      variant,
      join(dir, `${variant}.db`),
    ],
    /route-stages listening on (http:\/\/[0-9.]+:[0-9]+)/,
  );
  const key = { Authorization: 'Key=omni-demo-key', 'Content-Type': 'application/json' };
  const auth = await fetch(`${server.url}/omni/user/authorize`, {
    method: 'POST',
    headers: key,
    body: JSON.stringify({ user_name: 'agent1', password: encodePassword('password1') }),
  });
  const { token_key } = (await auth.json()) as { token_key: string };
  return { server, user: { ...key, tokenKey: token_key } };
}

async function main(): Promise<void> {
  const servers = { functions: await start('functions'), middleware: await start('middleware') };
  console.log(
    `route-stages bench: ${ROUNDS} rounds × ${loads.length} loads × ${VARIANTS.length} servers, ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${SECONDS} s each`,
  );
  const results = new Map<string, Result[]>();
  const key = (l: RouteLoad, v: Variant) => `${l.name} ${v}`;
  for (let round = 1; round <= ROUNDS; round++) {
    const order: readonly Variant[] = round % 2 === 1 ? VARIANTS : [...VARIANTS].reverse();
    for (const l of loads) {
      for (const v of order) {
        const { server, user } = servers[v];
        const headers = l.user ? user : { Authorization: user.Authorization ?? '', 'Content-Type': 'application/json' };
        if (WARMUP > 0) await load(server.url, l, headers, WARMUP);
        const r = await load(server.url, l, headers, SECONDS);
        results.set(key(l, v), [...(results.get(key(l, v)) ?? []), r]);
        console.log(
          `  round ${round}/${ROUNDS}  ${l.name.padEnd(26)} ${v.padEnd(10)} ${r.rps.toFixed(0).padStart(7)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  non-2xx ${r.non2xx}  errors ${r.errors + r.timeouts}`,
        );
      }
    }
  }
  await servers.functions.server.stop();
  await servers.middleware.server.stop();

  console.log('\nmedians (requests per second; p50 latency)');
  let bad = 0;
  for (const l of loads) {
    const of = (v: Variant) => results.get(key(l, v)) ?? [];
    const rps = (v: Variant) => median(of(v).map((r) => r.rps));
    const p50 = (v: Variant) => median(of(v).map((r) => r.p50));
    for (const v of VARIANTS) bad += of(v).reduce((s, r) => s + r.non2xx + r.errors + r.timeouts, 0);
    // Each round's two runs are back to back: their ratio cancels the machine's drift.
    const paired = median(of('middleware').map((r, i) => r.rps / (of('functions')[i]?.rps ?? Number.NaN)));
    const change = (paired - 1) * 100;
    console.log(
      `  ${l.name.padEnd(26)} functions ${rps('functions').toFixed(0).padStart(6)} (p50 ${p50('functions')} ms)  middleware ${rps('middleware').toFixed(0).padStart(6)} (p50 ${p50('middleware')} ms)  middleware ${change >= 0 ? '+' : ''}${change.toFixed(1)}% (median of the rounds' ratios)`,
    );
  }
  if (bad > 0) {
    console.log(`\n${bad} answers were not 2xx or failed: the figures are not comparable`);
    process.exitCode = 1;
  }
}

try {
  await main();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
