/**
 * The read barrier: while the group commit's transaction is open, a statement that names a table with held rows (or
 * deletes anything) writes every buffer first, whoever prepared it, drizzle included; other statements leave them held.
 * And coalesced writes undo a rolled-back savepoint from their journal, flushes inside it included.
 *
 * @module
 */

import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { afterEach, describe, expect, it } from 'vitest';
import { coalescedWritesOf } from '../../src/store/coalesced-writes.js';
import { installReadBarrier, pendingWritesOf, prepareUnguarded } from '../../src/store/pending-writes.js';
import { trackRollbacks } from '../../src/store/write-epoch.js';

const items = sqliteTable('items', { id: integer('id').primaryKey(), label: text('label').notNull() });

const opened: Database.Database[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});

/** A connection as createDb makes it, with `items` written through coalesced writes and an unrelated `other`. */
function setUp() {
  const sqlite = new Database(':memory:');
  opened.push(sqlite);
  trackRollbacks(sqlite);
  installReadBarrier(sqlite);
  sqlite.exec('CREATE TABLE items (id INTEGER PRIMARY KEY, label TEXT NOT NULL); CREATE TABLE other (n INTEGER)');
  const pending = pendingWritesOf(sqlite);
  const writes = coalescedWritesOf(sqlite, 'items');
  const upsert = prepareUnguarded<[number, string]>(
    sqlite,
    'INSERT INTO items (id, label) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET label = excluded.label',
  );
  const save = (id: number, label: string) => writes.hold(String(id), () => upsert.run(id, label));
  /** The table as it is, held rows not written (unguarded). */
  const inTable = () =>
    prepareUnguarded<[], { id: number; label: string }>(sqlite, 'SELECT id, label FROM items ORDER BY id')
      .all()
      .map((r) => `${r.id}:${r.label}`);
  const open = () => {
    sqlite.prepare('BEGIN IMMEDIATE').run();
    pending.begin();
  };
  const commit = () => {
    pending.flush();
    sqlite.prepare('COMMIT').run();
    pending.settle();
  };
  return { sqlite, pending, save, inTable, open, commit };
}

describe('read barrier', () => {
  it('a statement naming the held table writes the held rows first; one naming another table does not', () => {
    const { sqlite, save, inTable, open, commit } = setUp();
    open();
    save(1, 'a');
    save(1, 'b');
    sqlite.prepare('INSERT INTO other (n) VALUES (1)').run();
    sqlite.prepare('SELECT count(*) FROM other').get();
    expect(inTable()).toEqual([]);
    expect(sqlite.prepare('SELECT label FROM items WHERE id = 1').pluck().get()).toBe('b');
    expect(inTable()).toEqual(['1:b']);
    save(2, 'c');
    commit();
    expect(inTable()).toEqual(['1:b', '2:c']);
  });

  it('drizzle queries go through it: a read sees the held rows, in the same transaction', () => {
    const { sqlite, save, open, commit } = setUp();
    const db = drizzle(sqlite);
    open();
    save(7, 'held');
    expect(db.select().from(items).all()).toEqual([{ id: 7, label: 'held' }]);
    commit();
  });

  it('any DELETE writes them first (a cascade may reach their table), and so does exec', () => {
    const { sqlite, save, inTable, open, commit } = setUp();
    open();
    save(1, 'a');
    sqlite.prepare('DELETE FROM other').run();
    expect(inTable()).toEqual(['1:a']);
    save(2, 'b');
    sqlite.exec('UPDATE other SET n = 2');
    expect(inTable()).toEqual(['1:a', '2:b']);
    commit();
  });

  it('outside the group commit’s transaction nothing is held, and statements run as they are', () => {
    const { sqlite, pending, inTable } = setUp();
    expect(pending.active()).toBe(false);
    expect(sqlite.prepare('SELECT count(*) FROM items').pluck().get()).toBe(0);
    expect(inTable()).toEqual([]);
  });

  it('a savepoint rolled back restores what was held at its start, after a flush inside it as well', () => {
    const { sqlite, save, inTable, open, commit } = setUp();
    open();
    save(1, 'kept');
    expect(() =>
      sqlite.transaction(() => {
        save(1, 'undone');
        save(3, 'undone');
        // A read inside the savepoint writes both; the rollback takes the writes back, the journal the holds.
        expect(sqlite.prepare('SELECT count(*) FROM items').pluck().get()).toBe(2);
        save(4, 'undone');
        throw new Error('refused');
      })(),
    ).toThrow('refused');
    expect(inTable()).toEqual([]);
    sqlite.transaction(() => save(2, 'later'))();
    commit();
    expect(inTable()).toEqual(['1:kept', '2:later']);
  });
});
