/**
 * The due times of the dialler's leads (`dialler_leads.due_at`) a connection has read or written, kept in memory so
 * that reading a lead the dialler works on costs no SQL. The dialler's lead repository is the only writer of a due
 * time once its row exists (adoption only adds rows), and writes it here as it writes the row; memory goes when the
 * connection's write epoch moves (a rollback, a failed COMMIT, a system wiped: store/write-epoch.ts).
 *
 * @module
 */

import type Database from 'better-sqlite3';
import { type WriteEpoch, writeEpochOf } from './write-epoch.js';

/** Due times kept at most: beyond, memory starts again. */
const LIMIT = 16_384;

export class DiallerDueTimes {
  private readonly due = new Map<string, number | null>();
  private epoch: number;

  constructor(private readonly writes: WriteEpoch) {
    this.epoch = writes.value;
  }

  /** The lead's due time (null: not due), or undefined when memory does not know it. */
  get(systemId: number, leadId: number): number | null | undefined {
    this.check();
    return this.due.get(`${systemId}/${leadId}`);
  }

  /** The lead's row holds `dueAt` now (just read, or just written). */
  set(systemId: number, leadId: number, dueAt: number | null): void {
    this.check();
    if (this.due.size >= LIMIT) this.due.clear();
    this.due.set(`${systemId}/${leadId}`, dueAt);
  }

  private check(): void {
    if (this.writes.value === this.epoch) return;
    this.due.clear();
    this.epoch = this.writes.value;
  }
}

const connections = new WeakMap<Database.Database, DiallerDueTimes>();

/** The connection's one memory of due times (every dialler lead repository made on it shares it). */
export function dueTimesOf(sqlite: Database.Database): DiallerDueTimes {
  let times = connections.get(sqlite);
  if (!times) {
    times = new DiallerDueTimes(writeEpochOf(sqlite));
    connections.set(sqlite, times);
  }
  return times;
}
