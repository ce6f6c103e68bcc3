/**
 * What `omni-mock proxy` adds to a request's latency: the built mock in a process of its own as the
 * target, the built proxy (recording and writing a report, as a user runs it) in another, and this
 * process sending the same mix of routes (authorize, two reads, add lead) at 100 requests a second
 * straight to the mock and 100 a second through the proxy, interleaved in the same run so that both
 * see the same machine. Prints p50/p99/max of each and the difference; exits 1 when the proxy adds
 * 5 ms or more at p50 (the target).
 *
 * Run: npm run bench:proxy -w @omnikit/mock-omni (builds first). `OMNI_BENCH_SECONDS` (default 20)
 * sets the measured time; 2 s of warm-up come first.
 *
 * @module
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROUTE_LOADS, type RouteLoad } from './route-loads.js';
import { MOCK_BIN, MOCK_LISTENING, requireBuild, serve } from './server-process.js';

const RATE = 100;
const SECONDS = Number(process.env.OMNI_BENCH_SECONDS ?? '20');
const WARMUP_SECONDS = 2;
const TARGET_P50_MS = 5;
const KEY = 'Key=omni-demo-key';

requireBuild();
const dir = mkdtempSync(join(tmpdir(), 'omni-proxy-bench-'));
const mock = await serve('mock', [MOCK_BIN, '--db', ':memory:', '--port', '0'], MOCK_LISTENING);
const proxy = await serve(
  'proxy',
  [
    MOCK_BIN,
    'proxy',
    '--target',
    mock.url,
    '--port',
    '0',
    '--record',
    join(dir, 'bench.jsonl'),
    '--report',
    join(dir, 'drift.json'),
  ],
  MOCK_LISTENING,
);

try {
  const auth = await fetch(`${mock.url}/omni/user/authorize`, {
    method: 'POST',
    headers: { Authorization: KEY, 'Content-Type': 'application/json' },
    body: ROUTE_LOADS[0]?.body ?? '',
  });
  const token = ((await auth.json()) as { token_key: string }).token_key;

  const once = async (base: string, load: RouteLoad): Promise<number> => {
    const headers: Record<string, string> = { Authorization: KEY };
    if (load.user) headers.tokenKey = token;
    if (load.body) headers['Content-Type'] = 'application/json';
    const started = performance.now();
    const res = await fetch(`${base}${load.path}`, {
      method: load.method,
      headers,
      ...(load.body ? { body: load.body } : {}),
    });
    await res.arrayBuffer();
    const took = performance.now() - started;
    if (res.status !== 200) throw new Error(`${load.name} via ${base} answered ${res.status}`);
    return took;
  };

  const direct: number[] = [];
  const proxied: number[] = [];
  const inFlight: Promise<void>[] = [];
  const total = (SECONDS + WARMUP_SECONDS) * RATE;
  const start = performance.now();
  // Each tick sends the same route both ways, in alternating order, so neither side always goes first.
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const load = ROUTE_LOADS[i % ROUTE_LOADS.length] as RouteLoad;
    const measured = i >= WARMUP_SECONDS * RATE;
    const pair = i % 2 === 0 ? [mock.url, proxy.url] : [proxy.url, mock.url];
    for (const base of pair) {
      inFlight.push(
        once(base, load).then((ms) => {
          if (measured) (base === mock.url ? direct : proxied).push(ms);
        }),
      );
    }
  }
  await Promise.all(inFlight);

  const pct = (xs: number[], p: number) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
  };
  const row = (name: string, xs: number[]) =>
    `${name.padEnd(8)} n=${xs.length}  p50 ${pct(xs, 50).toFixed(2)} ms  p99 ${pct(xs, 99).toFixed(2)} ms  max ${Math.max(...xs).toFixed(2)} ms`;
  const addedP50 = pct(proxied, 50) - pct(direct, 50);
  const addedP99 = pct(proxied, 99) - pct(direct, 99);
  console.log(
    `proxy overhead: ${RATE} req/s each way for ${SECONDS} s (+${WARMUP_SECONDS} s warm-up), ${ROUTE_LOADS.map((l) => l.name).join(', ')}`,
  );
  console.log(row('direct', direct));
  console.log(row('proxied', proxied));
  console.log(`added: p50 ${addedP50.toFixed(2)} ms, p99 ${addedP99.toFixed(2)} ms (target p50 < ${TARGET_P50_MS} ms)`);
  if (!(addedP50 < TARGET_P50_MS)) process.exitCode = 1;
} finally {
  await proxy.stop();
  await mock.stop();
  rmSync(dir, { recursive: true, force: true });
}
