/**
 * The delivery worker: takes due notifications from the outbox and POSTs them (B.7).
 *
 * Its loop: claim a batch of due rows (the outbox keeps per-call order: only the oldest pending row of a call is ever
 * due), send up to `concurrency` at once over keep-alive connections, gather the outcomes and settle them in one
 * `complete` batch per event-loop turn, then look again. When nothing is due it sleeps until the earliest retry
 * (converted to wall time through each system's clock; never on a manual clock), at most `idleCheckMs`, or until
 * `kick()` (a commit, a clock advance, a new endpoint).
 *
 * An attempt: with no endpoint any more the row is settled `no_endpoint`; a type the endpoint now filters out,
 * `filtered`. Otherwise chaos may drop it (not sent, counts as failed) or delay it; a 2xx within `timeoutMs` (5 s,
 * wall clock) delivers it, and chaos may then send a duplicate. A failure schedules the next attempt on the system's
 * clock (retry-schedule.ts), or dead-letters after the 10th.
 *
 * The system's `notifications` variation, read at delivery time (`wireOf`), changes that: `unsigned` sends no
 * signature; `at-most-once` dead-letters a notification whose attempt fails, without a retry; `twice` settles an
 * acknowledged notification as still pending, due at once, and its next claim sends it again (the same id and bytes,
 * recorded as a `duplicate` attempt, sent once whatever the answer) before it is delivered — two steps in the outbox,
 * so a restart between them repeats neither; `swapped` is the outbox's order (outbox-index.ts). Its `dates`, `ids` and
 * `extras` rewrite the stored envelope as it is sent (notification-wire.ts).
 *
 * @module
 */

import type { Rng } from '../engine/rng.js';
import { ACK_TIMEOUT_MS, type AttemptResult, attemptDelivery } from './attempt-delivery.js';
import { createHttpSender, type Sender } from './http-sender.js';
import { DEFAULT_WIRE, type NotificationWire, signs, wireBody } from './notification-wire.js';
import { endpointAccepts, type NotifySettings } from './notify-settings.js';
import type { AttemptRecord, Completion, OutboxPort, OutboxRow } from './outbox-port.js';
import { nextAttemptAt } from './retry-schedule.js';

export interface WorkerClock {
  now(): number;
  /** Wall ms until the clock reaches `at` (Infinity on a manual clock); `VirtualClock` has it. */
  wallDelayUntil(at: number): number;
}

export interface DeliveryWorkerOptions {
  outbox: OutboxPort;
  settings: NotifySettings;
  clockOf(systemId: number): WorkerClock;
  /** The system's root random stream (forked per notification and attempt). */
  rngOf(systemId: number): Rng;
  /** The system's variation and time zone, read at each attempt (default: the contracts' own shapes, UTC). */
  wireOf?(systemId: number): NotificationWire;
  /** A call's first notification is held under `swapped` until `until`: wake the worker then (a durable timer). */
  onHold?(systemId: number, id: string, until: number): void;
  /** Default: a keep-alive HTTP sender the worker owns (and closes on stop). */
  sender?: Sender;
  wallNow?: () => number;
  /** Wall-clock ms a receiver has to acknowledge (default 5000, B.7). */
  timeoutMs?: number;
  /** Attempts in flight at once (default 64). */
  concurrency?: number;
  /** Rows claimed per outbox read (default 256). */
  claimBatch?: number;
  /** Longest wall-clock sleep when nothing is due (default 1000 ms). */
  idleCheckMs?: number;
  /** Called after each batch is settled in the outbox (observability, tests). */
  onSettled?: (completions: readonly Completion[]) => void;
  /** An error settling a batch (the store failed); default: printed. The rows stay pending. */
  onError?: (error: unknown) => void;
}

export interface DeliveryWorkerStats {
  inFlight: number;
  /** Attempts made (chaos drops and duplicates included). */
  attempts: number;
  delivered: number;
  failedAttempts: number;
  deadLettered: number;
}

export interface DeliveryWorker {
  /** Runs the loop until `stop()`. */
  start(): void;
  /**
   * Finishes the attempts in flight, gives back what was claimed but not sent, and stops (a
   * `drain()` under way resolves then). `start()` runs it again.
   */
  stop(): Promise<void>;
  /** Look for due notifications now. */
  kick(): void;
  /** Delivers everything due now (and whatever falls due meanwhile), then resolves; works without `start()`. */
  drain(): Promise<void>;
  stats(): DeliveryWorkerStats;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const { outbox, settings } = options;
  const ownSender = options.sender === undefined;
  const sender = options.sender ?? createHttpSender({ maxSockets: options.concurrency ?? 64 });
  const wallNow = options.wallNow ?? Date.now;
  const timeoutMs = options.timeoutMs ?? ACK_TIMEOUT_MS;
  const concurrency = options.concurrency ?? 64;
  const claimBatch = Math.max(options.claimBatch ?? 256, concurrency);
  const idleCheckMs = options.idleCheckMs ?? 1_000;
  const onError = options.onError ?? ((e: unknown) => console.error('webhook delivery:', e));

