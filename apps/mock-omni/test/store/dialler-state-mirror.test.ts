import { CALL_TYPES } from '@omnikit/contracts';
import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../src/engine/calls/call-record.js';
import { startCallRecord } from '../../src/engine/calls/call-step.js';
import type { StoredCall } from '../../src/engine/calls/call-store.js';
import { createCallRepository } from '../../src/store/call-repository.js';
import { createStores } from '../../src/store/create-stores.js';
import { createDiallerStateRepository } from '../../src/store/dialler-state-repository.js';
import { DAY_START } from '../engine/dialler/support/fixtures.js';
import { testSystemRecord } from '../support/test-system.js';
import { trackedDatabases } from '../support/tracked-databases.js';

const dbs = trackedDatabases();

function world() {
  const db = dbs.open(':memory:');
  const stores = createStores(db);
  const systemId = stores.systems.insert(testSystemRecord('dialler-mirror'));
  return { db, stores, systemId };
}

function record(callId: number): CallRecord {
  return startCallRecord(
    {
      callId,
      userId: 0,
      campaignId: 3,
      listId: 1,
      leadId: callId,
      shotgunId: 0,
      parentCallId: 0,
      phoneNumber: `0821${String(callId).padStart(6, '0')}`,
      callerId: '0215550100',
      dnis: '',
      uniqueId: '',
      direction: 'outbound',
      callType: CALL_TYPES.DIALLER_OUTBOUND,
      outcome: 'answer',
    },
    { role: 'system', autoRecord: false, at: DAY_START },
  ).record;
}

const ready = (userId: number, since = DAY_START) =>
  ({ userId, campaignId: 3, state: 'ready', since, previewLeadId: 0 }) as const;

describe('the dialler state kept in memory beside its rows', () => {
  it('forgets what a command rolled back (group commit savepoint): the rows are read again', async () => {
    const { stores, db, systemId } = world();
    const store = createDiallerStateRepository(db.sqlite, systemId);
    store.saveAgent(ready(1));
    expect(store.readyCount(3)).toBe(1);
    expect(() =>
      stores.tx.run(() => {
        store.saveAgent({ ...ready(1), state: 'on_call' });
        store.saveAgent(ready(2, DAY_START - 5));
        store.saveCall({ record: record(9), phase: 'dialling', waitingSince: null, machine: false, talkMs: 0 });
        expect(store.readyCount(3)).toBe(1);
        expect(store.longestIdle(3)?.userId).toBe(2);
        expect(store.dialling(3)).toBe(1);
        throw new Error('the command fails');
      }),
    ).toThrow('the command fails');
    await stores.tx.durable();
    expect(store.agent(1)?.state).toBe('ready');
    expect(store.agent(2)).toBeUndefined();
    expect(store.longestIdle(3)?.userId).toBe(1);
    expect(store.holds(9)).toBe(false);
    expect(store.dialling(3)).toBe(0);
  });

  it('forgets what a plain transaction rolled back', () => {
    const { db, systemId } = world();
    const store = createDiallerStateRepository(db.sqlite, systemId);
    store.saveCall({ record: record(4), phase: 'waiting', waitingSince: DAY_START, machine: false, talkMs: 0 });
    expect(() =>
      db.sqlite.transaction(() => {
        store.releaseCall(4, record(4));
        expect(store.waitingCount(3, 'waiting')).toBe(0);
        throw new Error('roll back');
      })(),
    ).toThrow('roll back');
    expect(store.waitingCount(3, 'waiting')).toBe(1);
    expect(store.firstWaiting(3, 'waiting')?.record.callId).toBe(4);
  });

  it('is one per system and connection: a second store of the system sees the first one’s writes at once', () => {
    const { db, systemId } = world();
    const one = createDiallerStateRepository(db.sqlite, systemId);
    const two = createDiallerStateRepository(db.sqlite, systemId);
    expect(two.readyCount(3)).toBe(0);
    one.saveAgent(ready(7));
    one.saveCall({ record: record(5), phase: 'queued', waitingSince: DAY_START, machine: false, talkMs: 12_000 });
    expect(two.readyCount(3)).toBe(1);
    expect(two.call(5)?.talkMs).toBe(12_000);
    two.removeAgent(7);
    expect(one.agents(3)).toEqual([]);
  });

  it('reads a held call again after the agent-call flow wrote its row', () => {
    const { db, systemId } = world();
    const store = createDiallerStateRepository(db.sqlite, systemId);
    const calls = createCallRepository(db.sqlite);
    store.saveCall({ record: record(6), phase: 'waiting', waitingSince: DAY_START, machine: false, talkMs: 0 });
    expect(store.call(6)?.record.userId).toBe(0);
    const stored = calls.get(systemId, 6) as StoredCall;
    calls.update(systemId, { ...stored, userId: 42 });
    expect(store.call(6)?.record.userId).toBe(42);
  });

  it('forgets a wiped system (a reset) and hands out copies its callers cannot change it through', () => {
    const { db, stores, systemId } = world();
    const store = createDiallerStateRepository(db.sqlite, systemId);
    store.saveAgent(ready(1));
    const seen = store.agent(1);
    if (seen) seen.state = 'paused';
    expect(store.agent(1)?.state).toBe('ready');
    stores.systems.wipeData(systemId);
    expect(store.agent(1)).toBeUndefined();
    expect(store.readyCount(3)).toBe(0);
  });
});
