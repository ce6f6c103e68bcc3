import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { notification } from '@omnikit/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/engine/clock.js';
import { Rng } from '../../src/engine/rng.js';
import { createDeliveryWorker } from '../../src/notify/delivery-worker.js';
import { enqueueNotification } from '../../src/notify/enqueue-notification.js';
import { createMemoryOutbox } from '../../src/notify/memory-outbox.js';
import { createMemoryNotifySettings } from '../../src/notify/notify-settings.js';
import { until } from '../support/until.js';
import { agentNote, callStateNote, harness, SYSTEM, T0 } from './support/harness.js';
import { type Answer, type ReceivedRequest, type Receiver, startReceiver } from './support/receiver.js';

const receivers: Receiver[] = [];
const workers: Array<{ stop(): Promise<void> }> = [];
async function receiver(answer?: (r: ReceivedRequest) => Answer): Promise<Receiver> {
  const r = await startReceiver(answer);
  receivers.push(r);
  return r;
}
function track<T extends { worker: { stop(): Promise<void> } }>(h: T): T {
  workers.push(h.worker);
  return h;
}
afterEach(async () => {
  for (const w of workers.splice(0)) await w.stop();
  for (const r of receivers.splice(0)) await r.close();
});

/** The retry offsets after the first attempt, in seconds (B.7), written out. */
const OFFSETS_S = [10, 30, 60, 120, 300, 600, 1200, 1800, 3600];

