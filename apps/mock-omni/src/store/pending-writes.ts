/**
 * Writes held back until the end of the open group-commit transaction, per connection. A repository that buffers
 * rows (the outbox: one row per notification, written as multi-row INSERTs) registers here; its rows are written
 * before the COMMIT that makes them durable (store/group-commit.ts), before any read of its table in the same
 * transaction (its own reads, and `flush()` from the few other modules that read or delete those rows), and a
 * rolled-back savepoint takes back what it buffered: every transaction function of the connection notes a mark
 * when it starts and, when it throws, undoes the buffers to that mark (store/write-epoch.ts `trackRollbacks`).
 * What is committed and when is unchanged: the rows land in the same transaction as before, only later in it.
 *
 * @module
 */

import type Database from 'better-sqlite3';

/** A buffer of writes one repository holds back. */
export interface DeferredWrites {
  /** Where the buffer stands now (taken when a savepoint starts). */
  mark(): unknown;
  /** The savepoint taken at `mark` rolled back: forget what was buffered since, rewrite what it undid. */
  undo(mark: unknown): void;
  /** Writes everything buffered (inside the open transaction). */
  flush(): void;
  /** The transaction is over (committed or rolled back): nothing buffered is left to write. */
  settle(): void;
}

export interface PendingWrites {
  register(writes: DeferredWrites): void;
  /** The group commit opened its transaction: it flushes every buffer before its COMMIT, then settles them. */
  begin(): void;
  /** Whether the group commit's transaction is open (a write may be held back until its COMMIT). */
  active(): boolean;
  /** Marks of every buffer (undefined when none is registered: nothing to undo). */
  mark(): unknown[] | undefined;
  undo(marks: unknown[] | undefined): void;
  flush(): void;
  settle(): void;
}

const registries = new WeakMap<Database.Database, PendingWrites>();

/** The connection's registry, made on first use. */
export function pendingWritesOf(sqlite: Database.Database): PendingWrites {
  let registry = registries.get(sqlite);
  if (!registry) {
    const buffers: DeferredWrites[] = [];
    let open = false;
    registry = {
      register: (writes) => {
        buffers.push(writes);
      },
      begin: () => {
        open = true;
      },
      active: () => open,
      mark: () => (buffers.length === 0 ? undefined : buffers.map((b) => b.mark())),
      undo: (marks) => {
        if (!marks) return;
        for (let i = 0; i < marks.length; i++) buffers[i]?.undo(marks[i]);
      },
      flush: () => {
        for (const b of buffers) b.flush();
      },
      settle: () => {
        open = false;
        for (const b of buffers) b.settle();
      },
    };
    registries.set(sqlite, registry);
  }
  return registry;
}
