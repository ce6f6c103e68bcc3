/**
 * The writes of a connection's `dialler_calls` rows (the dialler's hold on a call: its phase, since when it waits). In a
 * group-commit turn each row is held until the COMMIT (store/held-rows.ts) and written once: a row put many times is
 * one upsert with its last values, a row put and deleted in the same turn is never written, a row that was in the
 * table and is deleted is one DELETE. Whether the row is in the table is known from what the caller says stands (the
 * dialler's mirror: the table with the held rows over it) when nothing is held for it, from what is held otherwise.
 *
 * @module
 */

import type Database from 'better-sqlite3';
import { createHeldRows, type HeldRows } from './held-rows.js';
import { prepareUnguarded } from './pending-writes.js';

/** A `dialler_calls` row's columns after its key. */
export interface DiallerCallColumns {
  campaignId: number;
  phase: string;
  waitingSince: number | null;
  machine: number;
  talkMs: number;
}

interface HeldDiallerCall {
  systemId: number;
  callId: number;
  /** Whether the row is in the table (written before this turn, or by a flush in it). */
  inTable: boolean;
  /** Its last values; null when it is deleted. */
  row: DiallerCallColumns | null;
}

export interface DiallerCallWrites {
  /** Upserts the row; `stands` says whether it exists now (in the table or held). */
  put(systemId: number, callId: number, stands: boolean, row: DiallerCallColumns): void;
  /** Deletes the row; `stands` as for `put`. */
  remove(systemId: number, callId: number, stands: boolean): void;
}

const writes = new WeakMap<Database.Database, DiallerCallWrites>();

/** The connection's one buffer of `dialler_calls` writes, made on first use. */
export function diallerCallWritesOf(sqlite: Database.Database): DiallerCallWrites {
  let made = writes.get(sqlite);
  if (!made) {
    made = createDiallerCallWrites(sqlite);
    writes.set(sqlite, made);
  }
  return made;
}

function createDiallerCallWrites(sqlite: Database.Database): DiallerCallWrites {
  // Its own writes, and a delete that cascades nowhere: they need not write the held rows first.
  const upsert = prepareUnguarded<[number, number, number, string, number | null, number, number]>(
    sqlite,
    `INSERT INTO dialler_calls (system_id, call_id, campaign_id, phase, waiting_since, machine, talk_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (system_id, call_id) DO UPDATE SET campaign_id = excluded.campaign_id, phase = excluded.phase,
       waiting_since = excluded.waiting_since, machine = excluded.machine, talk_ms = excluded.talk_ms`,
  );
  const remove = prepareUnguarded<[number, number]>(
    sqlite,
    'DELETE FROM dialler_calls WHERE system_id = ? AND call_id = ?',
  );
  const write = (systemId: number, callId: number, row: DiallerCallColumns): void => {
    upsert.run(systemId, callId, row.campaignId, row.phase, row.waitingSince, row.machine, row.talkMs);
  };
  const held: HeldRows<HeldDiallerCall> = createHeldRows(sqlite, ['dialler_calls'], (h) => {
    if (h.row) write(h.systemId, h.callId, h.row);
    else if (h.inTable) remove.run(h.systemId, h.callId);
  });
  /** Holds the row's new state, or writes it now when no turn is open. */
  const change = (systemId: number, callId: number, stands: boolean, row: DiallerCallColumns | null): void => {
    if (!held.holding()) {
      if (row) write(systemId, callId, row);
      else remove.run(systemId, callId);
      return;
    }
    const k = `${systemId}/${callId}`;
    // With nothing held for it, the row stands exactly when it is in the table.
    const inTable = held.get(k)?.inTable ?? stands;
    held.hold(k, { systemId, callId, inTable, row });
  };
  return {
    put: (systemId, callId, stands, row) => change(systemId, callId, stands, row),
    remove: (systemId, callId, stands) => change(systemId, callId, stands, null),
  };
}
