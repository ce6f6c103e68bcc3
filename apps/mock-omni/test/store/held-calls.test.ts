/**
 * `calls` and `dialler_calls` rows held until the group commit's COMMIT: each row is written once a turn, with its
 * last values (triggers log every write the table takes); a rolled-back savepoint, a failed COMMIT and a system wipe
 * leave memory as the table stands; readers over HTTP, drizzle-prepared statements and a restart see exactly what the
 * turns committed.
 *
 * @module
 */

import { CALL_TYPES } from '@omnikit/contracts';
import { describe, expect, it, vi } from 'vitest';
import type { CallRecord } from '../../src/engine/calls/call-record.js';
import { startCallRecord } from '../../src/engine/calls/call-step.js';
import type { StoredCall } from '../../src/engine/calls/call-store.js';
import type { DiallerCall } from '../../src/engine/dialler/dialler-store.js';
import { createCallRepository } from '../../src/store/call-repository.js';
import { createStores } from '../../src/store/create-stores.js';
import { createDiallerStateRepository } from '../../src/store/dialler-state-repository.js';
import { prepareUnguarded } from '../../src/store/pending-writes.js';
import { DAY_START } from '../engine/dialler/support/fixtures.js';
import { startMock } from '../support/omni-client.js';
import { testSystemRecord } from '../support/test-system.js';
import { trackedDatabases } from '../support/tracked-databases.js';

const dbs = trackedDatabases();

function record(callId: number, userId: number, direction: 'outbound' | 'inbound' = 'outbound'): CallRecord {
  return startCallRecord(
    {
      callId,
      userId,
      campaignId: 1,
      listId: 0,
      leadId: 0,
      shotgunId: 0,
      parentCallId: 0,
      phoneNumber: '0821234567',
      callerId: '0215550100',
      dnis: '',
      uniqueId: '',
      direction,
      callType: userId === 0 ? CALL_TYPES.DIALLER_OUTBOUND : CALL_TYPES.CLICK_2_DIAL,
      outcome: 'answer',
    },
    { role: userId === 0 ? 'system' : 'agent', autoRecord: false, at: DAY_START },
  ).record;
}

function call(callId: number, notes: string, userId = 3): StoredCall {
  return { ...record(callId, userId), linkedCallId: 0, recordedMs: 0, recordingSince: null, notes, callbackAt: null };
}

function diallerCall(callId: number, phase: DiallerCall['phase'], dispositionCode: string | null = null): DiallerCall {
  return {
    record: { ...record(callId, 0), dispositionCode },
    phase,
    waitingSince: phase === 'dialling' ? null : DAY_START,
    machine: false,
    talkMs: 0,
  };
}

const LOGGED = ['calls', 'dialler_calls'] as const;

/** A database with every write to `calls` and `dialler_calls` logged by triggers. */
function world(file = ':memory:') {
  const db = dbs.open(file);
  const stores = createStores(db);
  const system = testSystemRecord('held-calls');
  const systemId = stores.systems.getByKey(system.systemKey)?.systemId ?? stores.systems.insert(system);
  db.sqlite.exec('CREATE TABLE IF NOT EXISTS write_log (n INTEGER PRIMARY KEY, op TEXT, tbl TEXT, call_id INTEGER)');
  for (const table of LOGGED)
    for (const [op, row] of [
      ['INSERT', 'NEW'],
      ['UPDATE', 'NEW'],
      ['DELETE', 'OLD'],
    ] as const)
      db.sqlite.exec(
        `CREATE TRIGGER IF NOT EXISTS log_${table}_${op} AFTER ${op} ON ${table} BEGIN
           INSERT INTO write_log (op, tbl, call_id) VALUES ('${op}', '${table}', ${row}.call_id); END`,
      );
  const log = () =>
    prepareUnguarded<[], { op: string; tbl: string; call_id: number }>(
      db.sqlite,
      'SELECT op, tbl, call_id FROM write_log ORDER BY n',
    )
      .all()
      .map((r) => `${r.op} ${r.tbl} ${r.call_id}`);
  const clearLog = () => prepareUnguarded(db.sqlite, 'DELETE FROM write_log').run();
  /** The calls as the table holds them, held rows not written. */
  const inTable = () =>
    prepareUnguarded<[number], { call_id: number; notes: string; disposition_code: string | null }>(
      db.sqlite,
      'SELECT call_id, notes, disposition_code FROM calls WHERE system_id = ? ORDER BY call_id',
    )
      .all(systemId)
      .map((r) => `${r.call_id}:${r.notes}:${r.disposition_code ?? '-'}`);
  const diallerRows = () =>
    prepareUnguarded<[number], { call_id: number; phase: string }>(
      db.sqlite,
      'SELECT call_id, phase FROM dialler_calls WHERE system_id = ? ORDER BY call_id',
    )
      .all(systemId)
      .map((r) => `${r.call_id}:${r.phase}`);
  const dialler = createDiallerStateRepository(db.sqlite, systemId);
  // The dialler's mirror filled before any turn, as a day's first command fills it: its join writes held rows first.
  dialler.holds(0);
  return {
    db,
    stores,
    tx: stores.tx,
    systemId,
    calls: createCallRepository(db.sqlite),
    dialler,
    log,
    clearLog,
    inTable,
    diallerRows,
  };
}

