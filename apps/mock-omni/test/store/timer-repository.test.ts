import { describe, expect, it } from 'vitest';
import { createStores } from '../../src/store/create-stores.js';
import { prepareUnguarded } from '../../src/store/pending-writes.js';
import { timers as timersTable } from '../../src/store/schema/index.js';
import { testSystemRecord } from '../support/test-system.js';
import { trackedDatabases } from '../support/tracked-databases.js';

const dbs = trackedDatabases();

function open(path = ':memory:') {
  const db = dbs.open(path);
  const stores = createStores(db);
  const { sqlite } = db;
  // Every row write to `timers`, counted by a trigger: what reached the table, whoever wrote it.
  sqlite.exec(`CREATE TEMP TABLE timer_writes (op TEXT NOT NULL);
    CREATE TEMP TRIGGER timer_inserted AFTER INSERT ON main.timers BEGIN INSERT INTO timer_writes VALUES ('insert'); END;
    CREATE TEMP TRIGGER timer_deleted AFTER DELETE ON main.timers BEGIN INSERT INTO timer_writes VALUES ('delete'); END;`);
  const writes = prepareUnguarded<[string], { n: number }>(
    sqlite,
    'SELECT count(*) AS n FROM timer_writes WHERE op = ?',
  );
  /** The table as it is, held changes not written (an unguarded read). */
  const inTable = (systemId: number) =>
    prepareUnguarded<[number], { id: number; ref: string }>(
      sqlite,
      'SELECT timer_id AS id, ref FROM timers WHERE system_id = ? ORDER BY due_at, timer_id',
    )
      .all(systemId)
      .map((r) => r.ref);
  return {
    db,
    sqlite,
    stores,
    inTable,
    inserts: () => writes.get('insert')?.n ?? 0,
    deletes: () => writes.get('delete')?.n ?? 0,
  };
}

/** What the repository answers for a system: every pending timer's ref, in running order (takes them, in a savepoint that is rolled back). */
function pendingRefs(s: ReturnType<typeof open>, systemId: number): string[] {
  const { tx, timers } = s.stores;
  const refs: string[] = [];
  try {
    tx.run(() => {
      for (
        let t = timers.takeNextDue(systemId, Number.MAX_SAFE_INTEGER);
        t;
        t = timers.takeNextDue(systemId, Number.MAX_SAFE_INTEGER)
      )
        refs.push(t.ref);
      throw new Error('only looking');
    });
  } catch (error) {
    if (!(error instanceof Error) || error.message !== 'only looking') throw error;
  }
  return refs;
}

const set = (s: ReturnType<typeof open>, systemId: number, dueAt: number, ref: string) =>
  s.stores.timers.insert({ systemId, dueAt, kind: 'k', ref, payload: { ref } });

describe('timers on SQLite', () => {
  it('takes the earliest due timer (ties by id) out of the table, one at a time, and none of another system', () => {
    const db = dbs.open(':memory:');
    const { systems, timers } = createStores(db);
    const one = systems.insert(testSystemRecord('timers-one'));
    const two = systems.insert(testSystemRecord('timers-two'));
    const late = timers.insert({ systemId: one, dueAt: 300, kind: 'k', ref: 'late', payload: { n: 3 } });
    const first = timers.insert({ systemId: one, dueAt: 100, kind: 'k', ref: 'a', payload: { n: 1 } });
    const tie = timers.insert({ systemId: one, dueAt: 100, kind: 'k', ref: 'b', payload: null });
    timers.insert({ systemId: two, dueAt: 50, kind: 'k', ref: 'other', payload: null });

    expect(timers.takeNextDue(one, 200)).toEqual({
      timerId: first,
      systemId: one,
      dueAt: 100,
      kind: 'k',
      ref: 'a',
      payload: { n: 1 },
    });
    expect(timers.takeNextDue(one, 200)?.timerId).toBe(tie);
    expect(timers.takeNextDue(one, 200)).toBeUndefined();
    expect(timers.count(one)).toBe(1);
    expect(timers.earliest(one)?.timerId).toBe(late);
    expect(timers.count(two)).toBe(1);
    // Outside a group commit every change is written at once.
    const rows = db.db.select().from(timersTable).all();
    expect(rows.map((r) => r.timerId).sort((a, b) => a - b)).toEqual(
      [late, timers.earliest(two)?.timerId].sort((a, b) => (a ?? 0) - (b ?? 0)),
    );
    expect(timers.systemsWithTimers()).toEqual([one, two]);
  });

  it('cancels by kind and ref, deletes by id, and finds a timer of a system not read yet', () => {
    const s = open();
    const { systems, timers } = s.stores;
    const one = systems.insert(testSystemRecord('cancel-one'));
    const two = systems.insert(testSystemRecord('cancel-two'));
    set(s, one, 10, 'call:1');
    set(s, one, 20, 'call:1');
    set(s, one, 30, 'call:2');
    const other = set(s, two, 10, 'call:1');
    expect(timers.cancel(one, 'k', 'call:1')).toBe(2);
    expect(timers.cancel(one, 'other-kind', 'call:2')).toBe(0);
    expect(s.inTable(one)).toEqual(['call:2']);
    expect(s.inTable(two)).toEqual(['call:1']);

    // A second repository on the same file has read nothing yet: delete finds the timer's system in the table.
    const again = createStores(s.db).timers;
    expect(again.delete(other)).toBe(true);
    expect(again.delete(other)).toBe(false);
    expect(again.count(two)).toBe(0);
    expect(s.inTable(two)).toEqual([]);
  });
});

