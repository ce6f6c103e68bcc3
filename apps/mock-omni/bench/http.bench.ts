/**
 * The mock's HTTP performance check. In one run: the baseline (bare Hono + better-sqlite3) and the mock, each a server
 * process of its own — the mock is its CLI (`bin/omni-mock.js` on a file database: the built code, as `npm start` and
 * `omni-mock` run it) — each loaded by autocannon from another process (50 connections, 3 s warm-up + 10 s, the same
 * request headers for both), three interleaved rounds, medians. Authorize, GET /omni/users, GET /omni/campaign/{id}
 * and add lead must reach 70% of the baseline's requests per second (reads against its GET, writes against its POST).
 * Then each server's peak RSS over the whole run (the mock's at most 1.5× the baseline's) and start-up to first answer
 * on an existing database (< 1 s). The baseline runs as plain JavaScript (bundled by esbuild first), as the mock's
 * built CLI does: run through tsx it would carry tsx's loader thread and transpiler, 35 MB the mock does not have.
 * OMNI_BENCH_SECONDS / OMNI_BENCH_WARMUP / OMNI_BENCH_ROUNDS shorten it for a trial run.
 *
 * @module
 */

import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { encodePassword } from '@omnikit/contracts';
import { BASELINE_LISTENING, bundleBaseline } from './baseline-bundle.js';
import { MOCK_BIN, MOCK_LISTENING, requireBuild, serve } from './server-process.js';

const run = promisify(execFile);
const SECONDS = Number(process.env.OMNI_BENCH_SECONDS ?? 10);
const WARMUP = Number(process.env.OMNI_BENCH_WARMUP ?? 3);
const ROUNDS = Number(process.env.OMNI_BENCH_ROUNDS ?? 3);
const CONNECTIONS = 50;
const TARGET = 0.7;
const RSS_TARGET = 1.5;
const here = fileURLToPath(new URL('.', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'omni-bench-'));

