import { describe, expect, it } from 'vitest';
import { createStores } from '../../src/store/create-stores.js';
import { prepareUnguarded } from '../../src/store/pending-writes.js';
import { testSystemRecord } from '../support/test-system.js';
import { trackedDatabases } from '../support/tracked-databases.js';

const dbs = trackedDatabases();

function open(path = ':memory:') {
  const db = dbs.open(path);
  const stores = createStores(db);
  const { sqlite } = db;
  sqlite.exec(`CREATE TEMP TABLE sequence_writes (n INTEGER);
    CREATE TEMP TRIGGER sequence_inserted AFTER INSERT ON main.sequences BEGIN INSERT INTO sequence_writes VALUES (1); END;
    CREATE TEMP TRIGGER sequence_updated AFTER UPDATE ON main.sequences BEGIN INSERT INTO sequence_writes VALUES (1); END;`);
  /** The counter as the table has it, held values not written (an unguarded read). */
  const inTable = (systemId: number, name: string) =>
    prepareUnguarded<[number, string], { value: number }>(
      sqlite,
      'SELECT value FROM sequences WHERE system_id = ? AND name = ?',
    ).get(systemId, name)?.value;
  const writes = () =>
    prepareUnguarded<[], { n: number }>(sqlite, 'SELECT count(*) AS n FROM sequence_writes').get()?.n ?? 0;
  return { db, sqlite, stores, inTable, writes };
}

describe('sequences counted in memory', () => {
  it('counts per system and name, writing the last value once a turn (at once outside one)', async () => {
    const s = open();
    const { systems, sequences, tx } = s.stores;
    const one = systems.insert(testSystemRecord('seq-one'));
    const two = systems.insert(testSystemRecord('seq-two'));
    expect(sequences.next(one, 'call')).toBe(1);
    expect(s.inTable(one, 'call')).toBe(1);
    const before = s.writes();
    expect(tx.run(() => sequences.next(two, 'call'))).toBe(1);
    expect(tx.run(() => sequences.next(one, 'user'))).toBe(1);
    const ids = [1, 2, 3, 4].map(() => tx.run(() => sequences.next(one, 'call')));
    expect(ids).toEqual([2, 3, 4, 5]);
    expect(s.inTable(one, 'call')).toBe(1);
    // A statement naming the table sees the held value.
    expect(s.sqlite.prepare("SELECT value FROM sequences WHERE system_id = ? AND name = 'call'").get(one)).toEqual({
      value: 5,
    });
    await tx.durable();
    expect(s.inTable(one, 'call')).toBe(5);
    expect(s.inTable(two, 'call')).toBe(1);
    expect(s.inTable(one, 'user')).toBe(1);
    expect(s.writes() - before).toBe(3);
  });

  it('a rolled-back savepoint takes back the ids it drew, even after a read wrote them inside it', async () => {
    const s = open();
    const { systems, sequences, tx } = s.stores;
    const sys = systems.insert(testSystemRecord('seq-rollback'));
    tx.run(() => sequences.next(sys, 'call'));
    await tx.durable();
    expect(tx.run(() => sequences.next(sys, 'call'))).toBe(2);
    for (const readInside of [false, true]) {
      expect(() =>
        tx.run(() => {
          expect(sequences.next(sys, 'call')).toBe(3);
          expect(sequences.next(sys, 'call')).toBe(4);
          if (readInside) s.sqlite.prepare('SELECT count(*) FROM sequences').get();
          throw new Error('refused');
        }),
      ).toThrow('refused');
    }
    expect(tx.run(() => sequences.next(sys, 'call'))).toBe(3);
    await tx.durable();
    expect(s.inTable(sys, 'call')).toBe(3);
  });

  it('a failed COMMIT and a system reset read the counter from the table again', async () => {
    const s = open();
    const { systems, sequences, tx } = s.stores;
    const sys = systems.insert(testSystemRecord('seq-failed'));
    tx.run(() => sequences.next(sys, 'call'));
    await tx.durable();
    s.sqlite.exec(`CREATE TABLE parent (id INTEGER PRIMARY KEY);
      CREATE TABLE child (p INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)`);
    tx.run(() => sequences.next(sys, 'call'));
    tx.run(() => s.sqlite.prepare('INSERT INTO child (p) VALUES (42)').run());
    await expect(tx.durable()).rejects.toThrow(/FOREIGN KEY/);
    expect(s.inTable(sys, 'call')).toBe(1);
    expect(tx.run(() => sequences.next(sys, 'call'))).toBe(2);
    tx.run(() => sequences.next(sys, 'call'));
    tx.run(() => systems.wipeData(sys));
    expect(tx.run(() => sequences.next(sys, 'call'))).toBe(1);
    await tx.durable();
    expect(s.inTable(sys, 'call')).toBe(1);
  });

  it('a counter of a system deleted earlier in the turn fails its own command, not the COMMIT', async () => {
    const s = open();
    const { systems, sequences, tx } = s.stores;
    const gone = systems.insert(testSystemRecord('seq-gone'));
    const kept = systems.insert(testSystemRecord('seq-kept'));
    expect(tx.run(() => sequences.next(gone, 'call'))).toBe(1);
    tx.run(() => systems.delete(gone));
    expect(() => tx.run(() => sequences.next(gone, 'call'))).toThrow(/no system/);
    expect(tx.run(() => sequences.next(kept, 'call'))).toBe(1);
    await tx.durable();
    expect(s.inTable(kept, 'call')).toBe(1);
    expect(s.inTable(gone, 'call')).toBeUndefined();
  });

  it('a restart on the same file continues from the last committed value', async () => {
    const file = dbs.tempFile('omni-seq-', 'seq.db');
    const first = open(file);
    const sys = first.stores.systems.insert(testSystemRecord('seq-restart'));
    for (let i = 0; i < 5; i++) first.stores.tx.run(() => first.stores.sequences.next(sys, 'lead-call'));
    await first.stores.tx.durable();
    // Drawn in a turn that never commits: the process dies with it open.
    first.stores.tx.run(() => first.stores.sequences.next(sys, 'lead-call'));
    first.db.sqlite.close();
    dbs.forget(first.db);

    const second = open(file);
    expect(second.stores.tx.run(() => second.stores.sequences.next(sys, 'lead-call'))).toBe(6);
    await second.stores.tx.durable();
    second.db.close();
    dbs.forget(second.db);
    const third = open(file);
    expect(third.stores.sequences.next(sys, 'lead-call')).toBe(7);
  });
});