describe('delivery to a real local receiver', () => {
  it('POSTs the envelope with the id, the WALL-clock timestamp and a verifiable HMAC signature', async () => {
    const rx = await receiver();
    const wall = 1_767_600_000_987; // wall clock; the system's clock says 2026-01-05T08:00Z
    const h = track(harness({ url: rx.url, secret: 'omni-webhook-secret', wallNow: () => wall }));
    const rows = [
      h.enqueue(11, callStateNote(11, 1)),
      h.enqueue(null, agentNote(2)),
      h.enqueue(12, callStateNote(12, 3)),
    ];
    await h.worker.drain();

    expect(rx.received).toHaveLength(3);
    for (const row of rows) {
      const got = rx.received.find((r) => r.id === row.id);
      if (!got) throw new Error(`${row.id} never arrived`);
      expect(got.timestamp).toBe('1767600000');
      expect(got.contentType).toBe('application/json');
      expect(got.body).toBe(row.body);
      // The receiver's own check, written independently of the mock's signer.
      const expected = createHmac('sha256', 'omni-webhook-secret').update(`${got.timestamp}.${got.body}`).digest('hex');
      expect(got.signature).toBe(`sha256=${expected}`);
      expect(notification.parse(JSON.parse(got.body)).type).toBe(row.type);
      expect(h.row(row.id)).toMatchObject({ state: 'delivered', attempts: 1, firstAttemptAt: T0 });
      expect(h.outbox.attempts(row.id)).toEqual([
        expect.objectContaining({
          attempt: 1,
          round: 0,
          outcome: 'acknowledged',
          status: 200,
          responseBody: 'ok',
          error: null,
          virtualAt: T0,
          sentAt: wall,
        }),
      ]);
    }
    expect(h.worker.stats()).toMatchObject({ delivered: 3, attempts: 3, failedAttempts: 0, inFlight: 0 });
  });

  it('sends no signature header when the endpoint has no secret', async () => {
    const rx = await receiver();
    const h = track(harness({ url: rx.url }));
    h.enqueue(1, callStateNote(1, 1));
    await h.worker.drain();
    expect(rx.received[0]?.signature).toBeUndefined();
  });

  it('a receiver failing twice then succeeding: retries at 10 s and 30 s (±10%) after the first attempt, system clock', async () => {
    const rx = await receiver((r) => ({ status: r.nth < 2 ? 503 : 204 }));
    const h = track(harness({ url: rx.url, secret: 'omni-webhook-secret' }));
    const { id } = h.enqueue(5, callStateNote(5, 1));
    await h.worker.drain();
    expect(rx.received).toHaveLength(1);
    const second = h.row(id).nextAttemptAt;
    expect(h.row(id)).toMatchObject({ state: 'pending', attempts: 1, firstAttemptAt: T0 });
    expect(second).toBeGreaterThanOrEqual(T0 + 9_000);
    expect(second).toBeLessThanOrEqual(T0 + 11_000);

    // Not a millisecond early on the system's clock, however much wall time passes.
    await h.advanceTo(second - 1);
    expect(rx.received).toHaveLength(1);
    await h.advanceTo(second);
    expect(rx.received).toHaveLength(2);
    const third = h.row(id).nextAttemptAt;
    expect(third).toBeGreaterThanOrEqual(T0 + 27_000);
    expect(third).toBeLessThanOrEqual(T0 + 33_000);
    await h.advanceTo(third - 1);
    expect(rx.received).toHaveLength(2);
    await h.advanceTo(third);

    expect(rx.received.map((r) => r.id)).toEqual([id, id, id]);
    expect(new Set(rx.received.map((r) => r.body)).size).toBe(1);
    expect(h.row(id)).toMatchObject({ state: 'delivered', attempts: 3 });
    expect(h.outbox.attempts(id).map((a) => [a.attempt, a.outcome, a.status, a.virtualAt])).toEqual([
      [1, 'rejected', 503, T0],
      [2, 'rejected', 503, second],
      [3, 'acknowledged', 204, third],
    ]);
  });

  it('dead-letters after 10 failed attempts, on the B.7 schedule', async () => {
    const rx = await receiver(() => ({ status: 500, body: 'database down' }));
    const h = track(harness({ url: rx.url }));
    const { id } = h.enqueue(9, callStateNote(9, 1));
    await h.worker.drain();
    for (let i = 0; i < 9; i++) {
      expect(h.row(id).state).toBe('pending');
      await h.advanceTo(h.row(id).nextAttemptAt);
    }
    expect(h.row(id)).toMatchObject({ state: 'dead', attempts: 10 });
    const attempts = h.outbox.attempts(id);
    expect(attempts).toHaveLength(10);
    expect(attempts.every((a) => a.outcome === 'rejected' && a.responseBody === 'database down')).toBe(true);
    attempts.slice(1).forEach((a, i) => {
      const offset = a.virtualAt - T0;
      const nominal = (OFFSETS_S[i] as number) * 1000;
      expect(offset).toBeGreaterThanOrEqual(nominal * 0.9);
      expect(offset).toBeLessThanOrEqual(nominal * 1.1);
    });
    // Dead means dead: a day later, nothing more is sent.
    await h.advanceTo(T0 + 86_400_000);
    expect(rx.received).toHaveLength(10);
    expect(h.worker.stats()).toMatchObject({ deadLettered: 1, failedAttempts: 10, delivered: 0 });
  });

  it('keeps each call’s order under failures: a failing notification holds back only its own call', async () => {
    const failOnce = new Set(['ntf-1']);
    const rx = await receiver((r) => ({ status: failOnce.has(r.id) && r.nth === 0 ? 500 : 200, delayMs: 20 }));
    const h = track(harness({ url: rx.url, concurrency: 8 }));
    const a = [
      h.enqueue(100, callStateNote(100, 1)),
      h.enqueue(100, callStateNote(100, 2)),
      h.enqueue(100, callStateNote(100, 3)),
    ];
    const b = [h.enqueue(200, callStateNote(200, 4)), h.enqueue(200, callStateNote(200, 5))];
    const free = [h.enqueue(null, agentNote(6)), h.enqueue(null, agentNote(7))];
    await h.worker.drain();

    const arrived = () => rx.received.map((r) => r.id);
    // Call 200 and the call-less ones went; call 100 stopped at its failed head.
    expect(arrived()).toContain(b[0]?.id);
    expect(arrived()).toContain(b[1]?.id);
    expect(arrived()).toContain(free[0]?.id);
    expect(arrived()).toContain(free[1]?.id);
    expect(arrived().filter((id) => id === a[0]?.id)).toHaveLength(1);
    expect(arrived()).not.toContain(a[1]?.id);
    expect(arrived()).not.toContain(a[2]?.id);
    expect(arrived().indexOf(b[0]?.id ?? '')).toBeLessThan(arrived().indexOf(b[1]?.id ?? ''));

    await h.advanceTo(h.row(a[0]?.id ?? '').nextAttemptAt);
    const callA = rx.received.filter((r) => a.some((x) => x.id === r.id)).map((r) => r.id);
    expect(callA).toEqual([a[0]?.id, a[0]?.id, a[1]?.id, a[2]?.id]);
    for (const row of [...a, ...b, ...free]) expect(h.row(row.id).state).toBe('delivered');
    // Never two notifications of one call in flight at once.
    expect(rx.maxConcurrentPerCall.get(100)).toBe(1);
    expect(rx.maxConcurrentPerCall.get(200)).toBe(1);
  });

  it('counts no answer within the timeout (5 s in production, 400 ms here) as a failed attempt', async () => {
    const rx = await receiver((r) => ({ status: 200, delayMs: r.nth === 0 ? 3_000 : 0 }));
    const h = track(harness({ url: rx.url, timeoutMs: 400 }));
    const { id } = h.enqueue(3, callStateNote(3, 1));
    const started = Date.now();
    await h.worker.drain();
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(h.row(id)).toMatchObject({ state: 'pending', attempts: 1 });
    const [first] = h.outbox.attempts(id);
    expect(first).toMatchObject({ outcome: 'timeout', status: null, error: 'no answer within 400 ms' });
    expect(first?.durationMs).toBeGreaterThanOrEqual(390);
    await h.advanceTo(h.row(id).nextAttemptAt);
    expect(h.row(id)).toMatchObject({ state: 'delivered', attempts: 2 });
  });

  it('a refused connection is a network error, retried like any failure', async () => {
    const rx = await receiver();
    const url = rx.url;
    await rx.close();
    receivers.pop();
    const h = track(harness({ url }));
    const { id } = h.enqueue(3, callStateNote(3, 1));
    await h.worker.drain();
    expect(h.row(id)).toMatchObject({ state: 'pending', attempts: 1 });
    expect(h.outbox.attempts(id)[0]).toMatchObject({ outcome: 'network_error', status: null });
    expect(h.outbox.attempts(id)[0]?.error).toMatch(/ECONNREFUSED/);
  });
});

