/**
 * Webhook delivery throughput: notifications from the outbox to a receiver in ANOTHER process (a tiny
 * node:http server on 127.0.0.1:0 that checks every HMAC signature and each call's order), at least 100,000
 * notifications or 60 s. Target: >= 2,000 notifications/s.
 *
 * Run: node --conditions=@omnikit/source --import tsx bench/notify.bench.ts [count] [calls] [--sqlite] `--sqlite`: the
 * mock's own outbox on a real database file (WAL, on disk, rows enqueued in transactions of 1,000 as commands would
 * write them); without it, the in-memory reference outbox.
 *
 * @module
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Notification } from '@omnikit/contracts';
import { VirtualClock } from '../src/engine/clock.js';
import { Rng } from '../src/engine/rng.js';
import { createDeliveryWorker } from '../src/notify/delivery-worker.js';
import { enqueueNotification } from '../src/notify/enqueue-notification.js';
import { createMemoryOutbox } from '../src/notify/memory-outbox.js';
import { createMemoryNotifySettings } from '../src/notify/notify-settings.js';
import type { OutboxPort } from '../src/notify/outbox-port.js';
import { createDb, type OpenDb } from '../src/store/create-db.js';
import { createStores } from '../src/store/create-stores.js';
import { createOutboxRepository } from '../src/store/outbox-repository.js';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const SQLITE = process.argv.includes('--sqlite');
const TARGET = Number(args[0] ?? 100_000);
const CALLS = Number(args[1] ?? 2_000);
const MAX_WALL_MS = 60_000;
const SECRET = 'bench-webhook-secret';

// The receiver: verifies each signature, checks per-call order (payload.unique_id carries the
// notification's index within its call), answers 200 at once, reports its counts over IPC.
const RECEIVER = `
const http = require('node:http');
const { createHmac } = require('node:crypto');
const secret = process.argv[1];
let received = 0, badSignatures = 0, outOfOrder = 0;
const lastIndex = new Map();
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const ts = req.headers['x-omni-timestamp'];
    const sig = 'sha256=' + createHmac('sha256', secret).update(ts + '.' + body).digest('hex');
    if (sig !== req.headers['x-omni-signature']) badSignatures++;
    const p = JSON.parse(body).payload;
    const index = Number(p.unique_id);
    if ((lastIndex.get(p.call_id) ?? -1) >= index) outOfOrder++;
    lastIndex.set(p.call_id, index);
    received++;
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
process.on('message', (m) => {
  if (m === 'counts') {
    const cpu = process.cpuUsage();
    process.send({ received, badSignatures, outOfOrder, cpuMicros: cpu.user + cpu.system });
  }
  if (m === 'exit') server.close(() => process.exit(0));
});
`;

function startReceiver(): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['-e', RECEIVER, SECRET], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve({ child, port: (m as { port: number }).port }));
    child.once('exit', (code) => reject(new Error(`receiver exited with ${code}`)));
  });
}

function ask<T>(child: ChildProcess, message: string): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve(m as T));
    child.send(message);
  });
}

function note(callId: number, index: number, at: number): Notification {
  return {
    type: 'call_state',
    payload: {
      call_id: callId,
      user_id: 1 + (callId % 200),
      campaign_id: 3,
      lead_id: callId,
      phone_number: '0800555001',
      call_direction: 'outbound',
      call_type: 1,
      unique_id: String(index),
      call_state: 'answered',
      previous_state: 'ringing',
      sip_code: 200,
      shotgun_id: 0,
      timestamp: new Date(at).toISOString(),
    },
  };
}

/** The mock's SQLite outbox on a fresh file with one system row (the outbox's foreign key). */
function sqliteOutbox(): { outbox: OutboxPort; open: OpenDb; systemId: number; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'omni-notify-bench-'));
  const open = createDb(join(dir, 'omni.db'));
  const systemId = createStores(open).systems.insert({
    systemKey: 'notify-bench',
    isDefault: false,
    seed: 1,
    clock: { mode: 'manual', scale: 1, virtualAnchor: 0, wallAnchor: 0 },
    clockStart: 0,
    officeHours: { time_zone: 'UTC', windows: [] },
    tokenLifetimeMs: 1,
    vary: null,
    createdAt: 0,
  });
  return { outbox: createOutboxRepository(open.sqlite), open, systemId, dir };
}

