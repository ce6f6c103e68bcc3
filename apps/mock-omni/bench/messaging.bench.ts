/**
 * Messaging throughput: outbound messages sent through the mock's HTTP stack (in process, `mock.fetch`) on a file
 * database, each one's status notifications (`queued`, `sent`, `delivered`, `opened`) planned by the customer model,
 * run on the manual clock and delivered through the durable outbox to a receiver in ANOTHER process (node:http on
 * 127.0.0.1:0) that checks every HMAC signature and each message's status order. Email to the "read after N s"
 * addresses (`reads-after-N@omnikit.test`, N from 0 to 999): four statuses a message, 1,000 conversations (a
 * conversation's notifications go in order, so many conversations is what lets deliveries overlap), and one
 * `conversation_assigned` for each new conversation.
 *
 * Run: npm run bench:messaging -w @omnikit/mock-omni [-- --messages 10000]
 * Default 10,000 messages (about 41,000 notifications). Goal: >= 5,000 notifications/s.
 *
 * @module
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodePassword } from '@omnikit/contracts';
import { createMockOmni } from '../src/index.js';

const flag = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const MESSAGES = flag('--messages', 10_000);
const ADDRESSES = 1_000;
const SECRET = 'bench-messaging-secret';
const MAX_WALL_MS = 300_000;
/** Issue 23's goal: the voice path's webhook figure, at least 5,000 notifications/s on a file database. */
const DELIVERY_GOAL = 5_000;

// The receiver: verifies each signature, checks that each message's statuses come in their order, answers 200.
const RECEIVER = `
const http = require('node:http');
const { createHmac } = require('node:crypto');
const secret = process.argv[1];
// Told at once when the last expected notification is in: the bench's end time is not rounded to its polling.
const expected = Number(process.argv[2]);
const RANK = { queued: 0, sent: 1, delivered: 2, opened: 3 };
let received = 0, statuses = 0, badSignatures = 0, outOfOrder = 0, duplicates = 0;
const last = new Map();
const seen = new Set();
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const ts = req.headers['x-omni-timestamp'];
    const sig = 'sha256=' + createHmac('sha256', secret).update(ts + '.' + body).digest('hex');
    if (sig !== req.headers['x-omni-signature']) badSignatures++;
    // At least once (B.7): a notification whose acknowledgement came too late is sent again, same id.
    const id = req.headers['x-omni-notification-id'];
    if (seen.has(id)) {
      duplicates++;
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
      return;
    }
    seen.add(id);
    const n = JSON.parse(body);
    if (n.type === 'message_status') {
      statuses++;
      const rank = RANK[n.payload.message_status];
      if ((last.get(n.payload.message_id) ?? -1) >= rank) outOfOrder++;
      last.set(n.payload.message_id, rank);
    }
    received++;
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
    if (received === expected) process.send({ done: true });
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
process.on('message', (m) => {
  if (m === 'counts') {
    const cpu = process.cpuUsage();
    process.send({ received, statuses, badSignatures, outOfOrder, duplicates, cpuMicros: cpu.user + cpu.system });
  }
  if (m === 'exit') server.close(() => process.exit(0));
});
`;

interface Counts {
  /** Distinct notifications (by `X-Omni-Notification-Id`). */
  received: number;
  duplicates: number;
  statuses: number;
  badSignatures: number;
  outOfOrder: number;
  /** The receiver's CPU (user + system µs) since it started. */
  cpuMicros: number;
}

/** This process's CPU (user + system) in µs since it started: the figure that holds on a shared machine. */
const cpuMicros = (): number => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

