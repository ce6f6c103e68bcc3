/**
 * The delivery worker: takes due notifications from the outbox and POSTs them (B.7).
 *
 * Its loop: claim a batch of due rows (the outbox keeps per-call order: only the oldest pending row of a call is ever
 * due), send up to `concurrency` at once over keep-alive connections, gather the outcomes and settle them in one
 * `complete` batch per event-loop turn, then look again. Systems are tenants that must not feel each other: each has
 * at most `systemConcurrency` attempts in flight and a batch of claimed rows, and the systems with a row waiting take
 * turns for the free slots, so a receiver that hangs for its 5 s holds back only its own system. When nothing is due it sleeps until the earliest retry
 * (converted to wall time through each system's clock; never on a manual clock), at most `idleCheckMs`, or until
 * `kick()` (a commit, a clock advance, a new endpoint).
 *
 * An attempt: with no endpoint any more the row is settled `no_endpoint`; a type the endpoint now filters out,
 * `filtered`. Otherwise chaos may drop it (not sent, counts as failed) or delay it (a timer, holding no slot; the row
 * stays claimed, so its call's later rows wait, and `stop()` gives it back at once); a 2xx within `timeoutMs` (5 s,
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
import { ACK_TIMEOUT_MS, type AttemptResult, attemptDelivery, attemptRecords } from './attempt-delivery.js';
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
  /** Attempts in flight at once, all systems together (default 256). */
  concurrency?: number;
  /**
   * Attempts in flight at once of one system (default 64, at most `concurrency`): a system whose receiver hangs, or
   * answers slowly, holds no more, and the systems are served in turn, so it never delays another's deliveries.
   */
  systemConcurrency?: number;
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
  /**
   * Gives back what the system has claimed and not sent yet (rows waiting for a slot or sleeping out a chaos delay): its
   * rows were just wiped (a reset) or deleted with it, and must not go to an endpoint set afterwards. Attempts already in
   * flight finish; a row still there (the wipe rolled back) is claimed again.
   */
  forget(systemId: number): void;
  /** Delivers everything due now (and whatever falls due meanwhile), then resolves; works without `start()`. */
  drain(): Promise<void>;
  stats(): DeliveryWorkerStats;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Default attempts in flight, all systems together. */
export const DEFAULT_CONCURRENCY = 256;
/** Default attempts in flight of one system: a receiver that hangs holds at most these. */
export const DEFAULT_SYSTEM_CONCURRENCY = 64;

