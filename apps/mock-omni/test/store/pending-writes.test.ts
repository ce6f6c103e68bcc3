/**
 * The connection's held-back writes: every transaction function of a tracked connection marks them when it starts and
 * undoes them to that mark when it throws (nested ones too), and the registry flushes and settles every buffer.
 *
 * @module
 */

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { pendingWritesOf } from '../../src/store/pending-writes.js';
import { trackRollbacks } from '../../src/store/write-epoch.js';

/** A buffer of numbers: the mark is its length. */
function numbers(sqlite: Database.Database) {
  let held: number[] = [];
  const flushed: number[][] = [];
  pendingWritesOf(sqlite).register({
    tables: ['numbers'],
    mark: () => held.length,
    undo: (mark) => {
      held.length = mark as number;
    },
    flush: () => {
      flushed.push(held);
      held = [];
    },
    settle: () => {
      held = [];
    },
  });
  return { add: (n: number) => held.push(n), held: () => [...held], flushed };
}

describe('pending writes', () => {
  it('a transaction function that throws undoes what was held since it started, nested ones to their own mark', () => {
    const sqlite = new Database(':memory:');
    trackRollbacks(sqlite);
    const b = numbers(sqlite);
    sqlite.transaction(() => {
      b.add(1);
      expect(() =>
        sqlite.transaction(() => {
          b.add(2);
          throw new Error('inner');
        })(),
      ).toThrow('inner');
      b.add(3);
    })();
    expect(b.held()).toEqual([1, 3]);
    expect(() =>
      sqlite.transaction(() => {
        b.add(4);
        throw new Error('outer');
      })(),
    ).toThrow('outer');
    expect(b.held()).toEqual([1, 3]);
    sqlite.close();
  });

  it('flush and settle reach every buffer of the connection, none of another; active spans begin to settle', () => {
    const one = new Database(':memory:');
    const other = new Database(':memory:');
    const a = numbers(one);
    const b = numbers(one);
    const c = numbers(other);
    a.add(1);
    b.add(2);
    c.add(3);
    pendingWritesOf(one).flush();
    expect([a.flushed, b.flushed, c.flushed]).toEqual([[[1]], [[2]], []]);
    a.add(5);
    // Open from the group commit's BEGIN to its settling.
    expect(pendingWritesOf(one).active()).toBe(false);
    pendingWritesOf(one).begin();
    expect([pendingWritesOf(one).active(), pendingWritesOf(other).active()]).toEqual([true, false]);
    pendingWritesOf(one).settle();
    expect(pendingWritesOf(one).active()).toBe(false);
    expect([a.held(), c.held()]).toEqual([[], [3]]);
    one.close();
    other.close();
  });
});