describe('endpoints and filters (B.7)', () => {
  it('with no endpoint, events are recorded and never delivered later', async () => {
    const rx = await receiver();
    const h = track(harness({}));
    const { id } = h.enqueue(1, callStateNote(1, 1));
    expect(h.row(id).state).toBe('no_endpoint');
    h.settings.setEndpoint(SYSTEM, { url: rx.url, notificationTypes: [], secret: null });
    await h.advanceTo(T0 + 3_600_000);
    expect(rx.received).toHaveLength(0);
    // Later events do go.
    h.enqueue(1, callStateNote(1, 2));
    await h.worker.drain();
    expect(rx.received).toHaveLength(1);
  });

  it('delivers only the endpoint’s notification_types; the others are recorded as filtered', async () => {
    const rx = await receiver();
    const h = track(harness({}));
    h.settings.setEndpoint(SYSTEM, { url: rx.url, notificationTypes: ['agent_state'], secret: null });
    const call = h.enqueue(1, callStateNote(1, 1));
    const agent = h.enqueue(null, agentNote(2));
    await h.worker.drain();
    expect(h.row(call.id).state).toBe('filtered');
    expect(h.row(agent.id).state).toBe('delivered');
    expect(rx.received.map((r) => r.id)).toEqual([agent.id]);
  });

  it('an endpoint removed while a notification waits for its retry settles it as no_endpoint', async () => {
    const rx = await receiver(() => ({ status: 500 }));
    const h = track(harness({ url: rx.url }));
    const { id } = h.enqueue(1, callStateNote(1, 1));
    await h.worker.drain();
    h.settings.setEndpoint(SYSTEM, undefined);
    await h.advanceTo(h.row(id).nextAttemptAt);
    expect(h.row(id)).toMatchObject({ state: 'no_endpoint', attempts: 1 });
    expect(rx.received).toHaveLength(1);
  });
});