function startReceiver(expected: number): Promise<{ child: ChildProcess; port: number; done: Promise<number> }> {
  const child = spawn(process.execPath, ['-e', RECEIVER, SECRET, String(expected)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const done = new Promise<number>((resolve) => {
    const onDone = (m: unknown) => {
      if ((m as { done?: boolean }).done !== true) return;
      child.off('message', onDone);
      resolve(performance.now());
    };
    child.on('message', onDone);
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve({ child, port: (m as { port: number }).port, done }));
    child.once('exit', (code) => reject(new Error(`receiver exited with ${code}`)));
  });
}

function ask<T>(child: ChildProcess, message: string): Promise<T> {
  return new Promise((resolve) => {
    const onAnswer = (m: unknown) => {
      if ((m as { done?: boolean }).done === true) return;
      child.off('message', onAnswer);
      resolve(m as T);
    };
    child.on('message', onAnswer);
    child.send(message);
  });
}

async function main(): Promise<void> {
  const expected = MESSAGES * 4 + ADDRESSES;
  const { child, port, done } = await startReceiver(expected);
  const dir = mkdtempSync(join(tmpdir(), 'omni-messaging-bench-'));
  const mock = await createMockOmni({
    db: join(dir, 'omni.db'),
    clock: 'manual',
    validateResponses: false,
    logger: { info: () => {}, error: (m) => console.error(m) },
  });
  const key = mock.defaultSystemKey;
  const call = async (method: string, path: string, body?: unknown, token?: string) => {
    const headers: Record<string, string> = { Authorization: `Key=${key}` };
    if (token) headers.tokenKey = token;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await mock.fetch(
      new Request(`http://127.0.0.1${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    );
    const json = (await res.json()) as Record<string, unknown>;
    if (res.status !== 200) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const auth = await call('POST', '/omni/user/authorize', {
    user_name: 'agent1',
    password: encodePassword('password1'),
  });
  const token = auth.token_key as string;
  await call('POST', '/omni/notification/endpoint', { url: `http://127.0.0.1:${port}/hooks`, secret: SECRET }, token);
  await call('POST', '/omni/messaging/1/join', { campaign_id: 1 }, token);

  console.log(`messaging bench: ${MESSAGES.toLocaleString('en')} emails to ${ADDRESSES} addresses, file database`);
  const receiverCpuAtStart = (await ask<Counts>(child, 'counts')).cpuMicros;
  const cpuAtStart = cpuMicros();
  const started = performance.now();
  // Sends in flights of 200 concurrent requests: group commit makes each flight a few transactions.
  const FLIGHT = 200;
  for (let i = 0; i < MESSAGES; i += FLIGHT) {
    const sends: Promise<unknown>[] = [];
    for (let j = i; j < Math.min(MESSAGES, i + FLIGHT); j++) {
      const n = j % ADDRESSES;
      sends.push(
        call(
          'POST',
          '/omni/messaging/1/message',
          { channel: 'email', to: `reads-after-${n}@omnikit.test`, subject: `Order ${j}`, body: `Your order ${j}.` },
          token,
        ),
      );
    }
    await Promise.all(sends);
    if ((i + FLIGHT) % 2_000 === 0) console.log(`  ${(i + FLIGHT).toLocaleString('en')} sent`);
  }
  const sentMs = performance.now() - started;
  // Every planned status: the slowest reader opens 999 s after delivery.
  await call('POST', '/__mock/clock/advance', { ms: 1_100_000 });
  const timersMs = performance.now() - started;
  const cpuAtTimers = cpuMicros();
  const atTimers = await ask<Counts>(child, 'counts');
  let counts: Counts = atTimers;
  let doneAt: number | undefined;
  void done.then((at) => {
    doneAt = at;
  });
  // Progress once a second; the end is the receiver's own word that the last one is in, not the next poll.
  while (doneAt === undefined && performance.now() - started < MAX_WALL_MS) {
    await Promise.race([done, new Promise((r) => setTimeout(r, 1_000))]);
    counts = await ask<Counts>(child, 'counts');
    console.log(
      `  ${counts.received.toLocaleString('en')} of ${expected.toLocaleString('en')} notifications acknowledged`,
    );
  }
  const wallMs = (doneAt ?? performance.now()) - started;
  const cpuAtEnd = cpuMicros();
  counts = await ask<Counts>(child, 'counts');
  child.send('exit');
  await mock.close();
  rmSync(dir, { recursive: true, force: true });

  console.log(`\nmessaging: ${MESSAGES.toLocaleString('en')} outbound emails, 4 statuses each, file database (WAL)`);
  console.log(
    `  sent (HTTP stack in process) ${(sentMs / 1000).toFixed(2)} s → ${((MESSAGES * 1000) / sentMs).toFixed(0)} messages/s`,
  );
  console.log(
    `  clock advanced (every timer) at ${(timersMs / 1000).toFixed(2)} s, ${atTimers.received.toLocaleString('en')} notifications acknowledged by then`,
  );
  console.log(
    `  acknowledged                 ${counts.received.toLocaleString('en')} notifications (${counts.statuses.toLocaleString('en')} message_status) in ${(wallMs / 1000).toFixed(2)} s → ${((counts.received * 1000) / wallMs).toFixed(0)} notifications/s end to end`,
  );
  // The notifications still in the outbox when the clock had run, over the time they took: the measure of the voice
  // path's webhook bench (bench:notify-sqlite: notifications already in the outbox to the receiver).
  const deliveredAfter = counts.received - atTimers.received;
  const deliveryRate = (deliveredAfter * 1000) / (wallMs - timersMs);
  console.log(
    `  delivery after the clock ran  ${deliveredAfter.toLocaleString('en')} in ${((wallMs - timersMs) / 1000).toFixed(2)} s → ${deliveryRate.toFixed(0)} notifications/s (goal >= ${DELIVERY_GOAL.toLocaleString('en')}/s, as bench:notify-sqlite measures the voice path: ${deliveryRate >= DELIVERY_GOAL ? 'met' : 'missed'})`,
  );
  const perNotification = (micros: number, n: number) => (n > 0 ? (micros / n).toFixed(0) : '-');
  console.log(
    `  CPU per notification         bench process ${perNotification(cpuAtEnd - cpuAtStart, counts.received)} µs end to end, ${perNotification(cpuAtEnd - cpuAtTimers, deliveredAfter)} µs in the delivery after the clock ran; receiver ${perNotification(counts.cpuMicros - receiverCpuAtStart, counts.received)} µs`,
  );
  console.log(
    `  bad signatures ${counts.badSignatures}, out of a message's order ${counts.outOfOrder}, sent again (same id) ${counts.duplicates}`,
  );
  if (counts.received < expected) {
    console.error(`only ${counts.received} of ${expected} notifications arrived within ${MAX_WALL_MS / 1000} s`);
    process.exitCode = 1;
  }
  if (counts.badSignatures > 0 || counts.outOfOrder > 0) process.exitCode = 1;
}

void main();
