/**
 * The SQLite outbox against the port's rules (the same as the in-memory reference, see
 * test/notify/memory-outbox.test.ts) and what only a database adds: rows written in a transaction that rolls back are
 * never claimed, pending rows survive a restart on the same file, a reset system's rows are dropped, and a retry left
 * pending is reported for its timer.
 *
 * @module
 */

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { OpenDb } from '../../src/store/create-db.js';
import { createStores } from '../../src/store/create-stores.js';
import { createOutboxRepository } from '../../src/store/outbox-repository.js';
import { prepareUnguarded } from '../../src/store/pending-writes.js';
import { deliver, expectListsNewestFirst, ids, ordered, row } from '../notify/support/outbox-rows.js';
import { testSystemRecord } from '../support/test-system.js';
import { trackedDatabases } from '../support/tracked-databases.js';

const dbs = trackedDatabases();

function openWithSystems(path = ':memory:', systems = [1, 2, 9]): OpenDb {
  const open = dbs.open(path);
  const stores = createStores(open);
  for (const id of systems) {
    if (stores.systems.getByKey(`outbox-test-${id}`)) continue;
    const systemId = stores.systems.insert(testSystemRecord(`outbox-test-${id}`));
    expect(systemId).toBe(id === 9 ? 3 : id);
  }
  return open;
}

describe('the SQLite outbox keeps the port’s rules', () => {
  it('assigns seq in insertion order and refuses a duplicate id', () => {
    const o = createOutboxRepository(openWithSystems().sqlite);
    expect([o.insert(row('a', 1)).seq, o.insert(row('b', 1)).seq, o.insert(row('c', null)).seq]).toEqual([1, 2, 3]);
    expect(() => o.insert(row('a', 2))).toThrow(/UNIQUE/);
  });

  it('claims only the head of each call and every row of no call; a claimed row is not claimed twice', () => {
    const o = createOutboxRepository(openWithSystems().sqlite);
    for (const r of [row('a1', 1), row('a2', 1), row('b1', 2), row('n1', null), row('n2', null)]) o.insert(r);
    const first = o.claimDue({ ...ordered, limit: 10 });
    expect(ids(first)).toEqual(['a1', 'b1', 'n1', 'n2']);
    expect(first[0]).toMatchObject({ id: 'a1', body: '{"id":"a1"}', state: 'pending', attempts: 0, round: 0 });
    expect(o.claimDue({ ...ordered, limit: 10 })).toEqual([]);
    deliver(o, first);
    expect(ids(o.claimDue({ ...ordered, limit: 10 }))).toEqual(['a2']);
    expect(o.get('a1')?.state).toBe('delivered');
  });

  it('a retrying head holds back its call until due, reports its retry, and release gives a claim back', () => {
    const retries: Array<[number, number, string]> = [];
    const o = createOutboxRepository(openWithSystems().sqlite, {
      onRetryScheduled: (systemId, at, id) => retries.push([systemId, at, id]),
    });
    o.insert(row('a1', 1));
    o.insert(row('a2', 1));
    o.claimDue({ ...ordered, limit: 1 });
    o.complete([
      {
        update: { id: 'a1', state: 'pending', attempts: 1, nextAttemptAt: 5_000, firstAttemptAt: 0 },
        attempts: [
          {
            notificationId: 'a1',
            round: 0,
            attempt: 1,
            outcome: 'rejected',
            url: 'http://x/h',
            status: 500,
            error: null,
            responseBody: 'nope',
            durationMs: 3,
            sentAt: 10,
            virtualAt: 0,
          },
        ],
      },
    ]);
    expect(retries).toEqual([[1, 5_000, 'a1']]);
    expect(o.attempts('a1')).toEqual([expect.objectContaining({ attempt: 1, outcome: 'rejected', status: 500 })]);
    expect(o.claimDue({ ...ordered, limit: 10 })).toEqual([]);
    expect(o.earliestDue(() => false)).toEqual(new Map([[1, 5_000]]));
    const later = o.claimDue({ nowOf: () => 5_000, unordered: () => false, limit: 10 });
    expect(ids(later)).toEqual(['a1']);
    o.release(['a1']);
    expect(ids(o.claimDue({ nowOf: () => 5_000, unordered: () => false, limit: 10 }))).toEqual(['a1']);
  });

  it('each system is due on its own clock; unordered makes every pending row claimable', () => {
    const o = createOutboxRepository(openWithSystems().sqlite);
    o.insert(row('s1', 1, 1, 500));
    o.insert(row('s2', 1, 2, 500));
    expect(ids(o.claimDue({ nowOf: (s) => (s === 1 ? 400 : 600), unordered: () => false, limit: 10 }))).toEqual(['s2']);
    for (const r of [row('a1', 7), row('a2', 7), row('a3', 7)]) o.insert(r);
    // Unordered: by due time only (a1–a3 were created at 0, s1 at 500), whatever their call.
    expect(ids(o.claimDue({ nowOf: () => 1_000, unordered: (s) => s === 1, limit: 10 }))).toEqual([
      'a1',
      'a2',
      'a3',
      's1',
    ]);
  });

  it('a replayed notification goes back in its call’s order and starts a new round', () => {
    const o = createOutboxRepository(openWithSystems().sqlite);
    o.insert(row('a1', 1));
    deliver(o, o.claimDue({ ...ordered, limit: 10 }));
    o.insert(row('a2', 1));
    o.requeue(['a1'], 2_000);
    expect(o.get('a1')).toMatchObject({ state: 'pending', round: 1, attempts: 0, nextAttemptAt: 2_000 });
    expect(o.claimDue({ ...ordered, limit: 10 })).toEqual([]);
    const later = o.claimDue({ nowOf: () => 2_000, unordered: () => false, limit: 10 });
    expect(ids(later)).toEqual(['a1']);
    deliver(o, later);
    expect(ids(o.claimDue({ nowOf: () => 2_000, unordered: () => false, limit: 10 }))).toEqual(['a2']);
  });

  it('lists a system’s rows newest first with filters and a total', () => {
    expectListsNewestFirst(createOutboxRepository(openWithSystems().sqlite), 2);
  });
});

