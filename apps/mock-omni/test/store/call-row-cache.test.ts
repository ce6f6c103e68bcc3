import { CALL_TYPES } from '@omnikit/contracts';
import { describe, expect, it } from 'vitest';
import { startCallRecord } from '../../src/engine/calls/call-step.js';
import type { StoredCall } from '../../src/engine/calls/call-store.js';
import { createCallRepository } from '../../src/store/call-repository.js';
import { createStores } from '../../src/store/create-stores.js';
import { createDiallerStateRepository } from '../../src/store/dialler-state-repository.js';
import { DAY_START } from '../engine/dialler/support/fixtures.js';
import { testSystemRecord } from '../support/test-system.js';
import { trackedDatabases } from '../support/tracked-databases.js';

const dbs = trackedDatabases();

function call(callId: number): StoredCall {
  const { record } = startCallRecord(
    {
      callId,
      userId: 3,
      campaignId: 1,
      listId: 0,
      leadId: 0,
      shotgunId: 0,
      parentCallId: 0,
      phoneNumber: '0821234567',
      callerId: '0215550100',
      dnis: '',
      uniqueId: '',
      direction: 'outbound',
      callType: CALL_TYPES.CLICK_2_DIAL,
      outcome: 'answer',
    },
    { role: 'agent', autoRecord: false, at: DAY_START },
  );
  return { ...record, linkedCallId: 0, recordedMs: 0, recordingSince: null, notes: '', callbackAt: null };
}

function world() {
  const db = dbs.open(':memory:');
  const stores = createStores(db);
  const systemId = stores.systems.insert(testSystemRecord('call-cache'));
  return { db, stores, systemId, calls: createCallRepository(db.sqlite) };
}

describe('the calls kept in memory beside their rows', () => {
  it('answers a read with the call as written, frozen, and the same as the row holds', () => {
    const { db, systemId, calls } = world();
    calls.insert(systemId, call(1));
    const read = calls.get(systemId, 1) as StoredCall;
    expect(Object.isFrozen(read)).toBe(true);
    // A repository with nothing in memory reads the row: the two agree.
    const fresh = createCallRepository(db.sqlite);
    db.sqlite.prepare('UPDATE calls SET notes = notes').run();
    expect(fresh.get(systemId, 1)).toEqual(read);
  });

  it('forgets an update its command rolled back', async () => {
    const { stores, systemId, calls } = world();
    calls.insert(systemId, call(2));
    expect(() =>
      stores.tx.run(() => {
        calls.update(systemId, { ...call(2), notes: 'never kept' });
        expect(calls.get(systemId, 2)?.notes).toBe('never kept');
        throw new Error('the command fails');
      }),
    ).toThrow('the command fails');
    await stores.tx.durable();
    expect(calls.get(systemId, 2)?.notes).toBe('');
  });

  it('takes the record the dialler wrote and keeps what the agent-call flow wrote beside it', () => {
    const { db, systemId, calls } = world();
    const store = createDiallerStateRepository(db.sqlite, systemId);
    calls.insert(systemId, { ...call(3), notes: 'kept' });
    const ended = { ...call(3), sipCode: 486 };
    store.releaseCall(3, ended);
    expect(calls.get(systemId, 3)).toMatchObject({ sipCode: 486, notes: 'kept' });
  });

  it('forgets a wiped system', () => {
    const { stores, systemId, calls } = world();
    calls.insert(systemId, call(4));
    stores.systems.wipeData(systemId);
    expect(calls.get(systemId, 4)).toBeUndefined();
  });
});