describe('chaos switches for testing receivers', () => {
  it('drop_first_attempts: the first N attempts are not sent and count as failed', async () => {
    const rx = await receiver();
    const h = track(harness({ url: rx.url }));
    h.settings.setChaos(SYSTEM, { drop_first_attempts: 2 });
    const { id } = h.enqueue(1, callStateNote(1, 1));
    await h.worker.drain();
    expect(rx.received).toHaveLength(0);
    await h.advanceTo(h.row(id).nextAttemptAt);
    expect(rx.received).toHaveLength(0);
    await h.advanceTo(h.row(id).nextAttemptAt);
    expect(rx.received).toHaveLength(1);
    expect(h.outbox.attempts(id).map((a) => a.outcome)).toEqual(['dropped', 'dropped', 'acknowledged']);
    expect(h.row(id)).toMatchObject({ state: 'delivered', attempts: 3 });
  });

  it('duplicate_rate 1: every acknowledged notification arrives twice with the same id', async () => {
    const rx = await receiver();
    const h = track(harness({ url: rx.url }));
    h.settings.setChaos(SYSTEM, { duplicate_rate: 1 });
    const rows = [h.enqueue(1, callStateNote(1, 1)), h.enqueue(2, callStateNote(2, 2))];
    await h.worker.drain();
    for (const row of rows) {
      expect(rx.received.filter((r) => r.id === row.id)).toHaveLength(2);
      expect(h.outbox.attempts(row.id).map((a) => [a.attempt, a.outcome])).toEqual([
        [1, 'acknowledged'],
        [1, 'duplicate'],
      ]);
    }
  });

  it('delay_ms: each attempt waits that long on the wall clock', async () => {
    const rx = await receiver();
    const h = track(harness({ url: rx.url }));
    h.settings.setChaos(SYSTEM, { delay_ms: 120 });
    const started = Date.now();
    h.enqueue(1, callStateNote(1, 1));
    await h.worker.drain();
    expect((rx.received[0]?.at ?? 0) - started).toBeGreaterThanOrEqual(115);
  });

  it('reorder: a call’s notifications go out of order (seeded), all of them', async () => {
    const rx = await receiver();
    const h = track(harness({ url: rx.url, concurrency: 1 }));
    h.settings.setChaos(SYSTEM, { reorder: true });
    const rows = Array.from({ length: 8 }, (_, i) => h.enqueue(42, callStateNote(42, i)));
    await h.worker.drain();
    const order = rx.received.map((r) => r.id);
    expect([...order].sort()).toEqual(rows.map((r) => r.id).sort());
    expect(order).not.toEqual(rows.map((r) => r.id));
    // Switched off again, order is kept.
    h.settings.setChaos(SYSTEM, {});
    const more = Array.from({ length: 8 }, (_, i) => h.enqueue(43, callStateNote(43, i)));
    await h.worker.drain();
    expect(rx.received.slice(8).map((r) => r.id)).toEqual(more.map((r) => r.id));
  });

  it('the chaos settings are validated by the contract', () => {
    const h = track(harness({}));
    expect(() => h.settings.setChaos(SYSTEM, { duplicate_rate: 2 })).toThrow();
    expect(() => h.settings.setChaos(SYSTEM, { drop_first_attempts: 11 })).toThrow();
    expect(h.settings.setChaos(SYSTEM, { delay_ms: 5 })).toEqual({
      delay_ms: 5,
      duplicate_rate: 0,
      drop_first_attempts: 0,
      reorder: false,
    });
  });
});

