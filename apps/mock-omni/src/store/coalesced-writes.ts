/**
 * Row writes coalesced until the end of the open group-commit transaction, per connection and table: a row saved many
 * times in one turn (a campaign's runtime, at every step of the dialler) is written once, with its last values, just
 * before the COMMIT (store/pending-writes.ts). Each write is held under its row's key and replaces the one held there.
 * A statement that names the table writes them first (the read barrier), as does `flush()`; a savepoint that rolls
 * back restores what was held when it began (so the saves of earlier commands, even if a flush inside it wrote them
 * and its rollback undid that, are written). Outside a group-commit turn `holding()` is false and the caller writes at
 * once.
 *
 * @module
 */

import type Database from 'better-sqlite3';
import { pendingWritesOf } from './pending-writes.js';

export interface CoalescedWrites {
  /** Whether a write may be held now (the group commit's transaction is open and will flush it). */
  holding(): boolean;
  /** Holds `write` (which writes the row's latest values) under the row's `key`, in place of the one held there. */
  hold(key: string, write: () => void): void;
  /** Writes every held row now (inside the open transaction). */
  flush(): void;
}

const registries = new WeakMap<Database.Database, Map<string, CoalescedWrites>>();

/** The connection's coalesced writes to `table`, made on first use. */
export function coalescedWritesOf(sqlite: Database.Database, table: string): CoalescedWrites {
  let tables = registries.get(sqlite);
  if (!tables) {
    tables = new Map();
    registries.set(sqlite, tables);
  }
  let writes = tables.get(table);
  if (!writes) {
    const pending = pendingWritesOf(sqlite);
    let held = new Map<string, () => void>();
    /**
     * What the turn did to `held`, in order, so that a savepoint's rollback can be undone in O(its own writes): a hold
     * (with what it replaced) or a flush (with what it wrote, which the rollback of the flush's savepoint also undid).
     * The mark of a savepoint is the journal's length.
     */
    let journal: ({ key: string; replaced: (() => void) | undefined } | { flushed: Map<string, () => void> })[] = [];
    const flush = (): void => {
      if (held.size === 0) return;
      const now = held;
      held = new Map();
      journal.push({ flushed: now });
      for (const write of now.values()) write();
    };
    pending.register({
      tables: [table],
      mark: () => journal.length,
      undo: (mark) => {
        const to = mark as number;
        while (journal.length > to) {
          const step = journal.pop() as (typeof journal)[number];
          if ('flushed' in step) {
            // Every hold made after this flush is undone already: what is held is what the flush found.
            held = step.flushed;
          } else if (step.replaced) held.set(step.key, step.replaced);
          else held.delete(step.key);
        }
      },
      flush,
      settle: () => {
        held = new Map();
        journal = [];
      },
    });
    writes = {
      holding: () => pending.active() && sqlite.inTransaction,
      hold: (key, write) => {
        journal.push({ key, replaced: held.get(key) });
        held.set(key, write);
      },
      flush,
    };
    tables.set(table, writes);
  }
  return writes;
}
