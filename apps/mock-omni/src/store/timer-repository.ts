import type Database from 'better-sqlite3';
import type { TimerRecord, TimerStore } from '../engine/ports.js';
import { pendingWritesOf, prepareUnguarded } from './pending-writes.js';
import { TimerIndex } from './timer-index.js';
import { writeEpochOf } from './write-epoch.js';

interface Row {
  timerId: number;
  systemId: number;
  dueAt: number;
  kind: string;
  ref: string;
  payload: string;
}

/** What a turn did to the held changes, so that a rolled-back savepoint can be taken back (see `undo`). */
type Step =
  | { set: number }
  | { unset: TimerRecord }
  | { dropped: number }
  | { flushed: { inserted: Map<number, TimerRecord>; deleted: Set<number> } };

/** Rows per statement when a turn's changes are written (largest first). */
const BATCH_SIZES = [64, 16, 4, 1];

const COLUMNS = 'timer_id AS timerId, system_id AS systemId, due_at AS dueAt, kind, ref, payload';

/**
 * Timers kept in memory, each system's in the order they run (store/timer-index.ts), filled from the table on the
 * system's first use; every method answers from memory. During a group-commit turn the table gets only the turn's net
 * change, at its COMMIT (store/pending-writes.ts): a timer set and run (or cancelled) in the same turn, as most ring,
 * answer and wrap-up timers are, is never written; one from an earlier turn that runs is one DELETE. Outside a turn
 * (start-up, tests) every change is written at once.
 *
 * Ids are given out here, above every id the table has or had (its highest row and `sqlite_sequence`: the column is
 * AUTOINCREMENT), and the highest given is recorded in `sqlite_sequence` with the turn's changes, so an id is not
 * given again after a restart even when its timer never reached the table.
 *
 * The table plus what is still held is the truth: once the connection's write epoch moves (a savepoint or a COMMIT
 * failed, a system was wiped or deleted) memory is dropped and each system is read again on its next use; a
 * rolled-back savepoint first takes back what it held.
 */
