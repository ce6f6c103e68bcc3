/**
 * Row writes coalesced until the end of the open group-commit transaction, per connection and table: a row saved many
 * times in one turn (a campaign's runtime, at every step of the dialler) is written once, with its last values, just
 * before the COMMIT (store/pending-writes.ts). Each write is held under its row's key and replaces the one held there.
 * A statement that names the table writes them first (the read barrier), as does `flush()`; a savepoint that rolls
 * back restores what was held when it began (so the saves of earlier commands, even if a flush inside it wrote them
 * and its rollback undid that, are written). Outside a group-commit turn `holding()` is false and the caller writes at
 * once. The rows are held in `store/held-rows.ts` (its journal undoes a rolled-back savepoint), each value the
 * function that writes the row.
 *
 * @module
 */

import type Database from 'better-sqlite3';
import { createHeldRows } from './held-rows.js';

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
    writes = createHeldRows<() => void>(sqlite, [table], (write) => write());
    tables.set(table, writes);
  }
  return writes;
}
