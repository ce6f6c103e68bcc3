/**
 * Two builds of the mock, loaded alternately in one run: this checkout's built CLI against another
 * checkout's (`--against <that checkout>/apps/mock-omni/bin/omni-mock.js`). For a change that must not
 * cost speed (a refactor), this is fairer than two runs of `bench:http` minutes apart: both servers
 * run at once, each in a process of its own on a file database, and every round loads A then B or B
 * then A (alternating), so a machine that slows down mid-run slows both. Four loads (authorize,
 * `GET /omni/users`, `GET /omni/campaign/{id}`, add lead), 50 connections, `--rounds` (5) rounds of
 * `--warmup` (2) + `--seconds` (6) s each (`--only <part of a load's name>`: that load alone). Prints every round, the
 * median requests per second of each build and the median of the per-round ratios B/A; and each server's CPU time per
 * request over the measured seconds (user + system from /proc/<pid>/stat, on Linux), which moves far less than requests
 * per second on a machine whose load generator shares the cores. Exits 1 when a load answered non-2xx.
 *
 * Run (both checkouts built): node --conditions=@omnikit/source --import tsx
 * bench/compare-builds.bench.ts --against /path/to/other/apps/mock-omni/bin/omni-mock.js
 *
 * @module
 */

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { encodePassword } from '@omnikit/contracts';
import { ROUTE_LOADS, type RouteLoad } from './route-loads.js';
import { cpuSeconds, MOCK_BIN, MOCK_LISTENING, requireBuild, type Served, serve } from './server-process.js';

const run = promisify(execFile);
const here = fileURLToPath(new URL('.', import.meta.url));

function option(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const against = option('against');
const ROUNDS = Number(option('rounds', '5'));
const WARMUP = Number(option('warmup', '2'));
const SECONDS = Number(option('seconds', '6'));
const CONNECTIONS = 50;

interface Result {
  rps: number;
  total: number;
  /** The server's CPU µs per request over the load (NaN where /proc is not there). */
  cpuUs: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

const ONLY = option('only');
const LOADS = ONLY ? ROUTE_LOADS.filter((l) => l.name.includes(ONLY)) : ROUTE_LOADS;
if (LOADS.length === 0) throw new Error(`--only ${ONLY} names none of: ${ROUTE_LOADS.map((l) => l.name).join(', ')}`);

const KEY = { Authorization: 'Key=omni-demo-key', 'Content-Type': 'application/json' };

async function tokenOf(server: Served): Promise<string> {
  const res = await fetch(`${server.url}/omni/user/authorize`, {
    method: 'POST',
    headers: KEY,
    body: JSON.stringify({ user_name: 'agent1', password: encodePassword('password1') }),
  });
  return ((await res.json()) as { token_key: string }).token_key;
}

async function load(server: Served, token: string, l: RouteLoad, duration: number): Promise<Result> {
  const headers = l.user ? { ...KEY, tokenKey: token } : KEY;
  const opts = {
    url: `${server.url}${l.path}`,
    method: l.method,
    headers,
    body: l.body,
    connections: CONNECTIONS,
    duration,
  };
  const cpuBefore = cpuSeconds(server.pid);
  const { stdout } = await run(process.execPath, [join(here, 'load-runner.mjs'), JSON.stringify(opts)], {
    maxBuffer: 1 << 20,
  });
  const cpu = cpuSeconds(server.pid) - cpuBefore;
  const result = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Omit<Result, 'cpuUs'>;
  return { ...result, cpuUs: cpuBefore > 0 && result.total > 0 ? (cpu * 1e6) / result.total : Number.NaN };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function main(): Promise<void> {
  if (!against || !existsSync(against)) {
    console.error('usage: compare-builds.bench.ts --against <other checkout>/apps/mock-omni/bin/omni-mock.js');
    console.error('  [--rounds 5] [--warmup 2] [--seconds 6]; build both checkouts first (npm run build)');
    process.exit(2);
  }
  requireBuild();
  const dir = mkdtempSync(join(tmpdir(), 'omni-compare-'));
  const a = await serve('A (this build)', [MOCK_BIN, '--port', '0', '--db', join(dir, 'a.db')], MOCK_LISTENING);
  const b = await serve('B (--against)', [against, '--port', '0', '--db', join(dir, 'b.db')], MOCK_LISTENING);
  let bad = 0;
  try {
    const tokens = new Map([
      [a, await tokenOf(a)],
      [b, await tokenOf(b)],
    ]);
    console.log(`A: ${MOCK_BIN}\nB: ${against}`);
    console.log(
      `${ROUNDS} rounds × ${LOADS.length} loads, A and B alternating, ${WARMUP} s warm-up + ${SECONDS} s each`,
    );
    const rps = new Map(
      LOADS.map((l) => [
        l.name,
        { a: [] as number[], b: [] as number[], ratio: [] as number[], cpuA: [] as number[], cpuB: [] as number[] },
      ]),
    );
    for (let round = 1; round <= ROUNDS; round++) {
      for (const l of LOADS) {
        const order = round % 2 === 1 ? [a, b] : [b, a];
        const got = new Map<Served, Result>();
        for (const server of order) {
          if (WARMUP > 0) await load(server, tokens.get(server) ?? '', l, WARMUP);
          got.set(server, await load(server, tokens.get(server) ?? '', l, SECONDS));
        }
        const ra = got.get(a) as Result;
        const rb = got.get(b) as Result;
        bad += ra.non2xx + ra.errors + ra.timeouts + rb.non2xx + rb.errors + rb.timeouts;
        const row = rps.get(l.name);
        row?.a.push(ra.rps);
        row?.b.push(rb.rps);
        row?.ratio.push(rb.rps / ra.rps);
        row?.cpuA.push(ra.cpuUs);
        row?.cpuB.push(rb.cpuUs);
        console.log(
          `  round ${round}/${ROUNDS}  ${l.name.padEnd(26)} A ${ra.rps.toFixed(0).padStart(6)}  B ${rb.rps.toFixed(0).padStart(6)} req/s  B/A ${(rb.rps / ra.rps).toFixed(3)}  CPU µs/request A ${ra.cpuUs.toFixed(1)}  B ${rb.cpuUs.toFixed(1)}`,
        );
      }
    }
    console.log("\nmedians (requests per second), and the median of the rounds' B/A");
    for (const [name, r] of rps) {
      const ratio = median(r.ratio);
      console.log(
        `  ${name.padEnd(26)} A ${median(r.a).toFixed(0).padStart(6)}  B ${median(r.b).toFixed(0).padStart(6)}  B/A ${ratio.toFixed(3)} (${((ratio - 1) * 100).toFixed(1)}%)`,
      );
    }
    console.log("\nmedians of the servers' CPU time per request (µs), and B/A");
    for (const [name, r] of rps) {
      const cpuA = median(r.cpuA);
      const cpuB = median(r.cpuB);
      console.log(
        `  ${name.padEnd(26)} A ${cpuA.toFixed(1).padStart(6)}  B ${cpuB.toFixed(1).padStart(6)}  B/A ${(cpuB / cpuA).toFixed(3)}`,
      );
    }
    if (bad > 0) console.log(`\n${bad} requests answered non-2xx or failed: FAIL`);
  } finally {
    await a.stop();
    await b.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  process.exit(bad > 0 ? 1 : 0);
}

await main();