describe('timers held until the COMMIT', () => {
  it('a timer set and run (or cancelled) in the same turn never reaches the table', async () => {
    const s = open();
    const { systems, timers, tx } = s.stores;
    const sys = systems.insert(testSystemRecord('held-same-turn'));
    tx.run(() => set(s, sys, 100, 'ring'));
    tx.run(() => set(s, sys, 200, 'wrap'));
    expect(tx.run(() => timers.takeNextDue(sys, 150))?.ref).toBe('ring');
    expect(tx.run(() => timers.cancel(sys, 'k', 'wrap'))).toBe(1);
    expect(timers.count(sys)).toBe(0);
    await tx.durable();
    expect(s.inserts()).toBe(0);
    expect(s.deletes()).toBe(0);
    expect(s.inTable(sys)).toEqual([]);
  });

  it('a timer of an earlier turn that runs is one DELETE; one set now is one INSERT at the COMMIT', async () => {
    const s = open();
    const { systems, timers, tx } = s.stores;
    const sys = systems.insert(testSystemRecord('held-net'));
    tx.run(() => set(s, sys, 100, 'old'));
    expect(s.inTable(sys)).toEqual([]);
    await tx.durable();
    expect(s.inTable(sys)).toEqual(['old']);
    expect(s.inserts()).toBe(1);

    tx.run(() => timers.takeNextDue(sys, 100));
    tx.run(() => set(s, sys, 300, 'new'));
    expect(s.inTable(sys)).toEqual(['old']);
    expect(timers.earliest(sys)?.ref).toBe('new');
    await tx.durable();
    expect(s.inTable(sys)).toEqual(['new']);
    expect({ inserts: s.inserts(), deletes: s.deletes() }).toEqual({ inserts: 2, deletes: 1 });
  });

  it('writes many held changes in batches, each row with its own values', async () => {
    const s = open();
    const { systems, timers, tx } = s.stores;
    const sys = systems.insert(testSystemRecord('held-batches'));
    const refs = Array.from({ length: 87 }, (_, i) => `t${String(i).padStart(3, '0')}`);
    tx.run(() => {
      for (const [i, ref] of refs.entries()) set(s, sys, 1000 + i, ref);
    });
    await tx.durable();
    expect(s.inTable(sys)).toEqual(refs);
    const payloads = prepareUnguarded<[number], { payload: string }>(
      s.sqlite,
      'SELECT payload FROM timers WHERE system_id = ? ORDER BY timer_id',
    ).all(sys);
    expect(payloads.map((p) => (JSON.parse(p.payload) as { ref: string }).ref)).toEqual(refs);
    tx.run(() => {
      for (let i = 0; i < 70; i++) timers.takeNextDue(sys, 5000);
    });
    await tx.durable();
    expect(s.inTable(sys)).toEqual(refs.slice(70));
    expect({ inserts: s.inserts(), deletes: s.deletes() }).toEqual({ inserts: 87, deletes: 70 });
  });

  it('a read through drizzle or any statement naming the table sees the held changes', async () => {
    const s = open();
    const { systems, timers, tx } = s.stores;
    const sys = systems.insert(testSystemRecord('held-read'));
    tx.run(() => set(s, sys, 100, 'kept'));
    await tx.durable();
    tx.run(() => {
      set(s, sys, 50, 'fresh');
      timers.cancel(sys, 'k', 'kept');
    });
    const viaDrizzle = s.db.db.select().from(timersTable).all();
    expect(viaDrizzle.map((r) => r.ref)).toEqual(['fresh']);
    expect(JSON.parse(viaDrizzle[0]?.payload ?? 'null')).toEqual({ ref: 'fresh' });
    expect(s.sqlite.prepare('SELECT count(*) AS n FROM timers').get()).toEqual({ n: 1 });
    await tx.durable();
    expect(s.inTable(sys)).toEqual(['fresh']);
  });

  it('a savepoint that sets and cancels timers and throws leaves memory and table as before it, even after a read inside it', async () => {
    const s = open();
    const { systems, timers, tx } = s.stores;
    const sys = systems.insert(testSystemRecord('held-rollback'));
    tx.run(() => {
      set(s, sys, 100, 'committed-a');
      set(s, sys, 200, 'committed-b');
    });
    await tx.durable();
    tx.run(() => set(s, sys, 150, 'held'));
    for (const readInside of [false, true]) {
      expect(() =>
        tx.run(() => {
          set(s, sys, 50, 'undone');
          timers.cancel(sys, 'k', 'held');
          expect(timers.takeNextDue(sys, 120)?.ref).toBe('undone');
          timers.cancel(sys, 'k', 'committed-b');
          // A statement naming the table writes the held changes inside the savepoint; its rollback unwrites them.
          if (readInside) expect(s.sqlite.prepare('SELECT count(*) AS n FROM timers').get()).toEqual({ n: 1 });
          throw new Error('refused');
        }),
      ).toThrow('refused');
      expect(timers.count(sys)).toBe(3);
      expect(timers.earliest(sys)?.ref).toBe('committed-a');
    }
    expect(pendingRefs(s, sys)).toEqual(['committed-a', 'held', 'committed-b']);
    await tx.durable();
    expect(s.inTable(sys)).toEqual(['committed-a', 'held', 'committed-b']);
    expect(pendingRefs(s, sys)).toEqual(['committed-a', 'held', 'committed-b']);
  });

  it('after a rollback a timer is deleted by id whether it is held or a row (a failed handler drops its timer so)', async () => {
    const s = open();
    const { systems, timers, tx } = s.stores;
    const sys = systems.insert(testSystemRecord('held-delete-after-rollback'));
    tx.run(() => set(s, sys, 100, 'row'));
    await tx.durable();
    const held = tx.run(() => set(s, sys, 50, 'held'));
    for (const ref of ['held', 'row']) {
      let taken: string | undefined;
      let id = 0;
      expect(() =>
        tx.run(() => {
          const timer = timers.takeNextDue(sys, 1000);
          taken = timer?.ref;
          id = timer?.timerId ?? 0;
          throw new Error('handler failed');
        }),
      ).toThrow('handler failed');
      expect(taken).toBe(ref);
      // Straight after the rollback, before anything reads the system again.
      expect(tx.run(() => timers.delete(id))).toBe(true);
    }
    // Its last row's deletion is held: no timer is pending in the system, even straight after another rollback.
    expect(() =>
      tx.run(() => {
        throw new Error('another failure');
      }),
    ).toThrow('another failure');
    expect(timers.systemsWithTimers()).toEqual([]);
    expect(timers.count(sys)).toBe(0);
    expect(tx.run(() => timers.delete(held))).toBe(false);
    await tx.durable();
    expect(s.inTable(sys)).toEqual([]);
  });

  it('a failed COMMIT leaves memory equal to the table', async () => {
    const s = open();
    const { systems, timers, tx } = s.stores;
    const sys = systems.insert(testSystemRecord('held-failed-commit'));
    tx.run(() => set(s, sys, 100, 'committed'));
    await tx.durable();
    s.sqlite.exec(`CREATE TABLE parent (id INTEGER PRIMARY KEY);
      CREATE TABLE child (p INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)`);
    tx.run(() => set(s, sys, 50, 'lost'));
    tx.run(() => timers.cancel(sys, 'k', 'committed'));
    // A deferred foreign key is checked at COMMIT: this turn cannot commit.
    tx.run(() => s.sqlite.prepare('INSERT INTO child (p) VALUES (42)').run());
    await expect(tx.durable()).rejects.toThrow(/FOREIGN KEY/);
    expect(s.inTable(sys)).toEqual(['committed']);
    expect(timers.count(sys)).toBe(1);
    expect(timers.earliest(sys)?.ref).toBe('committed');
    expect(pendingRefs(s, sys)).toEqual(['committed']);
  });

  it('a system reset with timers held leaves none of them, in memory or in the table; other systems keep theirs', async () => {
    const s = open();
    const { systems, timers, tx } = s.stores;
    const sys = systems.insert(testSystemRecord('held-reset'));
    const other = systems.insert(testSystemRecord('held-reset-other'));
    tx.run(() => set(s, sys, 100, 'committed'));
    await tx.durable();
    tx.run(() => {
      set(s, sys, 50, 'held');
      set(s, other, 70, 'other-held');
    });
    tx.run(() => systems.wipeData(sys));
    expect(timers.count(sys)).toBe(0);
    expect(timers.earliest(sys)).toBeUndefined();
    expect(timers.count(other)).toBe(1);
    tx.run(() => set(s, sys, 500, 'after-reset'));
    await tx.durable();
    expect(s.inTable(sys)).toEqual(['after-reset']);
    expect(s.inTable(other)).toEqual(['other-held']);

    tx.run(() => set(s, other, 80, 'held-then-deleted'));
    tx.run(() => systems.delete(other));
    await tx.durable();
    expect(s.inTable(other)).toEqual([]);
    expect(timers.count(other)).toBe(0);
    expect(timers.systemsWithTimers()).toEqual([sys]);
  });

  it('a timer set in a system deleted earlier in the turn fails its own command, not the COMMIT', async () => {
    const s = open();
    const { systems, timers, tx } = s.stores;
    const gone = systems.insert(testSystemRecord('held-gone'));
    const kept = systems.insert(testSystemRecord('held-kept'));
    expect(tx.run(() => timers.count(gone))).toBe(0);
    tx.run(() => systems.delete(gone));
    expect(() => tx.run(() => set(s, gone, 100, 'orphan'))).toThrow(/no system/);
    tx.run(() => set(s, kept, 100, 'kept'));
    await tx.durable();
    expect(s.inTable(kept)).toEqual(['kept']);
    expect(s.inTable(gone)).toEqual([]);
  });

  it('a restart on the same file finds exactly the committed timers, and gives no id out twice', async () => {
    const file = dbs.tempFile('omni-timers-', 'timers.db');
    const first = open(file);
    const { systems, timers, tx } = first.stores;
    const sys = systems.insert(testSystemRecord('held-restart'));
    tx.run(() => {
      set(first, sys, 100, 'a');
      set(first, sys, 200, 'b');
    });
    await tx.durable();
    // The highest id given out before the restart belongs to a timer that never reached the table.
    let highest = 0;
    tx.run(() => {
      timers.takeNextDue(sys, 100);
      set(first, sys, 150, 'c');
      highest = set(first, sys, 160, 'run-at-once');
      timers.cancel(sys, 'k', 'run-at-once');
    });
    await tx.durable();
    // A turn that never commits: the process dies with it open.
    tx.run(() => {
      set(first, sys, 10, 'uncommitted');
      timers.cancel(sys, 'k', 'b');
    });
    first.db.sqlite.close();
    dbs.forget(first.db);

    const second = open(file);
    expect(second.stores.timers.systemsWithTimers()).toEqual([sys]);
    expect(pendingRefs(second, sys)).toEqual(['c', 'b']);
    const next = second.stores.tx.run(() => set(second, sys, 300, 'd'));
    expect(next).toBeGreaterThan(highest);
    await second.stores.tx.durable();
    second.db.close();
    dbs.forget(second.db);

    const third = open(file);
    expect(set(third, sys, 400, 'e')).toBeGreaterThan(next);
    expect(third.inTable(sys)).toEqual(['c', 'b', 'd', 'e']);
  });
});
