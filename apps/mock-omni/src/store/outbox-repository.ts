/**
 * The outbox on SQLite (notify/outbox-port.ts). The rows are the truth: a notification is an `outbox` row inserted in
 * the transaction of the state change that caused it, and every attempt a `delivery_attempts` row; after a crash the
 * pending rows are found again and sent (at least once).
 *
 * What is due is answered from an index in memory of the pending rows (notify/outbox-index.ts), so that a long backlog
 * behind one failing call costs nothing to skip. The index only ever learns of COMMITTED rows: it follows `seq`
 * (AUTOINCREMENT, never reused) outside transactions — and, with group commit, only once the turn's writes have landed
 * — so a row whose transaction rolled back is never seen, nor one a crash could still undo. Claims are kept in memory
 * on purpose (a crash forgets them: those rows are sent again). Each claimed row is read back from the table before it
 * is handed out, so anything the index got wrong (a system reset or deleted, a replay rolled back) is dropped there.
 *
 * While a group-commit transaction is open, inserted rows are held in memory and written as multi-row INSERTs just
 * before its COMMIT (store/pending-writes.ts), or earlier when the transaction reads the outbox: one statement per
 * batch rather than per notification, in the same transaction, so what is durable and when is unchanged. Their `seq`
 * is given here, following the table's AUTOINCREMENT counter, so it is known at once; a savepoint rolled back takes
 * its rows (and their numbers) back.
 *
 * @module
 */

import type { NotificationType } from '@omnikit/contracts';
import type { AttemptOutcome, DeliveryState } from '@omnikit/contracts/control';
import type Database from 'better-sqlite3';
import type { Transactor } from '../engine/ports.js';
import { type CallOpening, OutboxIndex } from '../notify/outbox-index.js';
import type {
  AttemptRecord,
  ClaimQuery,
  Completion,
  DeliveryFilter,
  NewOutboxRow,
  OutboxPort,
  OutboxRow,
} from '../notify/outbox-port.js';
import { pendingWritesOf, prepareUnguarded } from './pending-writes.js';

export interface OutboxRepositoryOptions {
  /**
   * A row was left pending for a retry at `at` (system clock ms), inside `complete`'s transaction:
   * the mock sets a durable timer there, so the retry falls due on the system's clock.
   */
  onRetryScheduled?: (systemId: number, at: number, id: string) => void;
  /**
   * The store's transactions when writes are committed in groups: while a group waits for its
   * COMMIT the index does not read new rows; it calls `onCommitted` once the group has landed.
   */
  transactor?: Pick<Transactor, 'pending' | 'durable'>;
  onCommitted?: () => void;
}

interface Row {
  seq: number;
  id: string;
  systemId: number;
  callId: number | null;
  type: string;
  body: string;
  state: string;
  attempts: number;
  round: number;
  nextAttemptAt: number;
  firstAttemptAt: number | null;
  createdAt: number;
}

interface AttemptRow {
  notificationId: string;
  round: number;
  attempt: number;
  outcome: string;
  url: string;
  status: number | null;
  error: string | null;
  responseBody: string;
  durationMs: number;
  sentAt: number;
  virtualAt: number;
}

const ROW = `seq, id, system_id AS systemId, call_id AS callId, type, body, state, attempts, round,
  next_attempt_at AS nextAttemptAt, first_attempt_at AS firstAttemptAt, created_at AS createdAt`;

/** What the index keeps of a row (no body). */
type IndexRow = Pick<Row, 'seq' | 'id' | 'systemId' | 'callId' | 'nextAttemptAt' | 'createdAt' | 'state'>;
const INDEXED =
  'seq, id, system_id AS systemId, call_id AS callId, next_attempt_at AS nextAttemptAt, created_at AS createdAt, state';

/** Rows per multi-row INSERT of held-back rows, largest first (each size a statement prepared once). */
const BATCH_SIZES = [64, 16, 4, 1];

interface HeldMark {
  length: number;
  written: number;
  base: number | undefined;
}

