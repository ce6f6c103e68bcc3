import type Database from 'better-sqlite3';
import type { Transactor } from '../engine/ports.js';
import { pendingWritesOf } from './pending-writes.js';
import { writeEpochOf } from './write-epoch.js';

/**
 * Group commit. A command runs at once, synchronously, inside a SAVEPOINT of a transaction shared
 * by every command of the same event-loop turn; that transaction commits once, on `setImmediate`,
 * and only then are the commands' answers released (`durable()`). Under load, one COMMIT (the
 * dearest part of a small write) serves many requests; a lone request waits one turn.
 *
 * Each command keeps its own all-or-nothing: a command that throws rolls back to its savepoint and
 * the others still commit. Nothing is acknowledged before it is committed, so a crash loses no
 * answered write. Readers on the same connection may see a turn's writes just before they commit;
 * `mount-route` holds every answer until `durable()` while a turn is open, so nothing seen can
 * later vanish. Code that must not act on uncommitted rows (the outbox worker) checks `pending()`.
 * A command rolled back and a failed COMMIT move the connection's write epoch (store/write-epoch.ts),
 * so rows kept in memory beside the tables are read again. Rows a repository holds back for the end of the
 * transaction (store/pending-writes.ts: the outbox's) are written just before the COMMIT, in it.
 */
export interface GroupCommit extends Transactor {
  /** Resolves once every write made so far is committed (at once when none is pending). */
  durable(): Promise<void>;
  /** Whether a turn's transaction is open (writes not yet committed). */
  pending(): boolean;
  /** Commits now (before closing the database). */
  flush(): void;
}

/**
 * `onSettled` runs once a turn's transaction is over: committed, or (`committed` false) rolled back
 * after its COMMIT failed. The stores' read caches hear it (store/committed-cache.ts).
 */
export function createGroupCommit(
  sqlite: Database.Database,
  onSettled: (committed: boolean) => void = () => {},
): GroupCommit {
  // Inside an open transaction better-sqlite3 runs this as a savepoint: a throw undoes only it.
  const epoch = writeEpochOf(sqlite);
  const pendingWrites = pendingWritesOf(sqlite);
  const inSavepoint = sqlite.transaction((fn: () => unknown) => fn());
  const savepoint = (fn: () => unknown): unknown => {
    const marks = pendingWrites.mark();
    try {
      return inSavepoint(fn);
    } catch (error) {
      epoch.bump();
      pendingWrites.undo(marks);
      throw error;
    }
  };
  // Prepared once: `exec` would parse the statement again on every turn.
  const begin = sqlite.prepare('BEGIN IMMEDIATE');
  const commit = sqlite.prepare('COMMIT');
  const rollback = sqlite.prepare('ROLLBACK');
  let open = false;
  let waiters: { resolve: () => void; reject: (e: unknown) => void }[] = [];

  const flush = (): void => {
    if (!open) return;
    open = false;
    const settled = waiters;
    waiters = [];
    try {
      pendingWrites.flush();
      commit.run();
    } catch (error) {
      epoch.bump();
      if (sqlite.inTransaction) rollback.run();
      pendingWrites.settle();
      onSettled(false);
      for (const w of settled) w.reject(error);
      return;
    }
    pendingWrites.settle();
    onSettled(true);
    for (const w of settled) w.resolve();
  };

  return {
    run<T>(fn: () => T): T {
      if (!open) {
        if (sqlite.inTransaction) return savepoint(fn) as T;
        begin.run();
        pendingWrites.begin();
        open = true;
        setImmediate(flush);
      }
      return savepoint(fn) as T;
    },
    durable: () =>
      open ? new Promise<void>((resolve, reject) => waiters.push({ resolve, reject })) : Promise.resolve(),
    pending: () => open,
    flush,
  };
}