describe('the running loop', () => {
  it('delivers on a kick and wakes up by itself for a retry on a running clock', async () => {
    const rx = await receiver((r) => ({ status: r.nth === 0 ? 500 : 200 }));
    const { VirtualClock } = await import('../../src/engine/clock.js');
    const h = track(harness({ url: rx.url }));
    // A clock running 1000× faster than the wall: the 10 s retry comes after ~10 ms of wall time.
    h.clock.setMode({ mode: 'scaled', scale: 1000 });
    expect(h.clock).toBeInstanceOf(VirtualClock);
    h.worker.start();
    const { id } = h.enqueue(1, callStateNote(1, 1));
    h.worker.kick();
    const deadline = Date.now() + 3_000;
    while (h.row(id).state !== 'delivered' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(h.row(id)).toMatchObject({ state: 'delivered', attempts: 2 });
    await h.worker.stop();
  });

  it('stop() finishes the attempt in flight, ends a drain, and gives the rest back to the outbox', async () => {
    const rx = await receiver(() => ({ status: 200, delayMs: 150 }));
    const h = track(harness({ url: rx.url, concurrency: 1 }));
    const rows = Array.from({ length: 5 }, (_, i) => h.enqueue(i + 1, callStateNote(i + 1, i)));
    const drained = h.worker.drain();
    await new Promise((r) => setTimeout(r, 50));
    await h.worker.stop();
    await drained;
    expect(rows.map((r) => h.row(r.id).state)).toEqual(['delivered', 'pending', 'pending', 'pending', 'pending']);
    expect(rx.received).toHaveLength(1);
    // Nothing stays claimed: the outbox hands the four to whoever asks next.
    const next = h.outbox.claimDue({ nowOf: () => h.clock.now(), unordered: () => false, limit: 10 });
    expect(next.map((r) => r.id)).toEqual(rows.slice(1).map((r) => r.id));
  });
});

describe('the notifications variation on the worker alone', () => {
  it('twice: the second copy is not sent once the endpoint is gone; the notification stays delivered', async () => {
    let h: ReturnType<typeof harness> | undefined;
    const rx = await receiver(() => {
      h?.settings.setEndpoint(SYSTEM, undefined); // removed while the first copy is being answered
      return { status: 200 };
    });
    h = track(harness({ url: rx.url, vary: 'notifications=twice' }));
    const row = h.enqueue(null, agentNote(1));
    await h.worker.drain();
    expect(rx.received.map((r) => r.id)).toEqual([row.id]);
    expect(h.row(row.id).state).toBe('delivered');
    expect(h.outbox.attempts(row.id).map((a) => a.outcome)).toEqual(['acknowledged']);
  });

  it('a lone first notification of a call under swapped is announced once, held until 2 s after its creation', async () => {
    const rx = await receiver();
    const holds: Array<[number, string, number]> = [];
    const h = track(
      harness({ url: rx.url, vary: 'notifications=swapped', onHold: (...hold) => void holds.push(hold) }),
    );
    const row = h.enqueue(31, callStateNote(31, 1));
    await h.worker.drain();
    await h.advanceTo(T0 + 1_999);
    expect(rx.received).toEqual([]);
    expect(holds).toEqual([[SYSTEM, row.id, T0 + 2_000]]);
    await h.advanceTo(T0 + 2_000);
    expect(rx.received.map((r) => r.id)).toEqual([row.id]);
  });
});

/** Two systems on one worker: A's receiver as given, B's a healthy one (the harness has one system). */
async function twoSystems(
  a: { url: string; chaos?: { delay_ms: number } },
  options: { concurrency: number; systemConcurrency?: number; timeoutMs?: number },
) {
  const outbox = createMemoryOutbox();
  const settings = createMemoryNotifySettings();
  const clock = VirtualClock.start(Date.now, { mode: 'manual', scale: 1 }, T0);
  const rx = await receiver();
  settings.setEndpoint(1, { url: a.url, notificationTypes: [], secret: null });
  settings.setEndpoint(2, { url: rx.url, notificationTypes: [], secret: null });
  if (a.chaos) settings.setChaos(1, a.chaos);
  const worker = createDeliveryWorker({
    outbox,
    settings,
    clockOf: () => clock,
    rngOf: () => Rng.fromSeed(3),
    ...options,
  });
  workers.push(worker);
  let n = 0;
  const enqueue = (systemId: number, callId: number | null) =>
    enqueueNotification(outbox, {
      systemId,
      callId,
      notification: callStateNote(callId ?? 0, ++n),
      now: clock.now(),
      endpoint: settings.endpoint(systemId),
      newId: () => `ntf-${systemId}-${n}`,
    });
  return { outbox, worker, rx, enqueue };
}

/** A node:http server on 127.0.0.1 answering as `handler` does, closed after the test; its URL. */
async function serve(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  receivers.push({
    url: '',
    received: [],
    maxConcurrentPerCall: new Map(),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
}

/** A receiver that reads every request and never answers. */
async function hangingReceiver(): Promise<{ url: string; seen: () => number }> {
  let seen = 0;
  const url = await serve((req) => {
    seen++;
    req.resume();
  });
  return { url, seen: () => seen };
}

describe('fair to every system', () => {
  it('a system whose receiver hangs holds at most its own slots: another system’s notification goes at once', async () => {
    const hanging = await hangingReceiver();
    const { worker, rx, enqueue } = await twoSystems(
      { url: hanging.url },
      { concurrency: 4, systemConcurrency: 2, timeoutMs: 2_000 },
    );
    for (let i = 0; i < 10; i++) enqueue(1, null);
    worker.start();
    await until('A’s first attempts', () => hanging.seen() === 2);
    const started = Date.now();
    enqueue(2, 7);
    worker.kick();
    await until('B’s notification', () => rx.received.length === 1, 2_000);
    expect(Date.now() - started).toBeLessThan(1_000);
    // A never had more than its own two in flight.
    expect(hanging.seen()).toBe(2);
  });

  it('chaos delay_ms holds no slot while it waits: another system’s notification goes at once', async () => {
    const slow = await receiver();
    const { worker, rx, enqueue, outbox } = await twoSystems(
      { url: slow.url, chaos: { delay_ms: 3_000 } },
      { concurrency: 2 },
    );
    for (let i = 0; i < 10; i++) enqueue(1, null);
    const ordered = [enqueue(1, 5), enqueue(1, 5)];
    worker.start();
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    enqueue(2, 7);
    worker.kick();
    await until('B’s notification', () => rx.received.length === 1, 2_000);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(slow.received).toHaveLength(0);
    // The call's second notification waits behind its first, sleeping one (still claimed).
    expect(outbox.get(ordered[1]?.id ?? '')?.attempts).toBe(0);
  });
});

describe('stopping', () => {
  it('cancels a chaos delay at once, sends nothing, and gives the row back for a later start', async () => {
    const rx = await receiver();
    const h = track(harness({ url: rx.url }));
    h.settings.setChaos(SYSTEM, { delay_ms: 10_000 });
    const row = h.enqueue(1, callStateNote(1, 1));
    h.worker.start();
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await h.worker.stop();
    expect(Date.now() - started).toBeLessThan(1_000);
    await new Promise((r) => setTimeout(r, 100));
    expect(rx.received).toHaveLength(0);
    expect(h.row(row.id)).toMatchObject({ state: 'pending', attempts: 0 });
    // Given back: a start again (chaos off now) sends it.
    h.settings.setChaos(SYSTEM, {});
    h.worker.start();
    await until('sent after the start again', () => rx.received.length === 1);
    await until('delivered', () => h.row(row.id).state === 'delivered');
  });
});

describe('what an attempt records', () => {
  it('a request resent after its kept-alive connection closed under it: both sends in the log, one attempt number', async () => {
    const perSocket = new Map<unknown, number>();
    let requests = 0;
    const url = await serve((req, res) => {
      requests++;
      const n = (perSocket.get(req.socket) ?? 0) + 1;
      perSocket.set(req.socket, n);
      req.resume();
      // The second request on a connection is read in full, then dropped unanswered.
      if (n === 2) req.on('end', () => req.socket.destroy());
      else req.on('end', () => res.end('ok'));
    });
    const h = track(harness({ url, concurrency: 1 }));
    const first = h.enqueue(1, callStateNote(1, 1));
    await h.worker.drain();
    const second = h.enqueue(1, callStateNote(1, 2));
    await h.worker.drain();
    expect(requests).toBe(3);
    expect(h.outbox.attempts(first.id)).toHaveLength(1);
    const log = h.outbox.attempts(second.id);
    expect(log.map((a) => [a.attempt, a.outcome, a.status])).toEqual([
      [1, 'network_error', null],
      [1, 'acknowledged', 200],
    ]);
    expect(log[0]?.error).toMatch(/sent again on a fresh connection/);
    expect(h.row(second.id)).toMatchObject({ state: 'delivered', attempts: 1 });
  });

  it('a 2xx whose status came at once but whose body ends after the timeout acknowledges', async () => {
    const url = await serve((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200);
        res.write('accepted');
        setTimeout(() => res.end(), 2_000).unref();
      });
    });
    const h = track(harness({ url, timeoutMs: 300 }));
    const row = h.enqueue(1, callStateNote(1, 1));
    await h.worker.drain();
    expect(h.row(row.id)).toMatchObject({ state: 'delivered', attempts: 1 });
    expect(h.outbox.attempts(row.id)).toEqual([
      expect.objectContaining({ outcome: 'acknowledged', status: 200, responseBody: 'accepted' }),
    ]);
  });
});
