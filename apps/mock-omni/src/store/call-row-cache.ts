/**
 * The calls a connection's repositories have just written or read, kept in memory so that the next step of a call does
 * not read back (and parse) the row it wrote a moment ago. Every write to a `calls` row goes through here (the call
 * repository stores the call it wrote; the dialler's store, which writes only the record's columns, updates those),
 * and the whole cache goes when the connection's write epoch moves (a rollback, a wipe: store/write-epoch.ts). Entries
 * are frozen: a call read here is the same object for every reader. At most `LIMIT` calls: beyond, it starts again
 * (a day's calls are read while they run, not after).
 *
 * @module
 */

import type Database from 'better-sqlite3';
import type { CallRecord } from '../engine/calls/call-record.js';
import type { StoredCall } from '../engine/calls/call-store.js';
import { callRecordOf, storedCallOf } from './call-columns.js';
import { type WriteEpoch, writeEpochOf } from './write-epoch.js';

const LIMIT = 4_096;

export class CallRowCache {
  private readonly rows = new Map<string, Readonly<StoredCall>>();
  private epoch: number;

  constructor(private readonly writes: WriteEpoch) {
    this.epoch = writes.value;
  }

  get(systemId: number, callId: number): Readonly<StoredCall> | undefined {
    this.check();
    return this.rows.get(key(systemId, callId));
  }

  /** The call as its row now holds it (just written, or just read). */
  set(systemId: number, call: StoredCall): Readonly<StoredCall> {
    this.check();
    if (this.rows.size >= LIMIT) this.rows.clear();
    const kept = Object.freeze(storedCallOf(call));
    this.rows.set(key(systemId, call.callId), kept);
    return kept;
  }

  /** The record's columns of the call's row were written (the others kept): a cached call takes them. */
  recordWritten(systemId: number, record: CallRecord): void {
    const cached = this.get(systemId, record.callId);
    if (cached) this.set(systemId, { ...cached, ...callRecordOf(record) });
  }

  /** The row changed in a way the cache does not follow. */
  drop(systemId: number, callId: number): void {
    this.rows.delete(key(systemId, callId));
  }

  private check(): void {
    if (this.writes.value === this.epoch) return;
    this.rows.clear();
    this.epoch = this.writes.value;
  }
}

const key = (systemId: number, callId: number) => `${systemId}/${callId}`;

const caches = new WeakMap<Database.Database, CallRowCache>();

/** The connection's one cache (both repositories that write `calls` share it). */
export function callRowCacheOf(sqlite: Database.Database): CallRowCache {
  let cache = caches.get(sqlite);
  if (!cache) {
    cache = new CallRowCache(writeEpochOf(sqlite));
    caches.set(sqlite, cache);
  }
  return cache;
}
