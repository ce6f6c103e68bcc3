/**
 * The `leads` rows a connection's repositories have read or written, kept in memory, and their writes held until the
 * turn's COMMIT (store/coalesced-writes.ts): a lead that is dialled, answered and disposed of in one turn is written
 * once, with its last values, and its next read costs no SQL. Both writers of a lead's row go through here — the
 * directory's (`lead-repository.ts`: any column) and the dialler's (`dialler-lead-repository.ts`: the outcome
 * columns) — so memory never disagrees with the row plus what is held for it. Memory goes when the connection's write
 * epoch moves (a rollback, a failed COMMIT, a system wiped); a read it misses of a row held in the turn, or a write it
 * does not hold, first writes the held lead rows (only those), so nothing older lands over it. Statements that name `leads` elsewhere (drizzle reads of HTTP handlers, the list
 * pages) see held rows through the read barrier.
 *
 * A held write's `status` is never `DNC`, nor replaces one: the dialler's DNC check reads `leads` without the barrier
 * (it runs at every dial), so a change into or out of `DNC` is written at once.
 *
 * @module
 */

import type Database from 'better-sqlite3';
import { getTableColumns } from 'drizzle-orm';
import { coalescedWritesOf } from './coalesced-writes.js';
import { EpochMemory } from './epoch-memory.js';
import { pendingWritesOf, prepareUnguarded } from './pending-writes.js';
import { leads } from './schema/index.js';
import { type WriteEpoch, writeEpochOf } from './write-epoch.js';

export type LeadRow = typeof leads.$inferSelect;

/** Leads kept in memory at most: beyond, it starts again (a day's dialler works through its leads once or twice). */
const LIMIT = 8_192;

export interface LeadRows {
  /** The lead's row: from memory, or read (held lead rows written first). Frozen: a writer passes a new row. */
  get(systemId: number, leadId: number): Readonly<LeadRow> | undefined;
  /**
   * The lead's row changes to `row` (the row must exist). When only the outcome columns differ from memory (`status`,
   * `attempts`, `last_call_id`, `last_call_at`, `callback_at`, `updated_at`: a dial, a disposition), only those are
   * written, the cheaper write. Held until the COMMIT while a group-commit turn is open; written at once otherwise.
   * Returns whether the row exists.
   */
  save(row: LeadRow): boolean;
  /** The system's rows changed in a way memory does not follow (a lead deleted, archived, restored). */
  drop(systemId: number, leadId?: number): void;
  /** Leads were added to the system (inserted, restored from the archive). */
  added(systemId: number): void;
  /** Moves whenever leads are added to the system: the dialler adopts new leads only after it has moved. */
  additions(systemId: number): number;
}

const OUTCOME_COLUMNS = ['status', 'attempts', 'lastCallId', 'lastCallAt', 'callbackAt', 'updatedAt'] as const;
const OUTCOME = new Set<keyof LeadRow>(OUTCOME_COLUMNS);

function createLeadRows(sqlite: Database.Database, epoch: WriteEpoch): LeadRows {
  const columns = getTableColumns(leads);
  const keys = Object.keys(columns) as (keyof LeadRow)[];
  const valueKeys = keys.filter((k) => k !== 'systemId' && k !== 'leadId');
  const name = (k: keyof LeadRow) => `"${columns[k].name}"`;
  // Its own reads and writes: the held lead rows are written first where it matters (`get`), by itself.
  const select = prepareUnguarded<[number, number], LeadRow>(
    sqlite,
    `SELECT ${keys.map((k) => `${name(k)} AS "${k}"`).join(', ')} FROM leads WHERE system_id = ? AND lead_id = ?`,
  );
  const writeAll = prepareUnguarded<unknown[]>(
    sqlite,
    `UPDATE leads SET ${valueKeys.map((k) => `${name(k)} = ?`).join(', ')} WHERE system_id = ? AND lead_id = ?`,
  );
  const writeOutcome = prepareUnguarded<unknown[]>(
    sqlite,
    `UPDATE leads SET ${OUTCOME_COLUMNS.map((k) => `${name(k)} = ?`).join(', ')} WHERE system_id = ? AND lead_id = ?`,
  );
  const otherKeys = valueKeys.filter((k) => !OUTCOME.has(k));
  /** Whether `row` differs from `known` beyond the outcome columns. */
  const widens = (row: LeadRow, known: Readonly<LeadRow>) => otherKeys.some((k) => row[k] !== known[k]);
  const write = (row: LeadRow, full: boolean): boolean =>
    (full
      ? writeAll.run(...valueKeys.map((k) => row[k]), row.systemId, row.leadId)
      : writeOutcome.run(...OUTCOME_COLUMNS.map((k) => row[k]), row.systemId, row.leadId)
    ).changes === 1;

  const held = coalescedWritesOf(sqlite, 'leads');
  /**
   * The rows held in this turn (some may have been written since), each with whether a write of every column was: a
   * later outcome write of the row, which replaces the held one, writes every column too. A read that memory misses
   * writes the held lead rows first only when its row is here. Over-counting only costs a wider write or an early
   * one; the turn's end clears it.
   */
  const heldThisTurn = new Map<string, boolean>();
  pendingWritesOf(sqlite).register({
    tables: [],
    mark: () => undefined,
    undo: () => {},
    flush: () => {},
    settle: () => heldThisTurn.clear(),
  });

  const rows = new EpochMemory<Readonly<LeadRow>>(epoch, LIMIT);
  const additions = new Map<number, number>();
  const keep = (key: string, row: LeadRow): Readonly<LeadRow> => rows.set(key, Object.freeze({ ...row }));

  return {
    get(systemId, leadId) {
      const key = `${systemId}/${leadId}`;
      const known = rows.get(key);
      if (known) return known;
      if (heldThisTurn.has(key)) held.flush();
      const row = select.get(systemId, leadId);
      return row ? keep(key, row) : undefined;
    },
    save(row) {
      const key = `${row.systemId}/${row.leadId}`;
      const known = rows.get(key);
      // Held only over a row memory follows (so nothing older is held for it) and away from DNC (see above).
      if (!known || !held.holding() || row.status === 'DNC' || known.status === 'DNC') {
        if (heldThisTurn.has(key)) held.flush();
        if (!write(row, !known || widens(row, known))) {
          rows.delete(key);
          return false;
        }
        keep(key, row);
        return true;
      }
      const wide = heldThisTurn.get(key) === true || widens(row, known);
      heldThisTurn.set(key, wide);
      const kept = keep(key, row);
      held.hold(key, () => write(kept, wide));
      return true;
    },
    added(systemId) {
      additions.set(systemId, (additions.get(systemId) ?? 0) + 1);
    },
    additions: (systemId) => additions.get(systemId) ?? 0,
    drop(systemId, leadId) {
      if (leadId !== undefined) {
        rows.delete(`${systemId}/${leadId}`);
        return;
      }
      const prefix = `${systemId}/`;
      for (const key of rows.keys()) if (key.startsWith(prefix)) rows.delete(key);
    },
  };
}

const connections = new WeakMap<Database.Database, LeadRows>();

/** The connection's one memory of lead rows (the directory's and the dialler's repositories share it). */
export function leadRowsOf(sqlite: Database.Database): LeadRows {
  let rows = connections.get(sqlite);
  if (!rows) {
    rows = createLeadRows(sqlite, writeEpochOf(sqlite));
    connections.set(sqlite, rows);
  }
  return rows;
}
