import type Database from 'better-sqlite3';
import type { SequenceStore } from '../engine/ports.js';
import { coalescedWritesOf } from './coalesced-writes.js';
import { prepareUnguarded } from './pending-writes.js';
import { writeEpochOf } from './write-epoch.js';

/**
 * Per-system id counters, counted in memory: each counter is read from the table on first use, and its last value is
 * written once a turn, at the group commit's COMMIT (store/coalesced-writes.ts), not once per id. When the write epoch
 * moves (a rolled-back savepoint, a failed COMMIT, a wiped system) the counters are read again: the table plus what
 * is still held is the truth, so ids handed out by a command that was rolled back are handed out again, as before.
 */
export function createSequenceRepository(sqlite: Database.Database): SequenceStore {
  const epoch = writeEpochOf(sqlite);
  const writes = coalescedWritesOf(sqlite, 'sequences');
  // Its own statements: the read comes after this table's held writes are written (below), the save is what it holds.
  const read = prepareUnguarded<[number, string], { value: number }>(
    sqlite,
    'SELECT value FROM sequences WHERE system_id = ? AND name = ?',
  );
  // Never lowers a counter: ids are never reused, whoever else raised it.
  const save = prepareUnguarded<[number, string, number]>(
    sqlite,
    `INSERT INTO sequences (system_id, name, value) VALUES (?, ?, ?)
       ON CONFLICT (system_id, name) DO UPDATE SET value = max(value, excluded.value)`,
  );
  // The systems table is never held: a plain read.
  const systemExists = prepareUnguarded<[number], { one: number }>(
    sqlite,
    'SELECT 1 AS one FROM systems WHERE system_id = ?',
  );
  let filledAt = Number.NaN;
  let values = new Map<string, number>();
  return {
    next(systemId, name) {
      if (filledAt !== epoch.value) {
        filledAt = epoch.value;
        values = new Map();
      }
      const key = `${systemId}\u0000${name}`;
      let value = values.get(key);
      if (value === undefined) {
        // A value held for this counter (a rollback may have put an older one back) is written before reading.
        writes.flush();
        const row = read.get(systemId, name);
        // A held value's foreign key is checked only at the COMMIT, where it would fail the whole turn: a counter of
        // a system that is gone fails its own command now. (A deletion moves the epoch, so this is asked again.)
        if (!row && !systemExists.get(systemId)) throw new Error(`no system ${systemId} to count ${name} in`);
        value = row?.value ?? 0;
      }
      const next = value + 1;
      values.set(key, next);
      if (writes.holding()) writes.hold(key, () => save.run(systemId, name, next));
      else save.run(systemId, name, next);
      return next;
    },
  };
}
