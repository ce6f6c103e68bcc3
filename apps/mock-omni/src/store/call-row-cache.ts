/**
 * The `calls` rows of a connection: every write to one goes through here (the call repository writes a whole
 * `StoredCall`; the dialler's store only a record's columns), and within a group-commit turn each row is held until the
 * turn's COMMIT and written once, with its last values (store/held-rows.ts): a call inserted and updated in one turn
 * is one INSERT; a record's columns written over a call known whole merge into it. The calls just written or read are
 * also kept in memory, so that the next step of a call does not read back (and parse) the row it wrote a moment ago.
 *
 * What a read sees is the table with the held rows written over it: a held call is answered from what is held, a call
 * whose record's columns alone are held is read from the table and merged; nothing here drops a held row (the cache
 * starts again past `LIMIT` calls, the held rows stay until they are written). Other readers (drizzle's, a report's)
 * name `calls`, so the read barrier writes the held rows before they run. The memory goes when the connection's write
 * epoch moves (a rollback, a wipe: store/write-epoch.ts); the held rows are undone with the savepoint that held them.
 * Entries are frozen: a call read here is the same object for every reader.
 *
 * @module
 */

import type Database from 'better-sqlite3';
import type { CallRecord } from '../engine/calls/call-record.js';
import type { StoredCall } from '../engine/calls/call-store.js';
import {
  CALL_COLUMNS,
  CALL_RECORD_PARAMETERS,
  CALL_ROW_PARAMETERS,
  type CallRow,
  callRecordOf,
  fromCallRow,
  newCallOf,
  runWithCallRecordRow,
  runWithCallRow,
  storedCallOf,
  withRecord,
} from './call-columns.js';
import { EpochMemory } from './epoch-memory.js';
import { createHeldRows, type HeldRows } from './held-rows.js';
import { prepareUnguarded } from './pending-writes.js';
import { type WriteEpoch, writeEpochOf } from './write-epoch.js';

const LIMIT = 4_096;

/**
 * A row held for the COMMIT: a whole call to insert (its row is not in the table) or to update (it is), or a record's
 * columns to upsert (whether the row is in the table is not known).
 */
type HeldCall =
  | { kind: 'insert' | 'update'; systemId: number; call: Readonly<StoredCall> }
  | { kind: 'record'; systemId: number; record: CallRecord };

const SELECT = `SELECT ${CALL_COLUMNS.map(([c, f]) => `${c} AS ${f}`).join(', ')} FROM calls`;

export class CallRowCache {
  private readonly rows: EpochMemory<Readonly<StoredCall>>;
  private readonly held: HeldRows<HeldCall>;
  // The writes of held rows and the reads that merge them: unguarded, so that they write no other buffer.
  private readonly insertRow: Database.Statement<unknown[]>;
  private readonly updateRow: Database.Statement<unknown[]>;
  private readonly upsertRecord: Database.Statement<unknown[]>;
  private readonly select: Database.Statement<[number, number], CallRow>;

  constructor(sqlite: Database.Database, writes: WriteEpoch) {
    // Starting again past LIMIT drops nothing held: a held call is answered from what is held.
    this.rows = new EpochMemory(writes, LIMIT);
    const column = new Map(CALL_COLUMNS.map(([c, f]) => [f, c]));
    const columnsOf = (fields: readonly string[]) => fields.map((f) => column.get(f as keyof CallRow) as string);
    const rowColumns = columnsOf(CALL_ROW_PARAMETERS);
    const recordColumns = columnsOf(CALL_RECORD_PARAMETERS);
    const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');
    // Each binds its parameters in the order runWithCallRow/runWithCallRecordRow pass them, the key last.
    this.insertRow = prepareUnguarded(
      sqlite,
      `INSERT INTO calls (${rowColumns.join(', ')}) VALUES (${marks(rowColumns.length)})`,
    );
    this.updateRow = prepareUnguarded(
      sqlite,
      `UPDATE calls SET ${rowColumns
        .slice(0, -2)
        .map((c) => `${c} = ?`)
        .join(', ')} WHERE system_id = ? AND call_id = ?`,
    );
    // A new call's row gets the columns a record has not (conference link, recording clock, notes, callback) at their
    // starting values; later writes of the record leave them as the agent-call flow set them.
    this.upsertRecord = prepareUnguarded(
      sqlite,
      `INSERT INTO calls (${recordColumns.join(', ')}, linked_call_id, recorded_ms, recording_since, notes, callback_at)
       VALUES (${marks(recordColumns.length)}, 0, 0, NULL, '', NULL)
       ON CONFLICT (system_id, call_id) DO UPDATE SET
         ${recordColumns
           .slice(0, -2)
           .map((c) => `${c} = excluded.${c}`)
           .join(', ')}`,
    );
    this.select = prepareUnguarded(sqlite, `${SELECT} WHERE system_id = ? AND call_id = ?`);
    this.held = createHeldRows<HeldCall>(sqlite, ['calls'], (h) => {
      if (h.kind === 'record') runWithCallRecordRow(this.upsertRecord, h.systemId, h.record);
      else runWithCallRow(h.kind === 'insert' ? this.insertRow : this.updateRow, h.systemId, h.call);
    });
  }