describe('what the database adds', () => {
  it('a row whose transaction rolled back is never claimed; one that committed is', () => {
    const open = openWithSystems();
    const o = createOutboxRepository(open.sqlite);
    const tx = open.sqlite.transaction((fail: boolean) => {
      o.insert(row(fail ? 'lost' : 'kept', 1));
      // Inside the transaction the worker must not learn of the row yet.
      expect(o.claimDue({ ...ordered, limit: 10 })).toEqual([]);
      if (fail) throw new Error('rolled back');
    });
    expect(() => tx(true)).toThrow('rolled back');
    expect(o.get('lost')).toBeUndefined();
    tx(false);
    expect(ids(o.claimDue({ ...ordered, limit: 10 }))).toEqual(['kept']);
  });

  it('pending rows survive a restart on the same file, claims do not (in flight at a crash → sent again)', () => {
    const file = dbs.tempFile('omni-outbox-', 'outbox.db');
    const first = openWithSystems(file);
    const o1 = createOutboxRepository(first.sqlite);
    for (const r of [row('a1', 1), row('a2', 1), row('b1', 2), row('d1', null)]) o1.insert(r);
    const claimed = o1.claimDue({ ...ordered, limit: 10 });
    expect(ids(claimed)).toEqual(['a1', 'b1', 'd1']);
    deliver(
      o1,
      claimed.filter((r) => r.id === 'd1'),
    );
    first.close();

    const second = openWithSystems(file);
    const o2 = createOutboxRepository(second.sqlite);
    expect(ids(o2.claimDue({ ...ordered, limit: 10 }))).toEqual(['a1', 'b1']);
    expect(o2.get('d1')?.state).toBe('delivered');
    o2.insert(row('a3', 1));
    expect(o2.insert(row('a4', 1)).seq).toBe(6);
  });

  it('a system reset drops its rows from the index when they are found gone', () => {
    const open = openWithSystems();
    const stores = createStores(open);
    const o = createOutboxRepository(open.sqlite);
    o.insert(row('a1', 1));
    o.insert(row('b1', 1, 2));
    stores.systems.wipeData(1);
    expect(ids(o.claimDue({ ...ordered, limit: 10 }))).toEqual(['b1']);
    expect(o.earliestDue(() => false)).toEqual(new Map());
  });

  it('an attempt settled after its system was reset records nothing and schedules no retry', () => {
    const open = openWithSystems();
    const stores = createStores(open);
    const retries: Array<[number, number, string]> = [];
    const o = createOutboxRepository(open.sqlite, {
      onRetryScheduled: (systemId, at, id) => retries.push([systemId, at, id]),
    });
    o.insert(row('a1', 1));
    o.insert(row('b1', 1, 2));
    expect(ids(o.claimDue({ ...ordered, limit: 10 }))).toEqual(['a1', 'b1']);
    stores.systems.wipeData(1);
    const attempt = (id: string) => ({
      notificationId: id,
      round: 0,
      attempt: 1,
      outcome: 'rejected' as const,
      url: 'http://x/h',
      status: 500,
      error: null,
      responseBody: '',
      durationMs: 1,
      sentAt: 10,
      virtualAt: 0,
    });
    o.complete(
      ['a1', 'b1'].map((id) => ({
        update: { id, state: 'pending' as const, attempts: 1, nextAttemptAt: 5_000, firstAttemptAt: 0 },
        attempts: [attempt(id)],
      })),
    );
    // Only the row still in the table is settled: its attempt recorded, its retry reported with its own system.
    expect(retries).toEqual([[2, 5_000, 'b1']]);
    expect(o.attempts('a1')).toEqual([]);
    expect(o.attempts('b1')).toEqual([expect.objectContaining({ attempt: 1, outcome: 'rejected' })]);
    expect(o.get('a1')).toBeUndefined();
    expect(o.earliestDue(() => false)).toEqual(new Map([[2, 5_000]]));
  });
});

