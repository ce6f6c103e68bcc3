import { CALL_TYPES } from '@omnikit/contracts';
import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../src/engine/calls/call-record.js';
import { startCallRecord } from '../../src/engine/calls/call-step.js';
import { newCampaignCounters } from '../../src/engine/dialler/campaign-stats.js';
import type { CampaignRuntime, DiallerCallPhase, DiallerStore } from '../../src/engine/dialler/dialler-store.js';
import { createCallRepository } from '../../src/store/call-repository.js';
import { createStores } from '../../src/store/create-stores.js';
import { createDiallerStateRepository } from '../../src/store/dialler-state-repository.js';
import { DAY_START } from '../engine/dialler/support/fixtures.js';
import { createMemoryDiallerStore } from '../support/memory-dialler-store.js';
import { testSystemRecord } from '../support/test-system.js';
import { trackedDatabases } from '../support/tracked-databases.js';

const dbs = trackedDatabases();

function sqliteStore(systems = 1): { stores: DiallerStore[] } {
  const db = dbs.open(':memory:');
  const s = createStores(db);
  const out: DiallerStore[] = [];
  for (let i = 1; i <= systems; i++) {
    const id = s.systems.insert(testSystemRecord(`dialler-store-${i}`));
    out.push(createDiallerStateRepository(db.sqlite, id));
  }
  return { stores: out };
}

