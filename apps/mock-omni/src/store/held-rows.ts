/**
 * Rows held as data until the end of the open group-commit transaction (store/pending-writes.ts), per key: a
 * repository that must know what it holds for a row — to merge a partial write into it, to answer a read from it, to
 * know whether the row is in its table yet — keeps the row's latest state here and writes it once, in the flush, with
 * `write`. Like coalesced writes (store/coalesced-writes.ts), a savepoint that rolls back restores what was held when
 * it began, holds and flushes inside it undone from a journal in O(its own steps); the transaction's end forgets the
 * rest. The statements `write` runs are the repository's own, prepared unguarded.
 *
 * @module
 */

import type Database from 'better-sqlite3';
import { pendingWritesOf } from './pending-writes.js';

export interface HeldRows<V> {
  /** Whether a row may be held now (the group commit's transaction is open and will flush it). */
  holding(): boolean;
  /** What is held for `key`, if anything. */
  get(key: string): V | undefined;
  /** Holds `value` for `key`, in place of what was held there. */
  hold(key: string, value: V): void;
  /** Writes the row held for `key` now, if any (inside the open transaction). */
  flushOne(key: string): void;
  /** Writes every held row now. */
  flush(): void;
}

type Step<V> = { key: string; replaced: V | undefined } | { flushed: Map<string, V> };

/**
 * Registers a buffer of rows for `tables` with the connection's pending writes; `write` writes one held value. Buffers
 * are flushed in the order they were made.
 */
export function createHeldRows<V>(
  sqlite: Database.Database,
  tables: readonly string[],
  write: (value: V) => void,
): HeldRows<V> {
  const pending = pendingWritesOf(sqlite);
  let held = new Map<string, V>();
  let journal: Step<V>[] = [];
  const writeAll = (rows: Map<string, V>): void => {
    // Noted before writing: a rolled-back savepoint that undid these writes holds them again.
    journal.push({ flushed: rows });
    for (const value of rows.values()) write(value);
  };
  const flush = (): void => {
    if (held.size === 0) return;
    const now = held;
    held = new Map();
    writeAll(now);
  };
  pending.register({
    tables,
    mark: () => journal.length,
    undo: (mark) => {
      const to = mark as number;
      while (journal.length > to) {
        const step = journal.pop() as Step<V>;
        // Every step after this one is undone already: a flushed row is held again, a hold gives back what it replaced.
        if ('flushed' in step) for (const [key, value] of step.flushed) held.set(key, value);
        else if (step.replaced === undefined) held.delete(step.key);
        else held.set(step.key, step.replaced);
      }
    },
    flush,
    settle: () => {
      held = new Map();
      journal = [];
    },
  });
  return {
    holding: () => pending.active() && sqlite.inTransaction,
    get: (key) => held.get(key),
    hold: (key, value) => {
      journal.push({ key, replaced: held.get(key) });
      held.set(key, value);
    },
    flushOne: (key) => {
      const value = held.get(key);
      if (value === undefined) return;
      held.delete(key);
      writeAll(new Map([[key, value]]));
    },
    flush,
  };
}