async function main(): Promise<void> {
  const { child, port } = await startReceiver();
  const onFile = SQLITE ? sqliteOutbox() : undefined;
  const outbox = onFile?.outbox ?? createMemoryOutbox();
  const SYSTEM = onFile?.systemId ?? 1;
  const settings = createMemoryNotifySettings();
  settings.setEndpoint(SYSTEM, { url: `http://127.0.0.1:${port}/omni/webhook`, notificationTypes: [], secret: SECRET });
  const clock = VirtualClock.start(Date.now, { mode: 'manual', scale: 1 }, Date.UTC(2026, 0, 5, 8));
  const rng = Rng.fromSeed(1);

  const enqueueStart = performance.now();
  let id = 0;
  const enqueue = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const callId = 1 + (i % CALLS);
      enqueueNotification(outbox, {
        systemId: SYSTEM,
        callId,
        notification: note(callId, Math.floor(i / CALLS), clock.now()),
        now: clock.now(),
        endpoint: settings.endpoint(SYSTEM),
        newId: () => `n${++id}`,
      });
    }
  };
  if (onFile) {
    const batch = onFile.open.sqlite.transaction(enqueue);
    for (let i = 0; i < TARGET; i += 1_000) batch(i, Math.min(TARGET, i + 1_000));
  } else enqueue(0, TARGET);
  const enqueueMs = performance.now() - enqueueStart;

  const worker = createDeliveryWorker({
    outbox,
    settings,
    clockOf: () => clock,
    rngOf: () => rng,
    concurrency: 64,
    claimBatch: 512,
  });
  const receiverCpuAtStart = (await ask<{ cpuMicros: number }>(child, 'counts')).cpuMicros;
  const cpuAtStart = process.cpuUsage();
  const started = performance.now();
  let lastReport = started;
  let lastDelivered = 0;
  const progress = setInterval(() => {
    const s = worker.stats();
    const now = performance.now();
    const rate = ((s.delivered - lastDelivered) * 1000) / (now - lastReport);
    console.log(`  ${s.delivered.toLocaleString('en')} delivered, ${rate.toFixed(0)}/s now`);
    lastReport = now;
    lastDelivered = s.delivered;
  }, 2_000);
  const deadline = setTimeout(() => void worker.stop(), MAX_WALL_MS);
  await worker.drain();
  clearTimeout(deadline);
  clearInterval(progress);
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuAtStart);
  await worker.stop();

  const stats = worker.stats();
  const counts = await ask<{ received: number; badSignatures: number; outOfOrder: number; cpuMicros: number }>(
    child,
    'counts',
  );
  child.send('exit');
  const rate = (stats.delivered * 1000) / wallMs;
  const kind = onFile ? 'SQLite outbox on a real file (WAL)' : 'in-memory outbox';
  console.log(`\nwebhook delivery: ${kind} → node:http receiver in another process (keep-alive, 64 in flight)`);
  if (onFile) {
    const left = onFile.outbox.list({ systemId: SYSTEM, state: 'pending', limit: 1 }).total;
    console.log(`  rows still pending         ${left.toLocaleString('en')}`);
    onFile.open.close();
    rmSync(onFile.dir, { recursive: true, force: true });
  }
  console.log(
    `  notifications enqueued     ${TARGET.toLocaleString('en')} over ${CALLS.toLocaleString('en')} calls (${enqueueMs.toFixed(0)} ms)`,
  );
  console.log(
    `  delivered (acknowledged)   ${stats.delivered.toLocaleString('en')} in ${(wallMs / 1000).toFixed(2)} s`,
  );
  console.log(`  attempts                   ${stats.attempts.toLocaleString('en')} (failed ${stats.failedAttempts})`);
  console.log(
    `  receiver counted           ${counts.received.toLocaleString('en')}, bad signatures ${counts.badSignatures}, out of call order ${counts.outOfOrder}`,
  );
  console.log(`  throughput                 ${rate.toFixed(0)} notifications/s (target >= 2000)`);
  // CPU per notification holds on a shared machine, where the wall-clock rate is the neighbours' as much as ours.
  const perNotification = (micros: number) => (stats.delivered > 0 ? (micros / stats.delivered).toFixed(0) : '-');
  console.log(
    `  CPU per notification       worker ${perNotification(cpu.user + cpu.system)} µs, receiver ${perNotification(counts.cpuMicros - receiverCpuAtStart)} µs`,
  );
  const ok =
    rate >= 2_000 &&
    (stats.delivered >= 100_000 || wallMs >= MAX_WALL_MS) &&
    counts.badSignatures === 0 &&
    counts.outOfOrder === 0 &&
    counts.received >= stats.delivered;
  console.log(ok ? '  PASS' : '  FAIL');
  process.exitCode = ok ? 0 : 1;
}

await main();