interface Load {
  name: string;
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

interface Result {
  rps: number;
  total: number;
  p50: number;
  p99: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

async function load(l: Load, duration: number): Promise<Result> {
  const opts = { url: l.url, method: l.method, headers: l.headers, body: l.body, connections: CONNECTIONS, duration };
  const { stdout } = await run(process.execPath, [join(here, 'load-runner.mjs'), JSON.stringify(opts)], {
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Result;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function main(): Promise<void> {
  requireBuild();
  const baseline = await serve(
    'the baseline',
    [await bundleBaseline(dir), join(dir, 'baseline.db')],
    BASELINE_LISTENING,
  );
  // The mock's CLI with its defaults: answers are not re-checked against their contracts
  // (that is `--validate-responses`), the demo system's key is `omni-demo-key`.
  const server = await serve('the mock', [MOCK_BIN, '--port', '0', '--db', join(dir, 'mock.db')], MOCK_LISTENING);
  const key = { Authorization: 'Key=omni-demo-key', 'Content-Type': 'application/json' };
  const auth = await fetch(`${server.url}/omni/user/authorize`, {
    method: 'POST',
    headers: key,
    body: JSON.stringify({ user_name: 'agent1', password: encodePassword('password1') }),
  });
  const { token_key } = (await auth.json()) as { token_key: string };
  const user = { ...key, tokenKey: token_key };
  // The baseline gets the very same request headers as the mock (it ignores them): the load is
  // identical, only the server differs. Parsing those headers costs node a third of the bare
  // baseline's time, so leaving them out would compare different loads, not different servers.
  const loads: Load[] = [
    { name: 'baseline GET /calls/:id', url: `${baseline.url}/calls/1`, method: 'GET', headers: user },
    {
      name: 'baseline POST /calls',
      url: `${baseline.url}/calls`,
      method: 'POST',
      headers: user,
      body: JSON.stringify({ phone_number: '0215550123' }),
    },
    {
      name: 'POST /omni/user/authorize',
      url: `${server.url}/omni/user/authorize`,
      method: 'POST',
      headers: key,
      body: JSON.stringify({ user_name: 'agent2', password: encodePassword('password2') }),
    },
    { name: 'GET /omni/users', url: `${server.url}/omni/users`, method: 'GET', headers: user },
    { name: 'GET /omni/campaign/{id}', url: `${server.url}/omni/campaign/2`, method: 'GET', headers: user },
    {
      name: 'POST /omni/lead',
      url: `${server.url}/omni/lead`,
      method: 'POST',
      headers: user,
      body: JSON.stringify({
        first_name: 'Bench',
        last_name: 'Lead',
        other_info: 'added by the bench',
        list_id: 1,
        phone_numbers: [{ phone_number: '0215550123', phone_type_id: 1 }],
      }),
    },
  ];
  console.log(
    `http bench: ${ROUNDS} interleaved rounds × ${loads.length} loads, ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${SECONDS} s each`,
  );
  const results = new Map<string, Result[]>(loads.map((l) => [l.name, []]));
  for (let round = 1; round <= ROUNDS; round++) {
    for (const l of loads) {
      if (WARMUP > 0) await load(l, WARMUP);
      const r = await load(l, SECONDS);
      results.get(l.name)?.push(r);
      console.log(
        `  round ${round}/${ROUNDS}  ${l.name.padEnd(28)} ${r.rps.toFixed(0).padStart(7)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  non-2xx ${r.non2xx}  errors ${r.errors + r.timeouts}`,
      );
    }
  }
  const baselinePeak = peakRssMib(baseline.pid);
  const mockPeak = peakRssMib(server.pid);
  await server.stop();
  await baseline.stop();

  const med = (name: string) => median((results.get(name) ?? []).map((r) => r.rps));
  const bad = (name: string) => (results.get(name) ?? []).reduce((s, r) => s + r.non2xx + r.errors + r.timeouts, 0);
  const baseGet = med('baseline GET /calls/:id');
  const basePost = med('baseline POST /calls');
  console.log('\nmedians (requests per second)');
  console.log(`  baseline GET  ${baseGet.toFixed(0)}`);
  console.log(`  baseline POST ${basePost.toFixed(0)}`);
  let ok = true;
  const compare: [string, number][] = [
    ['POST /omni/user/authorize', basePost],
    ['GET /omni/users', baseGet],
    ['GET /omni/campaign/{id}', baseGet],
    ['POST /omni/lead', basePost],
  ];
  for (const [name, base] of compare) {
    const ratio = med(name) / base;
    const pass = ratio >= TARGET && bad(name) === 0;
    ok &&= pass;
    console.log(
      `  ${name.padEnd(28)} ${med(name).toFixed(0).padStart(7)}  = ${(ratio * 100).toFixed(0)}% of baseline ${base === baseGet ? 'GET' : 'POST'}  (target ${TARGET * 100}%, non-2xx/errors ${bad(name)})  ${pass ? 'ok' : 'FAIL'}`,
    );
  }

  const rssRatio = mockPeak / baselinePeak;
  const rssOk = rssRatio <= RSS_TARGET;
  ok &&= rssOk;
  console.log(
    `  peak RSS over the run: baseline ${baselinePeak.toFixed(1)} MiB, mock ${mockPeak.toFixed(1)} MiB = ${rssRatio.toFixed(2)}× (target ≤ ${RSS_TARGET}×)  ${rssOk ? 'ok' : 'FAIL'}`,
  );

  const startup = await measureStartup();
  const startupOk = startup < 1000;
  ok &&= startupOk;
  console.log(
    `  start-up to first answer on an existing database: ${startup.toFixed(0)} ms (median of 3; target < 1000 ms)  ${startupOk ? 'ok' : 'FAIL'}`,
  );
  rmSync(dir, { recursive: true, force: true });
  console.log(ok ? '\nhttp bench: every target met' : '\nhttp bench: a target was missed');
  process.exit(ok ? 0 : 1);
}

/** A process's peak resident set (VmHWM), in MiB; NaN off Linux. */
function peakRssMib(pid: number): number {
  try {
    const kb = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** Time from spawning the built CLI to its first answer, on a database that already exists. */
async function measureStartup(): Promise<number> {
  const db = join(dir, 'startup.db');
  const once = async (): Promise<number> => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [MOCK_BIN, '--port', '0', '--db', db], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = MOCK_LISTENING.exec(out);
        if (m?.[1]) resolve(m[1]);
      });
      child.once('exit', () => reject(new Error(`the mock exited before answering:\n${out}`)));
    });
    const res = await fetch(`${url}/health`);
    const took = performance.now() - t0;
    if (res.status !== 200) throw new Error(`/health answered ${res.status}`);
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    return took;
  };
  await once(); // creates the database: not measured
  const times = [await once(), await once(), await once()];
  return median(times);
}

await main();
