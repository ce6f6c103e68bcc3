/**
 * Row writes coalesced until the end of the open group-commit transaction, per connection: a row saved many times in
 * one turn (a campaign's runtime, at every step of the dialler) is written once, with its last values, just before the
 * COMMIT (store/pending-writes.ts). Each write is held under its row's key and replaces the one held there. Whoever
 * reads such a row from its table calls `flush()` first; a savepoint that rolls back restores what was held when it
 * began (so the saves of earlier commands, even if a flush inside it wrote them and its rollback undid that, are
 * written). Outside a group-commit turn `holding()` is false and the caller writes at once.
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

const registries = new WeakMap<Database.Database, CoalescedWrites>();

export function coalescedWritesOf(sqlite: Database.Database): CoalescedWrites {
  let writes = registries.get(sqlite);
  if (!writes) {
    const pending = pendingWritesOf(sqlite);
    let held = new Map<string, () => void>();
    const flush = (): void => {
      if (held.size === 0) return;
      const now = held;
      held = new Map();
      for (const write of now.values()) write();
    };
    pending.register({
      // The map is replaced, never changed in place, by a flush; a copy keeps the mark's entries.
      mark: () => (held.size === 0 ? undefined : new Map(held)),
      undo: (mark) => {
        held = (mark as Map<string, () => void> | undefined) ?? new Map();
      },
      flush,
      settle: () => {
        held = new Map();
      },
    });
    writes = {
      holding: () => pending.active() && sqlite.inTransaction,
      hold: (key, write) => {
        held.set(key, write);
      },
      flush,
    };
    registries.set(sqlite, writes);
  }
  return writes;
}
