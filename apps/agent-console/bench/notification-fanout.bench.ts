/**
 * How fast a notification crosses the console: Omni's POST to the webhook (signature verified,
 * de-duplicated, parsed) → routed by user_id → written to the agent's Server-Sent Event stream →
 * read by the "browser". Prints latency percentiles and throughput; no target is set for it (the
 * console's budget is Omni's 5 s acknowledgement, which the webhook answers before routing).
 *
 *   npm run bench -w @omnikit/agent-console      (N=2000 by default; BENCH_N to change)
 *
 * @module
 */

import { NOTIFICATION_HEADERS } from '@omnikit/contracts';
import { createMockOmni } from '@omnikit/mock-omni';
import { signNotification } from '@omnikit/sdk';
import { parseConsoleConfig } from '../src/server/console-config.js';
import { createConsoleServer } from '../src/server/create-console-server.js';

const N = Number(process.env.BENCH_N ?? '2000');
const CONCURRENCY = 16;

const mock = await createMockOmni({ clock: 'manual' });
const omni = await mock.listen({ port: 0, host: '127.0.0.1' });
const parsed = parseConsoleConfig(['--omni-url', omni.url, '--port', '0', '--web-dir', '/nonexistent'], {});
if (!parsed.ok) throw new Error(parsed.error);
const server = createConsoleServer({ config: parsed.config, log: () => {} });
const { url } = await server.listen();

const signIn = await fetch(`${url}/api/session`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ user_name: 'agent1', password: 'password1' }),
});
const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
const stream = await fetch(`${url}/api/events`, { headers: { cookie } });
const reader = stream.body?.getReader();
if (!reader) throw new Error('no event stream');

const sentAt = new Map<number, number>();
const latencies: number[] = [];
let resolveDone: () => void = () => {};
const done = new Promise<void>((r) => {
  resolveDone = r;
});
void (async () => {
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done: end } = await reader.read();
    if (end) return;
    buffer += decoder.decode(value, { stream: true });
    for (let i = buffer.indexOf('\n\n'); i >= 0; i = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, i);
      buffer = buffer.slice(i + 2);
      if (!block.startsWith('event: notification')) continue;
      const data = JSON.parse(block.slice(block.indexOf('data: ') + 6)) as { payload: { call_id: number } };
      const start = sentAt.get(data.payload.call_id);
      if (start !== undefined) latencies.push(performance.now() - start);
      if (latencies.length === N) resolveDone();
    }
  }
})();

const secret = server.deps.webhookSecret;
async function post(i: number): Promise<void> {
  const body = JSON.stringify({
    type: 'call_state',
    payload: {
      call_id: i + 1,
      user_id: 1,
      campaign_id: 1,
      lead_id: 0,
      phone_number: '0800555008',
      call_direction: 'outbound',
      call_type: 1,
      unique_id: '',
      call_state: 'ringing',
      previous_state: 'initiated',
      sip_code: 180,
      shotgun_id: 0,
      timestamp: '2026-01-05T08:00:00.000Z',
    },
  });
  const ts = Math.floor(Date.now() / 1000);
  const headers = {
    'content-type': 'application/json',
    [NOTIFICATION_HEADERS.id]: `bench-${i}`,
    [NOTIFICATION_HEADERS.timestamp]: String(ts),
    [NOTIFICATION_HEADERS.signature]: await signNotification(body, secret, ts),
  };
  sentAt.set(i + 1, performance.now());
  const res = await fetch(`${url}/webhooks/omni`, { method: 'POST', headers, body });
  if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
  await res.arrayBuffer();
}

console.log(`notification fan-out: ${N} signed notifications, ${CONCURRENCY} at a time, to one agent's SSE stream`);
const started = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < N) {
      const i = next++;
      await post(i);
      if ((i + 1) % 500 === 0) process.stdout.write(`  posted ${i + 1}/${N}\n`);
    }
  }),
);
await done;
const elapsed = performance.now() - started;
latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
console.log(
  `  webhook → SSE latency: p50 ${pct(50).toFixed(2)} ms, p95 ${pct(95).toFixed(2)} ms, p99 ${pct(99).toFixed(2)} ms, max ${pct(100).toFixed(2)} ms`,
);
console.log(`  throughput: ${((N / elapsed) * 1000).toFixed(0)} notifications/s (${elapsed.toFixed(0)} ms in all)`);

await reader.cancel();
await server.close();
await mock.close();
