/**
 * A connection's write epoch: a number that moves whenever writes made on the connection may have been undone — a
 * transaction or a savepoint rolled back, a failed COMMIT, a system's data wiped. Repositories that keep rows in
 * memory beside the database (so that a command does not read back what it has just written) note the epoch they
 * filled their memory at and drop it once the epoch has moved: the database is the truth, memory only saves reads.
 * Rollbacks happen when a command fails, so in a day's run the epoch hardly moves and the memory is rarely refilled.
 *
 * @module
 */

import type Database from 'better-sqlite3';
import { pendingWritesOf } from './pending-writes.js';

export interface WriteEpoch {
  readonly value: number;
  /** Writes may have been undone. */
  bump(): void;
}

const epochs = new WeakMap<Database.Database, WriteEpoch>();

/** The connection's epoch, made on first use (`createDb` makes it when it opens the connection). */
export function writeEpochOf(sqlite: Database.Database): WriteEpoch {
  let epoch = epochs.get(sqlite);
  if (!epoch) {
    let value = 0;
    epoch = {
      get value() {
        return value;
      },
      bump() {
        value++;
      },
    };
    epochs.set(sqlite, epoch);
  }
  return epoch;
}

/**
 * Makes every transaction function of the connection (`sqlite.transaction(fn)`, nested ones being savepoints) move
 * its epoch when it rolls back because `fn` threw: whoever runs a transaction, the memory beside the rows hears of it.
 * The writes held back for the end of the transaction (store/pending-writes.ts) are undone to where they stood when
 * `fn` started.
 */
export function trackRollbacks(sqlite: Database.Database): void {
  const epoch = writeEpochOf(sqlite);
  const pending = pendingWritesOf(sqlite);
  const transaction = sqlite.transaction.bind(sqlite);
  sqlite.transaction = (<F extends (...args: never[]) => unknown>(fn: F) =>
    transaction(function (this: unknown, ...args: Parameters<F>) {
      const marks = pending.mark();
      try {
        return fn.apply(this, args);
      } catch (error) {
        epoch.bump();
        pending.undo(marks);
        throw error;
      }
    } as F)) as typeof sqlite.transaction;
}