  /** The call as its row stands with what is held written over it. */
  get(systemId: number, callId: number): Readonly<StoredCall> | undefined {
    const k = key(systemId, callId);
    const kept = this.rows.get(k);
    if (kept) return kept;
    const held = this.held.get(k);
    if (held) return this.remember(k, held.kind === 'record' ? this.whole(k, held).call : held.call);
    const r = this.select.get(systemId, callId);
    return r ? this.remember(k, Object.freeze(fromCallRow(r))) : undefined;
  }

  /** Inserts the call's row (held for the COMMIT when a turn is open and the row is not known to exist). */
  insert(systemId: number, call: StoredCall): void {
    const k = key(systemId, call.callId);
    const kept = Object.freeze(storedCallOf(call));
    if (this.held.holding() && !this.rows.has(k) && !this.held.get(k)) {
      this.held.hold(k, { kind: 'insert', systemId, call: kept });
    } else {
      // A row known to exist: the INSERT fails now, in the command that made it, as it always did.
      this.held.flushOne(k);
      runWithCallRow(this.insertRow, systemId, kept);
    }
    this.remember(k, kept);
  }

  /** Updates the call's whole row, if it has one. */
  update(systemId: number, call: StoredCall): void {
    const k = key(systemId, call.callId);
    const kept = Object.freeze(storedCallOf(call));
    if (this.held.holding()) {
      const held = this.held.get(k);
      const known = held?.kind === 'record' ? this.whole(k, held) : held;
      if (known || this.rows.has(k)) {
        this.held.hold(k, { kind: known?.kind === 'insert' ? 'insert' : 'update', systemId, call: kept });
        this.remember(k, kept);
        return;
      }
    }
    // Whether the row exists is not known here: the UPDATE says.
    if (runWithCallRow(this.updateRow, systemId, kept).changes > 0) this.remember(k, kept);
    else this.rows.delete(k);
  }

  /** Writes a call record's columns (inserting the row when there is none), the row's other columns kept. */
  putRecord(systemId: number, record: CallRecord): void {
    const k = key(systemId, record.callId);
    const held = this.held.get(k);
    const cached = this.rows.get(k) ?? (held && held.kind !== 'record' ? held.call : undefined);
    const merged = cached ? Object.freeze(withRecord(cached, record)) : undefined;
    if (!this.held.holding()) {
      runWithCallRecordRow(this.upsertRecord, systemId, record);
    } else if (merged) {
      // Known whole: the write merges into it (an insert held stays an insert).
      this.held.hold(k, { kind: held?.kind === 'insert' ? 'insert' : 'update', systemId, call: merged });
    } else {
      this.held.hold(k, { kind: 'record', systemId, record: callRecordOf(record) });
    }
    if (merged) this.remember(k, merged);
  }

  /**
   * A call whose record's columns alone are held, made whole: its row read from the table (without them) and the
   * record written over it, or, when it has no row yet, a new call's. Held from now on as that whole call.
   */
  private whole(k: string, held: HeldCall & { kind: 'record' }): HeldCall & { kind: 'insert' | 'update' } {
    const r = this.select.get(held.systemId, held.record.callId);
    const known: HeldCall & { kind: 'insert' | 'update' } = r
      ? { kind: 'update', systemId: held.systemId, call: Object.freeze(withRecord(fromCallRow(r), held.record)) }
      : { kind: 'insert', systemId: held.systemId, call: Object.freeze(newCallOf(held.record)) };
    this.held.hold(k, known);
    return known;
  }

  private remember(k: string, call: Readonly<StoredCall>): Readonly<StoredCall> {
    return this.rows.set(k, call);
  }
}

const key = (systemId: number, callId: number) => `${systemId}/${callId}`;

const caches = new WeakMap<Database.Database, CallRowCache>();

/** The connection's one cache (both repositories that write `calls` share it). */
export function callRowCacheOf(sqlite: Database.Database): CallRowCache {
  let cache = caches.get(sqlite);
  if (!cache) {
    cache = new CallRowCache(sqlite, writeEpochOf(sqlite));
    caches.set(sqlite, cache);
  }
  return cache;
}