describe('calls held until the COMMIT', () => {
  it('a call inserted and updated in one turn is one INSERT with its last values', async () => {
    const { tx, systemId, calls, log, inTable } = world();
    tx.run(() => calls.insert(systemId, call(1, 'first')));
    tx.run(() => calls.update(systemId, { ...(calls.get(systemId, 1) as StoredCall), notes: 'second' }));
    tx.run(() => calls.update(systemId, { ...(calls.get(systemId, 1) as StoredCall), notes: 'last' }));
    expect(inTable()).toEqual([]);
    expect(calls.get(systemId, 1)?.notes).toBe('last');
    await tx.durable();
    expect(log()).toEqual(['INSERT calls 1']);
    expect(inTable()).toEqual(['1:last:-']);
  });

  it('a caller changing its call object after the save changes neither what is held nor what a read answers', async () => {
    const { tx, systemId, calls, dialler, inTable } = world();
    const inserted = call(1, 'as inserted');
    const updated = call(2, 'as updated');
    const merged = { ...record(3, 0), dispositionCode: 'SALE' };
    tx.run(() => {
      calls.insert(systemId, inserted);
      calls.insert(systemId, call(2, 'first'));
      calls.update(systemId, updated);
      dialler.releaseCall(3, merged);
    });
    // The store kept its own copies: the callers' objects stay theirs to change.
    inserted.notes = 'changed after insert';
    inserted.timeline = [];
    updated.notes = 'changed after update';
    merged.dispositionCode = 'CHANGED';
    expect(calls.get(systemId, 1)).toMatchObject({ notes: 'as inserted', timeline: record(1, 3).timeline });
    expect(calls.get(systemId, 2)?.notes).toBe('as updated');
    expect(calls.get(systemId, 3)?.dispositionCode).toBe('SALE');
    await tx.durable();
    expect(inTable()).toEqual(['1:as inserted:-', '2:as updated:-', '3::SALE']);
  });

  it('an update of a committed call is one UPDATE; the dialler’s record merges into a held call', async () => {
    const { tx, systemId, calls, dialler, log, clearLog, inTable } = world();
    tx.run(() => calls.insert(systemId, call(1, 'agent notes', 0)));
    await tx.durable();
    clearLog();
    tx.run(() => calls.update(systemId, { ...(calls.get(systemId, 1) as StoredCall), notes: 'kept' }));
    tx.run(() => dialler.saveCall(diallerCall(1, 'waiting', 'SALE')));
    tx.run(() => dialler.releaseCall(1, { ...record(1, 0), dispositionCode: 'DONE' }));
    expect(calls.get(systemId, 1)).toMatchObject({ notes: 'kept', dispositionCode: 'DONE' });
    await tx.durable();
    // The dialler_calls row put and released in the turn is never written.
    expect(log()).toEqual(['UPDATE calls 1']);
    expect(inTable()).toEqual(['1:kept:DONE']);
  });

  it('a dialler_calls row in the table and released is one DELETE; its record one write', async () => {
    const { tx, systemId, calls, dialler, log, clearLog, inTable, diallerRows } = world();
    tx.run(() => dialler.saveCall(diallerCall(5, 'dialling')));
    tx.run(() => dialler.saveCall(diallerCall(5, 'waiting')));
    await tx.durable();
    expect(log()).toEqual(['INSERT calls 5', 'INSERT dialler_calls 5']);
    expect(diallerRows()).toEqual(['5:waiting']);
    clearLog();
    tx.run(() => dialler.saveCall(diallerCall(5, 'queued', 'A')));
    tx.run(() => dialler.releaseCall(5, { ...record(5, 0), dispositionCode: 'B' }));
    expect(dialler.holds(5)).toBe(false);
    // A record's columns alone held: a read makes the call whole from its row.
    expect(calls.get(systemId, 5)).toMatchObject({ dispositionCode: 'B', notes: '' });
    await tx.durable();
    expect(log().sort()).toEqual(['DELETE dialler_calls 5', 'UPDATE calls 5']);
    expect(diallerRows()).toEqual([]);
    expect(inTable()).toEqual(['5::B']);
  });

  it('inserting a call already held fails in its own command, as an INSERT of an existing row does', async () => {
    const { tx, systemId, calls, log, inTable } = world();
    tx.run(() => calls.insert(systemId, call(1, 'first')));
    // The held row is written so that the INSERT meets it; the command's rollback holds it again.
    expect(() => tx.run(() => calls.insert(systemId, call(1, 'second')))).toThrow(/UNIQUE/);
    expect(inTable()).toEqual([]);
    expect(calls.get(systemId, 1)?.notes).toBe('first');
    await tx.durable();
    expect(log()).toEqual(['INSERT calls 1']);
    expect(inTable()).toEqual(['1:first:-']);
  });

  it('the memory starting again past its limit drops no held call: a read answers it without writing', async () => {
    const { tx, systemId, calls, log, inTable } = world();
    tx.run(() => {
      calls.insert(systemId, call(1, 'held first'));
      for (let id = 2; id <= 5_000; id++) calls.insert(systemId, call(id, 'more'));
    });
    expect(calls.get(systemId, 1)?.notes).toBe('held first');
    expect(inTable()).toEqual([]);
    tx.run(() => calls.update(systemId, { ...(calls.get(systemId, 1) as StoredCall), notes: 'held last' }));
    await tx.durable();
    expect(log().filter((l) => l.endsWith(' 1'))).toEqual(['INSERT calls 1']);
    expect(inTable()[0]).toBe('1:held last:-');
  });

  it('a savepoint rolled back after a barrier flush leaves the turn’s earlier writes held, and memory with them', async () => {
    const { db, tx, systemId, calls, dialler, log, inTable, diallerRows } = world();
    tx.run(() => {
      calls.insert(systemId, call(1, 'first'));
      dialler.saveCall(diallerCall(2, 'dialling'));
    });
    expect(() =>
      tx.run(() => {
        calls.update(systemId, { ...(calls.get(systemId, 1) as StoredCall), notes: 'undone' });
        dialler.releaseCall(2, { ...record(2, 0), dispositionCode: 'UNDONE' });
        calls.insert(systemId, call(3, 'undone'));
        // A statement prepared with the barrier writes every held row first; the rollback takes the writes back.
        expect(db.sqlite.prepare('SELECT count(*) FROM calls').pluck().get()).toBe(3);
        throw new Error('refused');
      }),
    ).toThrow('refused');
    expect(inTable()).toEqual([]);
    expect(calls.get(systemId, 1)?.notes).toBe('first');
    expect(calls.get(systemId, 3)).toBeUndefined();
    expect(dialler.holds(2)).toBe(true);
    tx.run(() => calls.update(systemId, { ...(calls.get(systemId, 1) as StoredCall), notes: 'second' }));
    await tx.durable();
    // The rollback emptied the dialler's mirror; its refill (`holds`) wrote the held rows first, so 1 is written twice.
    expect(log().sort()).toEqual(['INSERT calls 1', 'INSERT calls 2', 'INSERT dialler_calls 2', 'UPDATE calls 1']);
    expect(inTable()).toEqual(['1:second:-', '2::-']);
    expect(diallerRows()).toEqual(['2:dialling']);
  });

  it('a failed COMMIT leaves neither rows nor memory of the turn', async () => {
    const { db, tx, systemId, calls, dialler, inTable, diallerRows } = world();
    db.sqlite.exec('CREATE TABLE parent (id INTEGER PRIMARY KEY)');
    db.sqlite.exec('CREATE TABLE child (p INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)');
    tx.run(() => {
      calls.insert(systemId, call(1, 'lost'));
      dialler.saveCall(diallerCall(2, 'dialling'));
    });
    // A deferred foreign key is checked at COMMIT: this turn cannot commit.
    tx.run(() => db.sqlite.prepare('INSERT INTO child (p) VALUES (42)').run());
    await expect(tx.durable()).rejects.toThrow(/FOREIGN KEY/);
    expect(inTable()).toEqual([]);
    expect(calls.get(systemId, 1)).toBeUndefined();
    expect(dialler.holds(2)).toBe(false);
    // The same calls can be made again: nothing held or kept says they exist.
    tx.run(() => {
      calls.insert(systemId, call(1, 'again'));
      dialler.saveCall(diallerCall(2, 'waiting'));
    });
    await tx.durable();
    expect(inTable()).toEqual(['1:again:-', '2::-']);
    expect(diallerRows()).toEqual(['2:waiting']);
  });

  it('a system reset with calls held deletes them, and memory forgets them', async () => {
    const { db, stores, tx, systemId, calls, dialler, inTable, diallerRows } = world();
    tx.run(() => calls.insert(systemId, call(1, 'committed')));
    await tx.durable();
    tx.run(() => {
      calls.update(systemId, { ...(calls.get(systemId, 1) as StoredCall), notes: 'held' });
      calls.insert(systemId, call(2, 'held'));
      dialler.saveCall(diallerCall(3, 'dialling'));
    });
    tx.run(() => stores.systems.wipeData(systemId));
    expect(calls.get(systemId, 1)).toBeUndefined();
    expect(calls.get(systemId, 2)).toBeUndefined();
    expect(dialler.holds(3)).toBe(false);
    await tx.durable();
    expect(inTable()).toEqual([]);
    expect(diallerRows()).toEqual([]);
    expect(createDiallerStateRepository(db.sqlite, systemId).call(3)).toBeUndefined();
  });

  it('readers that prepare their own statements see held calls: by recording file, the dialler’s join', () => {
    const { db, tx, systemId, calls } = world();
    tx.run(() => {
      calls.insert(systemId, { ...call(1, 'held'), recordingFile: 'rec-1.wav' });
      createDiallerStateRepository(db.sqlite, systemId).saveCall(diallerCall(2, 'queued'));
    });
    expect(calls.findByRecordingFile(systemId, 'rec-1.wav')?.callId).toBe(1);
    // A store made now reads the join from the tables (the barrier writes the held rows first).
    expect(createDiallerStateRepository(db.sqlite, systemId).call(2)?.phase).toBe('queued');
    tx.flush();
  });

  it('a restart finds exactly the calls the turns committed, with their last values', async () => {
    const file = dbs.tempFile('omni-held-calls-', 'calls.db');
    const first = world(file);
    first.tx.run(() => first.calls.insert(first.systemId, call(1, 'one')));
    first.tx.run(() => first.calls.update(first.systemId, { ...call(1, 'one'), notes: 'one, last' }));
    first.tx.run(() => first.dialler.saveCall(diallerCall(2, 'dialling')));
    expect(() =>
      first.tx.run(() => {
        first.calls.insert(first.systemId, call(4, 'rolled back'));
        throw new Error('refused');
      }),
    ).toThrow('refused');
    await first.tx.durable();
    first.tx.run(() => first.dialler.saveCall(diallerCall(2, 'waiting')));
    first.tx.run(() => first.calls.insert(first.systemId, call(3, 'three')));
    // Closing commits the open turn first, as the mock's close does.
    first.tx.flush();
    first.db.close();
    dbs.forget(first.db);

    const again = world(file);
    expect(again.inTable()).toEqual(['1:one, last:-', '2::-', '3:three:-']);
    expect(again.diallerRows()).toEqual(['2:waiting']);
    expect(again.calls.get(again.systemId, 1)?.notes).toBe('one, last');
  });
});

describe('a call held in the turn, over HTTP', () => {
  it('GET of the call in the same turn answers it', async () => {
    const { mock, client } = await startMock();
    try {
      const { token, userId } = await client.authorize('agent1');
      const { stores, telephony } = mock.services;
      const systemId = stores.systems.getByKey(mock.defaultSystemKey)?.systemId as number;
      await stores.tx.durable();
      const pendingAtRead: boolean[] = [];
      const get = telephony.calls.get.bind(telephony.calls);
      const spy = vi.spyOn(telephony.calls, 'get').mockImplementation((s, id) => {
        pendingAtRead.push(stores.tx.pending());
        return get(s, id);
      });
      stores.tx.run(() => telephony.calls.insert(systemId, { ...call(900, 'held over HTTP', userId) }));
      const answer = await client.request('GET', `/omni/voice/${userId}/call/900`, { token });
      spy.mockRestore();
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ call_id: 900 });
      // The handler read the call while the turn that inserted it was still open.
      expect(pendingAtRead).toContain(true);
    } finally {
      await mock.close();
    }
  });
});