const toRow = (r: Row): OutboxRow => ({
  ...r,
  type: r.type as NotificationType,
  state: r.state as DeliveryState,
});

export function createOutboxRepository(sqlite: Database.Database, options: OutboxRepositoryOptions = {}): OutboxPort {
  const s = {
    insert: prepareUnguarded<[string, number, number | null, string, string, string, number, number]>(
      sqlite,
      `INSERT INTO outbox (id, system_id, call_id, type, body, state, attempts, round, next_attempt_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, 0, 0, ?, ?)`,
    ),
    get: prepareUnguarded<[string], Row>(sqlite, `SELECT ${ROW} FROM outbox WHERE id = ?`),
    systemOf: prepareUnguarded<[string], { systemId: number }>(
      sqlite,
      'SELECT system_id AS systemId FROM outbox WHERE id = ?',
    ),
    // Only pending rows interest the index (on the partial index `outbox_pending`): the rows recorded
    // with no endpoint set, or filtered out, are never read back here.
    after: prepareUnguarded<[number], IndexRow>(
      sqlite,
      `SELECT ${INDEXED} FROM outbox WHERE seq > ? AND state = 'pending' ORDER BY seq`,
    ),
    pending: prepareUnguarded<[], IndexRow>(
      sqlite,
      `SELECT ${INDEXED} FROM outbox WHERE state = 'pending' ORDER BY seq`,
    ),
    maxSeq: prepareUnguarded<[], { seq: number | null }>(sqlite, 'SELECT MAX(seq) AS seq FROM outbox'),
    update: prepareUnguarded<[string, number, number, number | null, string]>(
      sqlite,
      `UPDATE outbox SET state = ?, attempts = ?, next_attempt_at = ?, first_attempt_at = ? WHERE id = ?`,
    ),
    requeue: prepareUnguarded<[number, string]>(
      sqlite,
      `UPDATE outbox SET state = 'pending', round = round + 1, attempts = 0, first_attempt_at = NULL,
       next_attempt_at = ? WHERE id = ? AND state <> 'pending'`,
    ),
    attempt: prepareUnguarded<[AttemptRow]>(
      sqlite,
      `INSERT INTO delivery_attempts (notification_id, round, attempt, outcome, url, status, error, response_body,
        duration_ms, sent_at, virtual_at)
       VALUES (@notificationId, @round, @attempt, @outcome, @url, @status, @error, @responseBody, @durationMs,
        @sentAt, @virtualAt)`,
    ),
    // A call's first two rows (on the index `outbox_call`): what `notifications=swapped` orders by.
    opening: prepareUnguarded<[number, number], { seq: number; state: string }>(
      sqlite,
      'SELECT seq, state FROM outbox WHERE system_id = ? AND call_id = ? ORDER BY seq LIMIT 2',
    ),
    attempts: prepareUnguarded<[string], AttemptRow>(
      sqlite,
      `SELECT notification_id AS notificationId, round, attempt, outcome, url, status, error,
        response_body AS responseBody, duration_ms AS durationMs, sent_at AS sentAt, virtual_at AS virtualAt
       FROM delivery_attempts WHERE notification_id = ? ORDER BY attempt_id`,
    ),
  };
  const listStatements = new Map<string, Database.Statement>();

  // Rows held back for the end of the open group-commit transaction. `rows[0, written)` are already in the table
  // (a read flushed them); they stay here until the transaction ends, so that a savepoint rolled back after that
  // flush, which undid their INSERT, has them written again. `base` is the last seq given out (undefined: read it
  // from the table when the next row is held back).
  let held: OutboxRow[] = [];
  let written = 0;
  let base: number | undefined;
  const lastSeq = prepareUnguarded<[], number | null>(
    sqlite,
    `SELECT MAX(n) FROM (SELECT seq AS n FROM sqlite_sequence WHERE name = 'outbox' UNION ALL SELECT MAX(seq) FROM outbox)`,
  ).pluck();
  const batchInserts = new Map<number, Database.Statement>();
  const batchInsert = (size: number): Database.Statement => {
    let statement = batchInserts.get(size);
    if (!statement) {
      const values = Array.from({ length: size }, () => '(?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?)').join(', ');
      statement = prepareUnguarded(
        sqlite,
        `INSERT INTO outbox (seq, id, system_id, call_id, type, body, state, attempts, round, next_attempt_at,
         created_at) VALUES ${values}`,
      );
      batchInserts.set(size, statement);
    }
    return statement;
  };
  function writeHeld(): void {
    while (written < held.length) {
      const left = held.length - written;
      const size = BATCH_SIZES.find((b) => b <= left) ?? 1;
      const params: unknown[] = [];
      for (let i = written; i < written + size; i++) {
        const r = held[i] as OutboxRow;
        params.push(r.seq, r.id, r.systemId, r.callId, r.type, r.body, r.state, r.nextAttemptAt, r.createdAt);
      }
      batchInsert(size).run(params);
      written += size;
    }
    base = undefined;
  }
  pendingWritesOf(sqlite).register({
    tables: ['outbox'],
    mark: (): HeldMark => ({ length: held.length, written, base }),
    undo(mark) {
      const m = mark as HeldMark;
      held.length = Math.min(held.length, m.length);
      written = Math.min(written, m.written);
      base = m.base;
    },
    flush: writeHeld,
    settle() {
      held = [];
      written = 0;
      base = undefined;
    },
  });
  /** Whether an insert is held back: only inside the group commit's open transaction, which writes it before COMMIT. */
  const holding = (): boolean => options.transactor?.pending() === true && sqlite.inTransaction;

  const index = new OutboxIndex<IndexRow>();
  let watermark = 0;

  let awaitingCommit = false;
  /** Learns the rows committed since the last look (never inside a transaction: those may roll back). */
  function refresh(): void {
    const { transactor } = options;
    if (sqlite.inTransaction || transactor?.pending()) {
      if (transactor && !awaitingCommit) {
        awaitingCommit = true;
        const landed = () => {
          awaitingCommit = false;
          options.onCommitted?.();
        };
        transactor.durable().then(landed, landed);
      }
      return;
    }
    for (const r of s.after.all(watermark)) index.track(r);
    watermark = s.maxSeq.get()?.seq ?? watermark;
  }

  // Start: every pending row (those in flight at a crash included) is due again.
  for (const r of s.pending.all()) index.track(r);
  watermark = s.maxSeq.get()?.seq ?? 0;

  function opening(systemId: number, callId: number): CallOpening | undefined {
    writeHeld();
    const [first, second] = s.opening.all(systemId, callId);
    if (!first) return undefined;
    return {
      firstSeq: first.seq,
      second: second ? { seq: second.seq, state: second.state as DeliveryState } : undefined,
    };
  }

  /** Reads a candidate back: the row when it is still pending as indexed, else it leaves the index. */
  function confirm(e: IndexRow): OutboxRow | undefined {
    const r = s.get.get(e.id);
    if (r?.state !== 'pending') {
      index.untrack(e.id);
      return undefined;
    }
    return toRow(r);
  }

  return {
    insert(input: NewOutboxRow): OutboxRow {
      const nextAttemptAt = input.nextAttemptAt ?? input.createdAt;
      if (holding()) {
        base = (base ?? lastSeq.get() ?? 0) + 1;
        const row = freshRow(input, base, nextAttemptAt);
        held.push(row);
        return { ...row };
      }
      writeHeld();
      const info = s.insert.run(
        input.id,
        input.systemId,
        input.callId,
        input.type,
        input.body,
        input.state,
        nextAttemptAt,
        input.createdAt,
      );
      return freshRow(input, Number(info.lastInsertRowid), nextAttemptAt);
    },

    claimDue(query: ClaimQuery): OutboxRow[] {
      writeHeld();
      refresh();
      return index.claimDue(query, confirm, opening);
    },

    complete(completions: readonly Completion[]): void {
      writeHeld();
      const known = sqlite.transaction(() => {
        const found = new Set<string>();
        for (const { update, attempts } of completions) {
          // No row changed: its system was reset or deleted meanwhile. (The update itself tells, so
          // the row — its body included — is not read back for every delivery.)
          const changed = s.update.run(
            update.state,
            update.attempts,
            update.nextAttemptAt,
            update.firstAttemptAt,
            update.id,
          ).changes;
          if (changed === 0) continue;
          for (const a of attempts) s.attempt.run(a);
          found.add(update.id);
          if (update.state === 'pending') {
            const systemId = s.systemOf.get(update.id)?.systemId;
            if (systemId !== undefined) options.onRetryScheduled?.(systemId, update.nextAttemptAt, update.id);
          }
        }
        return found;
      })();
      // The index follows only what committed: a retry is due again; a row delivered, failed or no
      // longer in the table leaves it.
      for (const { update } of completions) {
        if (known.has(update.id) && update.state === 'pending') index.reschedule(update.id, update.nextAttemptAt);
        else index.untrack(update.id);
      }
    },

    release(ids: readonly string[]): void {
      for (const id of ids) index.release(id);
    },

    earliestDue(
      unordered: (systemId: number) => boolean,
      swapped?: (systemId: number) => boolean,
    ): Map<number, number> {
      refresh();
      return index.earliestDue(unordered, swapped, opening);
    },

    requeue(ids: readonly string[], at: number): void {
      writeHeld();
      for (const id of ids) {
        if (s.requeue.run(at, id).changes === 0) continue;
        const r = s.get.get(id);
        // The index keeps what it orders by, not the body.
        if (r)
          index.track({
            seq: r.seq,
            id,
            systemId: r.systemId,
            callId: r.callId,
            nextAttemptAt: r.nextAttemptAt,
            createdAt: r.createdAt,
            state: r.state,
          });
      }
    },

    get(id: string): OutboxRow | undefined {
      writeHeld();
      const r = s.get.get(id);
      return r ? toRow(r) : undefined;
    },

    list(filter: DeliveryFilter): { rows: OutboxRow[]; total: number } {
      writeHeld();
      const where = ['system_id = @systemId'];
      if (filter.callId !== undefined) where.push('call_id = @callId');
      if (filter.state !== undefined) where.push('state = @state');
      if (filter.type !== undefined) where.push('type = @type');
      const key = where.join(' AND ');
      let rows = listStatements.get(`rows:${key}`);
      let count = listStatements.get(`count:${key}`);
      if (!rows || !count) {
        rows = sqlite.prepare(`SELECT ${ROW} FROM outbox WHERE ${key} ORDER BY seq DESC LIMIT @limit`);
        count = sqlite.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE ${key}`);
        listStatements.set(`rows:${key}`, rows);
        listStatements.set(`count:${key}`, count);
      }
      const params: Record<string, unknown> = { systemId: filter.systemId };
      if (filter.callId !== undefined) params.callId = filter.callId;
      if (filter.state !== undefined) params.state = filter.state;
      if (filter.type !== undefined) params.type = filter.type;
      const limit = Math.min(filter.limit ?? 100, Number.MAX_SAFE_INTEGER);
      return {
        rows: (rows.all({ ...params, limit }) as Row[]).map(toRow),
        total: (count.get(params) as { n: number }).n,
      };
    },

    attempts(id: string): AttemptRecord[] {
      writeHeld();
      return s.attempts.all(id).map((a) => ({ ...a, outcome: a.outcome as AttemptOutcome }));
    },
  };
}

/** A row as it stands once inserted: never attempted, numbered `seq`. */
function freshRow(input: NewOutboxRow, seq: number, nextAttemptAt: number): OutboxRow {
  return {
    id: input.id,
    systemId: input.systemId,
    callId: input.callId,
    seq,
    type: input.type,
    body: input.body,
    state: input.state,
    attempts: 0,
    round: 0,
    nextAttemptAt,
    firstAttemptAt: null,
    createdAt: input.createdAt,
  };
}