  const stats: DeliveryWorkerStats = { inFlight: 0, attempts: 0, delivered: 0, failedAttempts: 0, deadLettered: 0 };
  let running = false;
  let queue: OutboxRow[] = [];
  let queueHead = 0;
  let pendingCompletions: Completion[] = [];
  let flushScheduled = false;
  let wakeTimer: NodeJS.Timeout | undefined;
  let idleWaiters: Array<() => void> = [];
  let draining = 0;
  let stopping = false;

  const reorders = (systemId: number) => settings.chaos(systemId).reorder;
  const wireOf = options.wireOf ?? (() => DEFAULT_WIRE);
  const swaps = (systemId: number) => wireOf(systemId).variation.notifications === 'swapped';

  function refill(): void {
    const rows = outbox.claimDue({
      nowOf: (systemId) => options.clockOf(systemId).now(),
      unordered: reorders,
      swapped: swaps,
      ...(options.onHold ? { onHold: options.onHold } : {}),
      limit: claimBatch,
    });
    if (rows.length === 0) return;
    // Chaos `reorder`: the rows of such a system go out in a seeded shuffle.
    const bySystem = new Map<number, OutboxRow[]>();
    for (const r of rows) {
      if (!reorders(r.systemId)) continue;
      bySystem.set(r.systemId, [...(bySystem.get(r.systemId) ?? []), r]);
    }
    for (const [systemId, group] of bySystem) {
      const rng = options.rngOf(systemId).fork(`notify/reorder/${group[0]?.id}`);
      const positions = rows.flatMap((r, i) => (r.systemId === systemId ? [i] : []));
      for (let i = group.length - 1; i > 0; i--) {
        const j = rng.int(0, i);
        [group[i], group[j]] = [group[j] as OutboxRow, group[i] as OutboxRow];
      }
      positions.forEach((p, k) => {
        rows[p] = group[k] as OutboxRow;
      });
    }
    queue = queueHead < queue.length ? [...queue.slice(queueHead), ...rows] : rows;
    queueHead = 0;
  }