describe('rows held back for the group commit’s COMMIT', () => {
  /** A database with systems 1 and 2, its group commit and an outbox that holds rows while a turn is open. */
  function held(path = ':memory:') {
    const open = openWithSystems(path, [1, 2]);
    const stores = createStores(open);
    const outbox = createOutboxRepository(open.sqlite, { transactor: stores.tx });
    // What the table holds now, not what a reader would see: a statement through `prepare` writes the held rows first.
    const inTable = () =>
      (
        prepareUnguarded(open.sqlite, 'SELECT id, seq FROM outbox ORDER BY seq').all() as { id: string; seq: number }[]
      ).map((r) => `${r.id}@${r.seq}`);
    return { open, stores, tx: stores.tx, outbox, inTable };
  }

  it('writes every row in the turn’s COMMIT, batched, each with the seq its insert answered', async () => {
    const file = dbs.tempFile('omni-outbox-held-', 'outbox.db');
    const { open, tx, outbox, inTable } = held(file);
    outbox.insert(row('before', null));
    const answered: string[] = [];
    // 150 rows in 5 commands: more than the largest batch, and sizes that need every smaller one.
    for (let c = 0; c < 5; c++)
      tx.run(() => {
        for (let i = 0; i < 30; i++) {
          const r = outbox.insert(row(`r${c * 30 + i}`, c));
          answered.push(`${r.id}@${r.seq}`);
        }
      });
    // Held: not in the table before the COMMIT.
    expect(inTable()).toEqual(['before@1']);
    await tx.durable();
    open.close();
    dbs.forget(open);
    const reopened = new Database(file, { readonly: true });
    const stored = reopened
      .prepare('SELECT id, seq, call_id AS callId, body, state FROM outbox ORDER BY seq')
      .all() as {
      id: string;
      seq: number;
      callId: number | null;
      body: string;
      state: string;
    }[];
    reopened.close();
    expect(stored.map((r) => `${r.id}@${r.seq}`)).toEqual(['before@1', ...answered]);
    expect(answered.at(-1)).toBe('r149@151');
    expect(stored[150]).toEqual({ id: 'r149', seq: 151, callId: 4, body: '{"id":"r149"}', state: 'pending' });
  });

  it('a command that throws takes its rows and their numbers back; the turn’s other commands commit theirs', async () => {
    const { tx, outbox, inTable } = held();
    tx.run(() => outbox.insert(row('a1', 1)));
    expect(() =>
      tx.run(() => {
        outbox.insert(row('b1', 2));
        outbox.insert(row('b2', 2));
        throw new Error('refused');
      }),
    ).toThrow('refused');
    expect(tx.run(() => outbox.insert(row('c1', 3))).seq).toBe(2);
    await tx.durable();
    expect(inTable()).toEqual(['a1@1', 'c1@2']);
  });

  it('a read in the turn sees the held rows; a command rolled back after that read leaves the earlier ones', async () => {
    const { open, tx, outbox, inTable } = held();
    tx.run(() => outbox.insert(row('a1', 1)));
    expect(() =>
      tx.run(() => {
        outbox.insert(row('b1', 1));
        // The read writes a1 and b1 inside this command's savepoint; its rollback undoes both INSERTs.
        expect(ids(outbox.list({ systemId: 1 }).rows)).toEqual(['b1', 'a1']);
        throw new Error('refused');
      }),
    ).toThrow('refused');
    tx.run(() => {
      outbox.insert(row('c1', 1));
      // A savepoint inside a command, rolled back: its row goes, the command's own stays.
      expect(() =>
        open.sqlite.transaction(() => {
          outbox.insert(row('d1', 1));
          throw new Error('inner');
        })(),
      ).toThrow('inner');
    });
    expect(outbox.get('a1')?.seq).toBe(1);
    await tx.durable();
    expect(inTable()).toEqual(['a1@1', 'c1@2']);
  });

  it('a system wiped in the same turn loses its held rows too', async () => {
    const { stores, tx, outbox, inTable } = held();
    tx.run(() => {
      outbox.insert(row('a1', 1));
      outbox.insert(row('b1', 1, 2));
    });
    tx.run(() => stores.systems.wipeData(1));
    tx.run(() => outbox.insert(row('a2', 1)));
    await tx.durable();
    expect(inTable()).toEqual(['b1@2', 'a2@3']);
  });
});
