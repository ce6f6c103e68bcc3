/**
 * The outbox port: every notification is a row, written in the SAME transaction as the state change that caused it, so
 * a crash can lose none — on restart the worker finds the pending rows and sends them (at least once: a row whose
 * attempt was in flight at the crash is sent again).
 *
 * The SQLite implementation (src/store/, at integration) needs:
 * - table `outbox`: `id` text primary key, `system_id` integer (cascade from systems), `call_id`
 *   integer null, `seq` integer unique (insertion order, autoincrement), `type` text, `body` text (the
 *   exact bytes signed and sent), `state` text, `attempts` integer, `round` integer, `next_attempt_at`
 *   integer (system clock ms), `first_attempt_at` integer null, `created_at` integer; indexes on
 *   (`system_id`, `state`, `next_attempt_at`, `seq`) and (`system_id`, `call_id`, `state`, `seq`);
 * - table `delivery_attempts`: (`notification_id`, `round`, `attempt`) primary key and the columns of
 *   `AttemptRecord`; cascade from `outbox`;
 * - `claimDue`: per system with pending rows, `SELECT … WHERE system_id = ? AND state = 'pending' AND
 *   next_attempt_at <= ? AND (call_id IS NULL OR NOT EXISTS (SELECT 1 FROM outbox p WHERE
 *   p.system_id = o.system_id AND p.call_id = o.call_id AND p.state = 'pending' AND p.seq < o.seq))
 *   ORDER BY next_attempt_at, seq LIMIT ?` (without the NOT EXISTS when `unordered`), skipping the ids
 *   it has claimed and not completed yet (kept in memory: claims are not durable, by design);
 * - `complete`: one transaction for the whole batch (row updates + attempt inserts) — this batching is
 *   what keeps the worker's cost per notification small on a real file.
 *
 * @module
 */

import type { NotificationType } from '@omnikit/contracts';
import type { AttemptOutcome, DeliveryState } from '@omnikit/contracts/control';

export interface OutboxRow {
  /** The notification id (`X-Omni-Notification-Id`), the same on every attempt. */
  id: string;
  systemId: number;
  /** The call whose order it keeps; null: independent of every other notification. */
  callId: number | null;
  /** Insertion order (assigned by the outbox). */
  seq: number;
  type: NotificationType;
  /** The `{ type, payload }` envelope as JSON: the exact bytes signed and sent. */
  body: string;
  state: DeliveryState;
  /** Attempts made in the current round. */
  attempts: number;
  /** 0 for the original delivery, +1 per replay. */
  round: number;
  /** System clock ms: when the next attempt is due (meaningful while pending). */
  nextAttemptAt: number;
  /** System clock ms of the round's first attempt: the retry schedule counts from it (B.7). */
  firstAttemptAt: number | null;
  /** System clock ms. */
  createdAt: number;
}

export type NewOutboxRow = Pick<OutboxRow, 'id' | 'systemId' | 'callId' | 'type' | 'body' | 'state' | 'createdAt'> & {
  /** Defaults to `createdAt`. */
  nextAttemptAt?: number;
};

export interface AttemptRecord {
  notificationId: string;
  round: number;
  /** 1-based within the round; a chaos duplicate shares the number of the attempt it copies. */
  attempt: number;
  outcome: AttemptOutcome;
  url: string;
  status: number | null;
  error: string | null;
  /** The start of the receiver's answer (at most 1 KiB). */
  responseBody: string;
  /** Wall-clock ms the exchange took. */
  durationMs: number;
  /** Wall epoch ms when it was sent. */
  sentAt: number;
  /** System clock ms when it was sent. */
  virtualAt: number;
}

/** A row's new delivery fields after an attempt. */
export interface RowUpdate {
  id: string;
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: number;
  firstAttemptAt: number | null;
}

export interface Completion {
  update: RowUpdate;
  /** The attempts made (none when the row was settled without one, e.g. its endpoint was removed). */
  attempts: AttemptRecord[];
}

export interface ClaimQuery {
  /** The system's clock, now. */
  nowOf(systemId: number): number;
  /** Ignore per-call order for this system (chaos `reorder`). */
  unordered(systemId: number): boolean;
  /** Swap the first two notifications of each call for this system (`notifications=swapped`, outbox-index.ts). */
  swapped?(systemId: number): boolean;
  /**
   * A call's first row is held for its second under `swapped` until `until` (system clock ms): told once per row and
   * run, so that a manual clock passing `until` wakes the worker.
   */
  onHold?(systemId: number, id: string, until: number): void;
  /** Rows claimed at most, all systems together. */
  limit: number;
  /** Rows claimed at most of this system (the worker's room for it: one system must not take every claim). */
  limitOf?(systemId: number): number;
}

export interface DeliveryFilter {
  systemId: number;
  callId?: number;
  state?: DeliveryState;
  type?: NotificationType;
  /** Most recent first; default 100. */
  limit?: number;
}

export interface OutboxPort {
  /** Records a notification (in the caller's transaction); assigns `seq`. */
  insert(row: NewOutboxRow): OutboxRow;
  /**
   * Claims pending rows that are due on their system's clock, earliest first: per call only the
   * oldest pending row (a failing one holds back the later ones of the same call), every row of no
   * call. A claimed row is not returned again until completed or released.
   */
  claimDue(query: ClaimQuery): OutboxRow[];
  /** Settles claimed rows: new delivery fields and the attempts made, in one transaction; releases the claims. */
  complete(completions: readonly Completion[]): void;
  /** Gives claimed rows back untouched (the worker is stopping). */
  release(ids: readonly string[]): void;
  /** The earliest time each system has a row due (for the worker's wake-up). */
  earliestDue(unordered: (systemId: number) => boolean, swapped?: (systemId: number) => boolean): Map<number, number>;
  /** Replay: the rows go back to pending for a new round, due at `at`. */
  requeue(ids: readonly string[], at: number): void;
  get(id: string): OutboxRow | undefined;
  list(filter: DeliveryFilter): { rows: OutboxRow[]; total: number };
  attempts(id: string): AttemptRecord[];
}