function record(callId: number, campaignId: number): CallRecord {
  return startCallRecord(
    {
      callId,
      userId: 0,
      campaignId,
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

describe('SQLite dialler store', () => {
  it('answers every query as the in-memory store does, through 3,000 random changes', () => {
    const memory = createMemoryDiallerStore();
    const sqlite = sqliteStore().stores[0] as DiallerStore;
    let x = 4242;
    const rand = (n: number) => {
      x = (x * 1103515245 + 12345) % 2147483648;
      return x % n;
    };
    const states = ['ready', 'paused', 'on_call', 'wrap_up'] as const;
    const phases: DiallerCallPhase[] = ['dialling', 'waiting', 'queued'];
    for (let step = 0; step < 3_000; step++) {
      const op = rand(6);
      const campaignId = 1 + rand(2);
      if (op === 0 || op === 1) {
        const agent = {
          userId: 1 + rand(30),
          campaignId,
          state: states[rand(4)] as (typeof states)[number],
          since: DAY_START + rand(50) * 1000,
          previewLeadId: rand(3),
        };
        memory.saveAgent(agent);
        sqlite.saveAgent(agent);
      } else if (op === 2) {
        const userId = 1 + rand(30);
        memory.removeAgent(userId);
        sqlite.removeAgent(userId);
      } else if (op === 3 || op === 4) {
        const phase = phases[rand(3)] as DiallerCallPhase;
        const call = {
          record: record(1 + rand(60), campaignId),
          phase,
          waitingSince: phase === 'dialling' ? null : DAY_START + rand(20) * 500,
          machine: rand(2) === 0,
          talkMs: rand(3) * 1000,
        };
        memory.saveCall(call);
        sqlite.saveCall(call);
      } else {
        const callId = 1 + rand(60);
        const last = memory.call(callId)?.record ?? record(callId, campaignId);
        memory.releaseCall(callId, last);
        sqlite.releaseCall(callId, last);
      }
      const probe = 1 + rand(60);
      expect(sqlite.holds(probe)).toBe(memory.holds(probe));
      for (const c of [1, 2]) {
        expect(sqlite.longestIdle(c)).toEqual(memory.longestIdle(c));
        expect(sqlite.readyCount(c)).toBe(memory.readyCount(c));
        expect(sqlite.dialling(c)).toBe(memory.dialling(c));
        for (const p of ['waiting', 'queued'] as const) {
          expect(sqlite.waitingCount(c, p)).toBe(memory.waitingCount(c, p));
          expect(sqlite.firstWaiting(c, p)?.record.callId).toBe(memory.firstWaiting(c, p)?.record.callId);
        }
      }
      if (step % 100 === 0) {
        expect(sqlite.agents(1)).toEqual(memory.agents(1));
        const id = 1 + rand(60);
        expect(sqlite.call(id)).toEqual(memory.call(id));
      }
    }
  });

  it('writes a call’s record to the calls table from its first step, and leaves its last there when it lets go', () => {
    const db = dbs.open(':memory:');
    const s = createStores(db);
    const systemId = s.systems.insert(testSystemRecord('dialler-calls'));
    const store = createDiallerStateRepository(db.sqlite, systemId);
    const calls = createCallRepository(db.sqlite);
    const first = record(7, 2);
    store.saveCall({ record: first, phase: 'dialling', waitingSince: null, machine: false, talkMs: 0 });
    expect(calls.get(systemId, 7)).toMatchObject({ callId: 7, campaignId: 2, userId: 0, timeline: first.timeline });
    expect(store.holds(7)).toBe(true);
    const ended: CallRecord = {
      ...first,
      sipCode: 486,
      machine: { ...first.machine, call: 'ended' },
      timeline: [...first.timeline, { at: DAY_START + 1_000, event: 'ringing' }],
    };
    store.releaseCall(7, ended);
    expect(store.holds(7)).toBe(false);
    expect(store.call(7)).toBeUndefined();
    expect(calls.get(systemId, 7)).toMatchObject({ sipCode: 486, machine: ended.machine, timeline: ended.timeline });
    // What the agent-call flow wrote beside the record (notes, callback) survives the dialler's writes.
    const stored = calls.get(systemId, 7);
    if (!stored) throw new Error('call 7 is gone');
    calls.update(systemId, { ...stored, notes: 'kept', callbackAt: DAY_START + 5 });
    store.saveCall({ record: ended, phase: 'waiting', waitingSince: DAY_START, machine: false, talkMs: 0 });
    expect(calls.get(systemId, 7)).toMatchObject({ notes: 'kept', callbackAt: DAY_START + 5 });
  });

  it('keeps a campaign’s runtime (counters, dispositions, pacing, arrival process) through a rolled-back write', () => {
    const db = dbs.open(':memory:');
    const s = createStores(db);
    const systemId = s.systems.insert(testSystemRecord('dialler-runtime'));
    const store = createDiallerStateRepository(db.sqlite, systemId);
    const settings = {
      campaignId: 4,
      callsPerHour: Array.from({ length: 24 }, (_, h) => h * 10),
      timeZone: 'Africa/Johannesburg',
      dids: ['0861000001'],
      patienceMedianMs: 60_000,
      patienceSigma: 0.8,
    };
    const rt: CampaignRuntime = {
      campaignId: 4,
      stats: {
        ...newCampaignCounters(DAY_START),
        dials: 9,
        agentMs: { ready: 1, on_call: 2, wrap_up: 3, paused: 4 },
        dispositions: { SALE: 2, DROP: 1 },
      },
      pacing: { resolved: 4, needAgent: 1, answerDelayMs: 9_000, answered: 2, linesPerAgent: 2.25, gain: 0.75 },
      arrival: { settings, seq: 5, arrived: 5, nextAt: DAY_START + 9 },
      wakeAt: null,
    };
    store.saveRuntime(rt);
    expect(store.runtime(4)).toEqual(rt);
    const changed = { ...settings, dids: ['0861000002'] };
    expect(() =>
      db.sqlite.transaction(() => {
        store.saveRuntime({ ...rt, arrival: { settings: changed, seq: 6, arrived: 6, nextAt: null } });
        expect(store.runtime(4)?.arrival?.settings.dids).toEqual(['0861000002']);
        throw new Error('roll back');
      })(),
    ).toThrow('roll back');
    expect(store.runtime(4)).toEqual(rt);
    store.saveRuntime({ ...rt, arrival: null });
    expect(store.runtime(4)?.arrival).toBeNull();
  });

  it('keeps a campaign’s runtime record whole, and each system its own state', () => {
    const [one, two] = sqliteStore(2).stores as [DiallerStore, DiallerStore];
    const rt: CampaignRuntime = {
      campaignId: 3,
      stats: newCampaignCounters(DAY_START),
      pacing: { resolved: 40, needAgent: 12, answerDelayMs: 48_000, answered: 12, linesPerAgent: 1.5, gain: 0.9 },
      arrival: null,
      wakeAt: DAY_START + 60_000,
    };
    one.saveRuntime(rt);
    expect(one.runtime(3)).toEqual(rt);
    expect(two.runtime(3)).toBeUndefined();
    one.saveRuntime({ ...rt, wakeAt: null });
    expect(one.runtime(3)?.wakeAt).toBeNull();
    one.saveAgent({ userId: 1, campaignId: 3, state: 'ready', since: DAY_START, previewLeadId: 0 });
    expect(one.readyCount(3)).toBe(1);
    expect(two.readyCount(3)).toBe(0);
    expect(two.longestIdle(3)).toBeUndefined();
  });
  it('keeps a saved runtime as saved when a later command changes its own copy in place and fails', async () => {
    const db = dbs.open(':memory:');
    const s = createStores(db);
    const systemId = s.systems.insert(testSystemRecord('dialler-runtime-owned'));
    const store = createDiallerStateRepository(db.sqlite, systemId);
    const stored = () =>
      db.sqlite
        .prepare<[number], { dials: number; dispositions: string; gain: number }>(
          'SELECT dials, dispositions, gain FROM dialler_campaign_state WHERE system_id = ? AND campaign_id = 5',
        )
        .get(systemId);
    const rt: CampaignRuntime = {
      campaignId: 5,
      stats: { ...newCampaignCounters(DAY_START), dials: 1, dispositions: { SALE: 1 } },
      pacing: { resolved: 1, needAgent: 1, answerDelayMs: 5_000, answered: 1, linesPerAgent: 1, gain: 1 },
      arrival: null,
      wakeAt: null,
    };
    s.tx.run(() => store.saveRuntime(rt));
    expect(() =>
      s.tx.run(() => {
        // A command's runtime is its own: changed in place, then the command fails.
        const mine = store.runtime(5) as CampaignRuntime;
        mine.stats.dials = 99;
        mine.stats.dispositions.SALE = 7;
        mine.pacing.gain = 0.5;
        store.saveRuntime(mine);
        throw new Error('the command fails');
      }),
    ).toThrow('the command fails');
    expect(store.runtime(5)).toEqual(rt);
    await s.tx.durable();
    expect(stored()).toEqual({ dials: 1, dispositions: '{"SALE":1}', gain: 1 });
    // And a copy changed in place, not saved, changes nothing either.
    const copy = store.runtime(5) as CampaignRuntime;
    copy.stats.dials = 42;
    expect(store.runtime(5)?.stats.dials).toBe(1);
  });

  it('skips the write of a runtime that did not change, but not after that runtime was rolled back', () => {
    const db = dbs.open(':memory:');
    const s = createStores(db);
    const systemId = s.systems.insert(testSystemRecord('dialler-unchanged'));
    const store = createDiallerStateRepository(db.sqlite, systemId);
    const rev = () =>
      db.sqlite
        .prepare<[number], number>('SELECT rev FROM dialler_campaign_state WHERE system_id = ? AND campaign_id = 7')
        .pluck()
        .get(systemId);
    const rt: CampaignRuntime = {
      campaignId: 7,
      stats: { ...newCampaignCounters(DAY_START), dispositions: { SALE: 1 } },
      pacing: { resolved: 1, needAgent: 1, answerDelayMs: 5_000, answered: 1, linesPerAgent: 0, gain: 1 },
      arrival: null,
      wakeAt: null,
    };
    store.saveRuntime(rt);
    expect(rev()).toBe(1);
    // Read, unchanged, saved: nothing written.
    store.saveRuntime(store.runtime(7) as CampaignRuntime);
    expect(rev()).toBe(1);
    // Any field changed is written, the nested ones too.
    const read = store.runtime(7) as CampaignRuntime;
    store.saveRuntime({ ...read, stats: { ...read.stats, dispositions: { SALE: 2 } } });
    expect(rev()).toBe(2);
    const again = store.runtime(7) as CampaignRuntime;
    store.saveRuntime({ ...again, pacing: { ...again.pacing, linesPerAgent: 0.5 } });
    expect(rev()).toBe(3);
    expect(store.runtime(7)?.pacing.linesPerAgent).toBe(0.5);
    // A first write rolled back: saving the same values again must write them (the row is gone).
    const fresh = { ...rt, campaignId: 8 };
    expect(() =>
      db.sqlite.transaction(() => {
        store.saveRuntime(fresh);
        throw new Error('roll back');
      })(),
    ).toThrow('roll back');
    expect(store.runtime(8)).toBeUndefined();
    store.saveRuntime(fresh);
    expect(store.runtime(8)).toEqual(fresh);
  });
});
