/**
 * The sdk's per-request overhead over loopback. A mock is started in its own process (listening on
 * 127.0.0.1, port 0, so the server does not share the client's event loop); this process sends the
 * same GET through `OmniClient` (response validation off, as in production) and through a bare
 * `fetch` with the same headers. Requests alternate one by one (sdk, fetch, sdk, fetch…) so both
 * sides see the same machine noise, and each is timed on its own; the figure compares the trimmed
 * means (the middle 80%) of the two sets of latencies. Target: the sdk takes at most 10% more time
 * per request. Exits 1 when the target is missed.
 *
 *   npm run bench -w @omnikit/sdk
 *
 * @module
 */

import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { OmniClient } from '../src/index.js';

const WARMUP = 2_000;
const PAIRS = 20_000;
const TARGET = 1.1;

const child = spawn(process.execPath, ['--conditions=@omnikit/source', '--import', 'tsx', 'bench/mock-process.ts'], {
  cwd: new URL('..', import.meta.url).pathname,
  stdio: ['pipe', 'pipe', 'inherit'],
});
const stdout = child.stdout;
if (!stdout) throw new Error('no stdout from the mock process');
const first = await new Promise<string>((resolve, reject) => {
  createInterface({ input: stdout }).once('line', resolve);
  child.once('exit', (code) => reject(new Error(`the mock process exited with ${code}`)));
});
const target = JSON.parse(first) as { url: string; systemKey: string };

try {
  const client = new OmniClient({ baseUrl: target.url, systemKey: target.systemKey, validateResponses: false });
  const session = await client.authorize('agent1', 'password1');
  const omni = client.withSession(session);
  const url = `${target.url}/omni/campaign/1`;
  const headers = { authorization: `Key=${target.systemKey}`, tokenKey: session.tokenKey, accept: 'application/json' };

  const viaSdk = async () => {
    const c = await omni.campaigns.get(1);
    if (c.campaign_id !== 1) throw new Error('wrong campaign');
  };
  const viaFetch = async () => {
    const res = await fetch(url, { headers });
    if (!res.ok) throw new Error(`status ${res.status}`);
    const c = (await res.json()) as { campaign_id: number };
    if (c.campaign_id !== 1) throw new Error('wrong campaign');
  };
  const timed = async (fn: () => Promise<void>): Promise<number> => {
    const start = process.hrtime.bigint();
    await fn();
    return Number(process.hrtime.bigint() - start) / 1000;
  };

  console.log(`sdk overhead bench: GET /omni/campaign/1 over loopback (${target.url}), validation off`);
  console.log(`warm-up: ${WARMUP} requests each…`);
  for (let i = 0; i < WARMUP; i++) {
    await viaSdk();
    await viaFetch();
  }

  const sdk: number[] = [];
  const bare: number[] = [];
  const step = PAIRS / 10;
  for (let i = 0; i < PAIRS; i++) {
    // Alternate which goes first, so neither always follows the other.
    if (i % 2 === 0) {
      sdk.push(await timed(viaSdk));
      bare.push(await timed(viaFetch));
    } else {
      bare.push(await timed(viaFetch));
      sdk.push(await timed(viaSdk));
    }
    if ((i + 1) % step === 0) {
      console.log(`  ${i + 1}/${PAIRS} pairs: running ratio ${(trimmedMean(sdk) / trimmedMean(bare)).toFixed(3)}`);
    }
  }

  const s = trimmedMean(sdk);
  const b = trimmedMean(bare);
  const ratio = s / b;
  console.log(
    `\nbare fetch: ${b.toFixed(1)} µs/req (median ${median(bare).toFixed(1)}), ` +
      `sdk: ${s.toFixed(1)} µs/req (median ${median(sdk).toFixed(1)}), ${PAIRS} requests each`,
  );
  console.log(`sdk overhead: ${(s - b).toFixed(1)} µs/req`);
  console.log(
    `sdk/fetch time ratio: ${ratio.toFixed(3)} (target ≤ ${TARGET.toFixed(2)}) ${ratio <= TARGET ? 'PASS' : 'FAIL'}`,
  );
  process.exitCode = ratio <= TARGET ? 0 : 1;
} finally {
  child.stdin?.end();
  child.kill('SIGTERM');
}

function sorted(xs: number[]): number[] {
  return [...xs].sort((x, y) => x - y);
}

function median(xs: number[]): number {
  return sorted(xs)[Math.floor(xs.length / 2)] as number;
}

/** The mean of the middle 80%: robust to the other tenants of a shared machine, fair to tails. */
function trimmedMean(xs: number[]): number {
  const s = sorted(xs);
  const cut = Math.floor(s.length * 0.1);
  const kept = s.slice(cut, s.length - cut);
  return kept.reduce((sum, x) => sum + x, 0) / kept.length;
}