  function pump(): void {
    const active = !stopping && (running || draining > 0);
    while (active && stats.inFlight < concurrency) {
      if (queueHead >= queue.length) refill();
      const row = queue[queueHead];
      if (!row) break;
      queueHead++;
      stats.inFlight++;
      deliver(row).then(
        (completion) => settle(completion),
        (error: unknown) => {
          // deliver() does not throw; if it ever does, the row stays pending and is tried again.
          stats.inFlight--;
          outbox.release([row.id]);
          onError(error);
        },
      );
    }
    if (stats.inFlight === 0 && queueHead >= queue.length && pendingCompletions.length === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const w of waiters) w();
      if (active) scheduleWake();
    }
  }

  function settle(completion: Completion): void {
    stats.inFlight--;
    pendingCompletions.push(completion);
    if (flushScheduled) return;
    flushScheduled = true;
    setImmediate(flush);
  }

  function flush(): void {
    flushScheduled = false;
    const batch = pendingCompletions;
    pendingCompletions = [];
    try {
      outbox.complete(batch);
    } catch (error) {
      outbox.release(batch.map((c) => c.update.id));
      onError(error);
    }
    for (const c of batch) {
      if (c.update.state === 'delivered') stats.delivered++;
      if (c.update.state === 'dead') stats.deadLettered++;
    }
    options.onSettled?.(batch);
    pump();
  }

  function scheduleWake(): void {
    if (!running) return;
    if (wakeTimer) clearTimeout(wakeTimer);
    let delay = idleCheckMs;
    for (const [systemId, at] of outbox.earliestDue(reorders, swaps)) {
      delay = Math.min(delay, options.clockOf(systemId).wallDelayUntil(at));
    }
    wakeTimer = setTimeout(
      () => {
        wakeTimer = undefined;
        pump();
      },
      Math.max(1, Math.ceil(delay)),
    );
    wakeTimer.unref?.();
  }

  function record(row: OutboxRow, attempt: number, a: AttemptResult, virtualAt: number): AttemptRecord {
    return {
      notificationId: row.id,
      round: row.round,
      attempt,
      outcome: a.outcome,
      url: a.url,
      status: a.status,
      error: a.error,
      responseBody: a.responseBody,
      durationMs: a.durationMs,
      sentAt: a.sentAt,
      virtualAt,
    };
  }

  /** Whether the row's current round has an acknowledged attempt already (a pending one: `twice`'s second copy). */
  function acknowledgedInRound(row: OutboxRow): boolean {
    return outbox.attempts(row.id).some((a) => a.round === row.round && a.outcome === 'acknowledged');
  }

  async function deliver(row: OutboxRow): Promise<Completion> {
    const clock = options.clockOf(row.systemId);
    const base = {
      id: row.id,
      attempts: row.attempts,
      nextAttemptAt: row.nextAttemptAt,
      firstAttemptAt: row.firstAttemptAt,
    };
    const endpoint = settings.endpoint(row.systemId);
    const wire = wireOf(row.systemId);
    const virtualAt = clock.now();
    if (row.attempts > 0 && acknowledgedInRound(row)) {
      // `twice`: the first copy was acknowledged and recorded; this is the second, sent once, if it still may go.
      if (wire.variation.notifications !== 'twice' || !endpoint || !endpointAccepts(endpoint, row.type)) {
        return { update: { ...base, state: 'delivered' }, attempts: [] };
      }
      const copy = await attemptDelivery({
        sender,
        endpoint: signs(wire) ? endpoint : { ...endpoint, secret: null },
        notificationId: row.id,
        body: wireBody(row.body, wire),
        wallNow,
        timeoutMs,
      });
      const copied = record(row, row.attempts, copy, virtualAt);
      stats.attempts++;
      return {
        update: { ...base, state: 'delivered' },
        attempts: [copy.outcome === 'acknowledged' ? { ...copied, outcome: 'duplicate' } : copied],
      };
    }
    if (!endpoint) return { update: { ...base, state: 'no_endpoint' }, attempts: [] };
    if (!endpointAccepts(endpoint, row.type)) return { update: { ...base, state: 'filtered' }, attempts: [] };
    const body = wireBody(row.body, wire);
    const sendTo = signs(wire) ? endpoint : { ...endpoint, secret: null };

    const chaos = settings.chaos(row.systemId);
    const attempt = row.attempts + 1;
    const firstAttemptAt = row.firstAttemptAt ?? virtualAt;
    const attempts: AttemptRecord[] = [];
    let acknowledged = false;
    if (attempt <= chaos.drop_first_attempts) {
      attempts.push({
        notificationId: row.id,
        round: row.round,
        attempt,
        outcome: 'dropped',
        url: endpoint.url,
        status: null,
        error: `not sent: chaos drops the first ${chaos.drop_first_attempts} attempts`,
        responseBody: '',
        durationMs: 0,
        sentAt: wallNow(),
        virtualAt,
      });
    } else {
      if (chaos.delay_ms > 0) await sleep(chaos.delay_ms);
      const input = { sender, endpoint: sendTo, notificationId: row.id, body, wallNow, timeoutMs };
      const result = await attemptDelivery(input);
      attempts.push(record(row, attempt, result, virtualAt));
      acknowledged = result.outcome === 'acknowledged';
      if (
        acknowledged &&
        chaos.duplicate_rate > 0 &&
        options.rngOf(row.systemId).fork(`notify/duplicate/${row.id}/${row.round}`).chance(chaos.duplicate_rate)
      ) {
        const copy = await attemptDelivery(input);
        attempts.push({ ...record(row, attempt, copy, clock.now()), outcome: 'duplicate' });
      }
    }
    stats.attempts += attempts.length;
    if (acknowledged) {
      const again = wire.variation.notifications === 'twice';
      return {
        update: {
          ...base,
          state: again ? 'pending' : 'delivered',
          attempts: attempt,
          firstAttemptAt,
          ...(again ? { nextAttemptAt: virtualAt } : {}),
        },
        attempts,
      };
    }
    stats.failedAttempts++;
    const jitter = options.rngOf(row.systemId).fork(`notify/retry/${row.id}/${row.round}/${attempt}`);
    const next =
      wire.variation.notifications === 'at-most-once' ? null : nextAttemptAt(firstAttemptAt, attempt, jitter);
    return {
      update: {
        id: row.id,
        state: next === null ? 'dead' : 'pending',
        attempts: attempt,
        nextAttemptAt: next ?? row.nextAttemptAt,
        firstAttemptAt,
      },
      attempts,
    };
  }

  return {
    start() {
      if (running) return;
      running = true;
      stopping = false;
      pump();
    },
    async stop() {
      running = false;
      stopping = true;
      if (wakeTimer) clearTimeout(wakeTimer);
      wakeTimer = undefined;
      const unsent = queue.slice(queueHead).map((r) => r.id);
      queue = [];
      queueHead = 0;
      if (unsent.length > 0) outbox.release(unsent);
      while (stats.inFlight > 0 || pendingCompletions.length > 0 || flushScheduled) await sleep(5);
      pump(); // settles any drain() still waiting
      if (ownSender) sender.close();
    },
    kick() {
      if (stopping || (!running && draining === 0)) return;
      if (wakeTimer) clearTimeout(wakeTimer);
      wakeTimer = undefined;
      pump();
    },
    async drain() {
      draining++;
      try {
        await new Promise<void>((resolve) => {
          idleWaiters.push(resolve);
          pump();
        });
      } finally {
        draining--;
      }
    },
    stats: () => ({ ...stats }),
  };
}