export function createTimerRepository(sqlite: Database.Database): TimerStore {
  const pending = pendingWritesOf(sqlite);
  const epoch = writeEpochOf(sqlite);
  // The repository's own statements: they write or read rows it holds itself, so they must not flush every buffer.
  const insertRow = prepareUnguarded<[number, number, number, string, string, string]>(
    sqlite,
    'INSERT INTO timers (timer_id, system_id, due_at, kind, ref, payload) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const deleteRow = prepareUnguarded<[number]>(sqlite, 'DELETE FROM timers WHERE timer_id = ?');
  const rowsOf = prepareUnguarded<[number], Row>(
    sqlite,
    `SELECT ${COLUMNS} FROM timers WHERE system_id = ? ORDER BY due_at, timer_id`,
  );
  const systemOf = prepareUnguarded<[number], { systemId: number }>(
    sqlite,
    'SELECT system_id AS systemId FROM timers WHERE timer_id = ?',
  );
  const tableSystems = prepareUnguarded<[], { id: number }>(
    sqlite,
    'SELECT DISTINCT system_id AS id FROM timers ORDER BY system_id',
  );
  // The systems table is never held: a plain read.
  const systemExists = prepareUnguarded<[number], { one: number }>(
    sqlite,
    'SELECT 1 AS one FROM systems WHERE system_id = ?',
  );
  const highestInTable = prepareUnguarded<[], { n: number }>(
    sqlite,
    'SELECT coalesce(max(timer_id), 0) AS n FROM timers',
  );
  const recordedSeq = prepareUnguarded<[], { n: number }>(
    sqlite,
    "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'timers'), 0) AS n",
  );
  const raiseSeq = prepareUnguarded<[number]>(
    sqlite,
    "UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'timers'",
  );
  const addSeq = prepareUnguarded<[number]>(sqlite, "INSERT INTO sqlite_sequence (name, seq) VALUES ('timers', ?)");

  // Memory, valid while the epoch stays at `filledAt`.
  let filledAt = Number.NaN;
  let systems = new Map<number, TimerIndex>();
  /** Systems known to exist at this epoch (a system's deletion moves it). */
  let existing = new Set<number>();
  /** The last id given out, and the one `sqlite_sequence` holds as far as this turn's writes go. */
  let lastId = 0;
  let recorded = 0;

  // Held changes: timers set this turn and not written, and ids deleted this turn that are still rows.
  let inserted = new Map<number, TimerRecord>();
  let deleted = new Set<number>();
  let journal: Step[] = [];

  const writeInsert = (t: TimerRecord): void => {
    insertRow.run(t.timerId, t.systemId, t.dueAt, t.kind, t.ref, JSON.stringify(t.payload));
  };
  const recordIds = (): void => {
    if (lastId <= recorded) return;
    if (raiseSeq.run(lastId).changes === 0) addSeq.run(lastId);
    recorded = lastId;
  };
  // A turn's changes are written a batch at a time, in a few fixed sizes (a statement each, prepared on first use).
  const batches = new Map<string, Database.Statement>();
  const batch = (kind: 'insert' | 'delete', size: number): Database.Statement => {
    let statement = batches.get(`${kind}${size}`);
    if (!statement) {
      statement =
        kind === 'insert'
          ? prepareUnguarded(
              sqlite,
              `INSERT INTO timers (timer_id, system_id, due_at, kind, ref, payload) VALUES ${Array.from({ length: size }, () => '(?, ?, ?, ?, ?, ?)').join(', ')}`,
            )
          : prepareUnguarded(
              sqlite,
              `DELETE FROM timers WHERE timer_id IN (${Array.from({ length: size }, () => '?').join(', ')})`,
            );
      batches.set(`${kind}${size}`, statement);
    }
    return statement;
  };
  const writeBatched = <T>(kind: 'insert' | 'delete', items: T[], params: (item: T, into: unknown[]) => void): void => {
    for (let at = 0; at < items.length; ) {
      const size = BATCH_SIZES.find((b) => b <= items.length - at) ?? 1;
      const values: unknown[] = [];
      for (let i = at; i < at + size; i++) params(items[i] as T, values);
      batch(kind, size).run(values);
      at += size;
    }
  };
  const flush = (): void => {
    if (inserted.size === 0 && deleted.size === 0 && lastId <= recorded) return;
    const step = { inserted, deleted };
    inserted = new Map();
    deleted = new Set();
    journal.push({ flushed: step });
    writeBatched('delete', [...step.deleted], (id, into) => into.push(id));
    writeBatched('insert', [...step.inserted.values()], (t, into) =>
      into.push(t.timerId, t.systemId, t.dueAt, t.kind, t.ref, JSON.stringify(t.payload)),
    );
    recordIds();
  };
  pending.register({
    tables: ['timers'],
    mark: () => journal.length,
    undo: (mark) => {
      const to = mark as number;
      while (journal.length > to) {
        const step = journal.pop() as Step;
        if ('set' in step) inserted.delete(step.set);
        else if ('unset' in step) inserted.set(step.unset.timerId, step.unset);
        else if ('dropped' in step) deleted.delete(step.dropped);
        // Every change held after this flush is taken back already: what is held is what the flush wrote (and the
        // rollback unwrote).
        else ({ inserted, deleted } = step.flushed);
      }
      // The memory is rebuilt from the table and what is held (the epoch moved with the rollback).
    },
    flush,
    settle: () => {
      inserted = new Map();
      deleted = new Set();
      journal = [];
    },
  });

  const holding = (): boolean => pending.active() && sqlite.inTransaction;

  /** Memory is current (dropped, and the ids read again, if the epoch moved). */
  const current = (): void => {
    if (filledAt === epoch.value) return;
    filledAt = epoch.value;
    systems = new Map();
    existing = new Set();
    recorded = recordedSeq.get()?.n ?? 0;
    lastId = Math.max(lastId, recorded, highestInTable.get()?.n ?? 0);
  };

  const indexOf = (systemId: number): TimerIndex => {
    current();
    let index = systems.get(systemId);
    if (!index) {
      index = new TimerIndex();
      for (const r of rowsOf.all(systemId)) {
        if (!deleted.has(r.timerId)) index.add({ ...r, payload: JSON.parse(r.payload) as unknown });
      }
      for (const t of inserted.values()) if (t.systemId === systemId) index.add(t);
      systems.set(systemId, index);
    }
    return index;
  };

  const take = (index: TimerIndex, timerId: number): TimerRecord | undefined => {
    const timer = index.remove(timerId);
    if (!timer) return undefined;
    if (!holding()) deleteRow.run(timerId);
    else if (inserted.delete(timerId)) journal.push({ unset: timer });
    else {
      deleted.add(timerId);
      journal.push({ dropped: timerId });
    }
    return timer;
  };

  return {
    insert(t) {
      const index = indexOf(t.systemId);
      // A held row's foreign key is checked only at the COMMIT, where it would fail the whole turn: a timer of a
      // system that is gone fails its own command now, as the INSERT did.
      if (!existing.has(t.systemId)) {
        if (!systemExists.get(t.systemId)) throw new Error(`no system ${t.systemId} to set a timer in`);
        existing.add(t.systemId);
      }
      const timer: TimerRecord = {
        timerId: ++lastId,
        systemId: t.systemId,
        dueAt: t.dueAt,
        kind: t.kind,
        ref: t.ref,
        payload: t.payload ?? null,
      };
      index.add(timer);
      if (holding()) {
        inserted.set(timer.timerId, timer);
        journal.push({ set: timer.timerId });
      } else {
        writeInsert(timer);
        recordIds();
      }
      return timer.timerId;
    },
    takeNextDue(systemId, upTo) {
      const index = indexOf(systemId);
      const first = index.first();
      if (!first || first.dueAt > upTo) return undefined;
      take(index, first.timerId);
      return { ...first };
    },
    earliest(systemId) {
      const first = indexOf(systemId).first();
      return first ? { ...first } : undefined;
    },
    delete(timerId) {
      current();
      for (const index of systems.values()) if (index.get(timerId)) return take(index, timerId) !== undefined;
      // Not in a system read since the epoch moved: held, or a row of the table (unless its deletion is held).
      const systemId =
        inserted.get(timerId)?.systemId ?? (deleted.has(timerId) ? undefined : systemOf.get(timerId)?.systemId);
      return systemId === undefined ? false : take(indexOf(systemId), timerId) !== undefined;
    },
    cancel(systemId, kind, ref) {
      const index = indexOf(systemId);
      let n = 0;
      for (const id of index.withRef(kind, ref)) if (take(index, id)) n++;
      return n;
    },
    count: (systemId) => indexOf(systemId).size,
    systemsWithTimers() {
      current();
      // Every system with a row or a held timer is read (the caller arms each one's earliest next anyway).
      const ids = new Set<number>(systems.keys());
      for (const { id } of tableSystems.all()) ids.add(id);
      for (const t of inserted.values()) ids.add(t.systemId);
      return [...ids].filter((id) => indexOf(id).size > 0).sort((a, b) => a - b);
    },
  };
}