export function createDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const { outbox, settings } = options;
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const perSystem = Math.min(options.systemConcurrency ?? DEFAULT_SYSTEM_CONCURRENCY, concurrency);
  const ownSender = options.sender === undefined;
  // As many connections per receiver as attempts in flight: a request never waits inside the client for one (its
  // timeout would run meanwhile), even when every system posts to the same receiver.
  const sender = options.sender ?? createHttpSender({ maxSockets: concurrency });
  const wallNow = options.wallNow ?? Date.now;
  const timeoutMs = options.timeoutMs ?? ACK_TIMEOUT_MS;
  const claimBatch = Math.max(options.claimBatch ?? 256, perSystem);
  const idleCheckMs = options.idleCheckMs ?? 1_000;
  const onError = options.onError ?? ((e: unknown) => console.error('webhook delivery:', e));

  const stats: DeliveryWorkerStats = { inFlight: 0, attempts: 0, delivered: 0, failedAttempts: 0, deadLettered: 0 };
  let running = false;
  /** Claimed rows waiting for a slot, per system; the order of the map is the round-robin's (served goes last). */
  const queues = new Map<number, OutboxRow[]>();
  let queued = 0;
  const inFlightOf = new Map<number, number>();
  /** Claimed rows sleeping out chaos `delay_ms` (no slot held), and how many per system. */
  const delayed = new Map<string, { row: OutboxRow; timer: NodeJS.Timeout }>();
  const delayedOf = new Map<number, number>();
  /** Rows whose chaos delay is over: their attempt goes now. */
  const delayDone = new Set<string>();
  let pendingCompletions: Completion[] = [];
  let flushScheduled = false;
  let wakeTimer: NodeJS.Timeout | undefined;
  let idleWaiters: Array<() => void> = [];
  let draining = 0;
  let stopping = false;

  const reorders = (systemId: number) => settings.chaos(systemId).reorder;
  const wireOf = options.wireOf ?? (() => DEFAULT_WIRE);
  const swaps = (systemId: number) => wireOf(systemId).variation.notifications === 'swapped';
  const count = (m: Map<number, number>, systemId: number, by: number) => {
    const n = (m.get(systemId) ?? 0) + by;
    if (n === 0) m.delete(systemId);
    else m.set(systemId, n);
  };
  /** Rows the system may still claim: one batch at most is held per system (in flight, waiting or sleeping). */
  const roomOf = (systemId: number) =>
    Math.max(
      0,
      claimBatch -
        (inFlightOf.get(systemId) ?? 0) -
        (queues.get(systemId)?.length ?? 0) -
        (delayedOf.get(systemId) ?? 0),
    );
  /** Whether the system may start another attempt now. */
  const hasSlot = (systemId: number) => (inFlightOf.get(systemId) ?? 0) < perSystem;

  /** Claims due rows into the systems' queues; returns how many. */
  function refill(): number {
    const rows = outbox.claimDue({
      nowOf: (systemId) => options.clockOf(systemId).now(),
      unordered: reorders,
      swapped: swaps,
      ...(options.onHold ? { onHold: options.onHold } : {}),
      limit: claimBatch,
      limitOf: roomOf,
    });
    const bySystem = new Map<number, OutboxRow[]>();
    for (const r of rows) {
      const group = bySystem.get(r.systemId);
      if (group) group.push(r);
      else bySystem.set(r.systemId, [r]);
    }
    for (const [systemId, group] of bySystem) {
      // Chaos `reorder`: the rows of such a system go out in a seeded shuffle.
      if (reorders(systemId)) {
        const rng = options.rngOf(systemId).fork(`notify/reorder/${group[0]?.id}`);
        for (let i = group.length - 1; i > 0; i--) {
          const j = rng.int(0, i);
          [group[i], group[j]] = [group[j] as OutboxRow, group[i] as OutboxRow];
        }
      }
      const queue = queues.get(systemId);
      if (queue) queue.push(...group);
      else queues.set(systemId, group);
      queued += group.length;
    }
    return rows.length;
  }

  /** The next row to start: round-robin over the systems with a row waiting and a slot of their own free. */
  function next(): OutboxRow | undefined {
    for (const [systemId, queue] of queues) {
      if (!hasSlot(systemId)) continue;
      const row = queue.shift() as OutboxRow;
      queued--;
      queues.delete(systemId);
      if (queue.length > 0) queues.set(systemId, queue);
      return row;
    }
    return undefined;
  }

  /** How long chaos holds this row back before its attempt (0: none), as `deliver` would send it. */
  function chaosDelayOf(row: OutboxRow): number {
    if (delayDone.has(row.id)) return 0;
    const chaos = settings.chaos(row.systemId);
    if (chaos.delay_ms <= 0 || row.attempts + 1 <= chaos.drop_first_attempts) return 0;
    const endpoint = settings.endpoint(row.systemId);
    if (!endpoint || !endpointAccepts(endpoint, row.type)) return 0;
    // `twice`'s second copy is not delayed.
    if (row.attempts > 0 && acknowledgedInRound(row)) return 0;
    return chaos.delay_ms;
  }

  /** Sleeps out a chaos delay without a slot; the row stays claimed (its call's later rows wait) and then goes first. */
  function hold(row: OutboxRow, ms: number): void {
    count(delayedOf, row.systemId, 1);
    const timer = setTimeout(() => {
      delayed.delete(row.id);
      count(delayedOf, row.systemId, -1);
      delayDone.add(row.id);
      const queue = queues.get(row.systemId);
      if (queue) queue.unshift(row);
      else queues.set(row.systemId, [row]);
      queued++;
      pump();
    }, ms);
    delayed.set(row.id, { row, timer });
  }

  function begin(row: OutboxRow): void {
    stats.inFlight++;
    count(inFlightOf, row.systemId, 1);
    deliver(row).then(
      (completion) => settle(row.systemId, completion),
      (error: unknown) => {
        // deliver() does not throw; if it ever does, the row stays pending and is tried again.
        stats.inFlight--;
        count(inFlightOf, row.systemId, -1);
        outbox.release([row.id]);
        onError(error);
      },
    );
  }

  const idle = () => stats.inFlight === 0 && queued === 0 && delayed.size === 0 && pendingCompletions.length === 0;

  function pump(): void {
    const active = !stopping && (running || draining > 0);
    while (active && stats.inFlight < concurrency) {
      const row = next();
      if (!row) {
        if (refill() === 0) break;
        continue;
      }
      const wait = chaosDelayOf(row);
      if (wait > 0) hold(row, wait);
      else begin(row);
    }
    if (idle()) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const w of waiters) w();
      if (active) scheduleWake();
    } else if (active && wakeTimer === undefined && stats.inFlight < concurrency) {
      // Busy, but not with every system: one with room whose row falls due later must not wait for another's answers.
      scheduleWake();
    }
  }

  function settle(systemId: number, completion: Completion): void {
    stats.inFlight--;
    count(inFlightOf, systemId, -1);
    delayDone.delete(completion.update.id);
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
      // A system with no slot free gets its turn when one of its answers is settled.
      if (hasSlot(systemId) && roomOf(systemId) > 0)
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

  /** The attempt's records (attempt-delivery.ts `attemptRecords`). */
  function records(row: OutboxRow, attempt: number, a: AttemptResult, virtualAt: number): AttemptRecord[] {
    return attemptRecords(row.id, row.round, attempt, a, virtualAt);
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
      const copied = records(row, row.attempts, copy, virtualAt);
      const last = copied.length - 1;
      if (copy.outcome === 'acknowledged') copied[last] = { ...(copied[last] as AttemptRecord), outcome: 'duplicate' };
      stats.attempts += copied.length;
      return { update: { ...base, state: 'delivered' }, attempts: copied };
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
      const input = { sender, endpoint: sendTo, notificationId: row.id, body, wallNow, timeoutMs };
      const result = await attemptDelivery(input);
      attempts.push(...records(row, attempt, result, virtualAt));
      acknowledged = result.outcome === 'acknowledged';
      if (
        acknowledged &&
        chaos.duplicate_rate > 0 &&
        options.rngOf(row.systemId).fork(`notify/duplicate/${row.id}/${row.round}`).chance(chaos.duplicate_rate)
      ) {
        const copy = await attemptDelivery(input);
        const copied = records(row, attempt, copy, clock.now());
        attempts.push(...copied.slice(0, -1), { ...(copied.at(-1) as AttemptRecord), outcome: 'duplicate' });
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
      // Claimed and not sent (waiting for a slot, or sleeping out a chaos delay): given back at once, sent after a
      // start again.
      const unsent: string[] = [];
      for (const queue of queues.values()) for (const r of queue) unsent.push(r.id);
      for (const [id, { timer }] of delayed) {
        clearTimeout(timer);
        unsent.push(id);
      }
      queues.clear();
      queued = 0;
      delayed.clear();
      delayedOf.clear();
      delayDone.clear();
      if (unsent.length > 0) outbox.release(unsent);
      while (stats.inFlight > 0 || pendingCompletions.length > 0 || flushScheduled) await sleep(5);
      pump(); // settles any drain() still waiting
      if (ownSender) sender.close();
    },
    forget(systemId) {
      const unsent: string[] = [];
      const queue = queues.get(systemId);
      if (queue) {
        for (const r of queue) unsent.push(r.id);
        queued -= queue.length;
        queues.delete(systemId);
      }
      for (const [id, { row, timer }] of delayed) {
        if (row.systemId !== systemId) continue;
        clearTimeout(timer);
        delayed.delete(id);
        unsent.push(id);
      }
      delayedOf.delete(systemId);
      for (const id of unsent) delayDone.delete(id);
      if (unsent.length > 0) outbox.release(unsent);
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
