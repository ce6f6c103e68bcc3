/**
 * The due times of the dialler's leads (`dialler_leads.due_at`) a connection has read or written, kept in memory so
 * that reading a lead the dialler works on costs no SQL. The dialler's lead repository is the only writer of a due
 * time once its row exists (adoption only adds rows), and writes it here as it writes the row; memory goes when the
 * connection's write epoch moves (a rollback, a failed COMMIT, a system wiped: store/write-epoch.ts).
 *
 * @module
 */

import type Database from 'better-sqlite3';
import { EpochMemory } from './epoch-memory.js';
import { writeEpochOf } from './write-epoch.js';

/** Due times kept at most: beyond, memory starts again. */
const LIMIT = 16_384;

/** A lead's due time (null: not due), keyed `system/lead`; undefined from `get` when memory does not know it. */
export type DiallerDueTimes = EpochMemory<number | null>;

const connections = new WeakMap<Database.Database, DiallerDueTimes>();

/** The connection's one memory of due times (every dialler lead repository made on it shares it). */
export function dueTimesOf(sqlite: Database.Database): DiallerDueTimes {
  let times = connections.get(sqlite);
  if (!times) {
    times = new EpochMemory(writeEpochOf(sqlite), LIMIT);
    connections.set(sqlite, times);
  }
  return times;
}
