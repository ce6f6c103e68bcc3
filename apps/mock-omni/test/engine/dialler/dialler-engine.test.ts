/**
 * The dialler engine in small scenes, driven by hand: a timer queue stands in for the timer service and the test plays
 * the agents. Numbers follow callee rules with fixed times, so every instant below is known.
 *
 * @module
 */

import { CAMPAIGN_TYPES, type Notification, notification } from '@omnikit/contracts';
import { type CalleeRule, campaignStatsView, inboundArrivalView } from '@omnikit/contracts/control';
import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../../src/engine/calls/call-record.js';
import { stepCall } from '../../../src/engine/calls/call-step.js';
import type { DiallerCampaign } from '../../../src/engine/dialler/dialler-campaign.js';
import { createDialler, type DiallerEffect } from '../../../src/engine/dialler/dialler-engine.js';
import type { DiallerLead } from '../../../src/engine/dialler/lead-source.js';
import { DomainError } from '../../../src/engine/domain-error.js';
import { Rng } from '../../../src/engine/rng.js';
import { createMemoryDiallerStore } from '../../support/memory-dialler-store.js';
import { createMemoryLeadSource } from '../../support/memory-lead-source.js';
import { TimerQueue } from '../../support/timer-queue.js';
import { campaign, DAY_START, lead, MINUTE, phone } from './support/fixtures.js';

const T = DAY_START;
const S = 1_000;
const ANSWERS = '0821000001'; // answers 5 s after the dial, talks 60 s
const BUSY = '0821000002'; // busy after 1 s
const MACHINE = '0821000003'; // a machine answers after 5 s
const ANSWERS_2 = '0821000004'; // answers 5 s after the dial
const RULES: CalleeRule[] = [
  { number: ANSWERS, behaviour: { outcome: 'answer', ring_ms: 5 * S, talk_ms: 60 * S } },
  { number: ANSWERS_2, behaviour: { outcome: 'answer', ring_ms: 5 * S, talk_ms: 60 * S } },
  { number: BUSY, behaviour: { outcome: 'busy', ring_ms: S } },
  { number: MACHINE, behaviour: { outcome: 'machine', ring_ms: 5 * S, talk_ms: 20 * S } },
];
const DIDS = ['0800100100'];

function rig(over: Partial<DiallerCampaign>, leads: DiallerLead[] = [], dnc: string[] = []) {
  const c = campaign(over);
  const leadSource = createMemoryLeadSource({ dnc });
  for (const l of leads) leadSource.put(l);
  const store = createMemoryDiallerStore();
  let callId = 100;
  const dialler = createDialler({
    leads: leadSource,
    store,
    campaigns: {
      campaign: (id) => (id === c.campaignId ? c : undefined),
      campaignForDid: (did) => (c.inboundDids.includes(did) ? c.campaignId : undefined),
    },
    rng: Rng.fromSeed('engine-scenes'),
    nextCallId: () => ++callId,
    calleeRules: () => RULES,
  });
  const queue = new TimerQueue();
  const log: { at: number; e: DiallerEffect }[] = [];
  /** Timers the dialler set for calls it no longer holds: the agent-call flow's business. */
  const agentEvents: { at: number; kind: string; payload: unknown }[] = [];
  let now = T;
  const apply = (effects: DiallerEffect[]) => {
    for (const e of effects) {
      log.push({ at: now, e });
      if (e.type === 'set_timer') queue.schedule(e.dueAt, e.kind, e.ref, e.payload);
      if (e.type === 'cancel_timer') queue.cancel(e.kind, e.ref);
    }
    return effects;
  };
  const run = (until: number) => {
    for (let t = queue.popDue(until); t; t = queue.popDue(until)) {
      now = t.dueAt;
      const callId = (t.payload as { call_id?: number }).call_id;
      if (t.kind.startsWith('call_') && callId !== undefined && !dialler.hasCall(callId))
        agentEvents.push({ at: now, kind: t.kind, payload: t.payload });
      else apply(dialler.onTimer(t.kind, t.payload, now));
    }
    now = until;
  };
  const agent = (userId: number, state: 'paused' | 'ready' | 'on_call' | 'wrap_up' | 'logged_out', at = now) => {
    now = at;
    return apply(dialler.agentState({ userId, campaignId: c.campaignId, state }, at));
  };
  const notes = (): Notification[] => log.flatMap(({ e }) => (e.type === 'notify' ? [e.notification] : []));
  const routes = () => log.flatMap(({ e, at }) => (e.type === 'route' ? [{ ...e, at }] : []));
  const cdrs = () => notes().flatMap((n) => (n.type === 'cdr' ? [n.payload] : []));
  const dials = () =>
    notes().flatMap((n) =>
      n.type === 'call_state' && n.payload.previous_state === '' && n.payload.call_type === 2 ? [n.payload] : [],
    );
  return {
    c,
    dialler,
    leads: leadSource,
    store,
    apply,
    run,
    agent,
    log,
    notes,
    routes,
    cdrs,
    dials,
    agentEvents,
    now: () => now,
  };
}

describe('progressive outbound', () => {
  it('dials one line for a ready agent and puts the answer through to it', () => {
    const r = rig({}, [lead(1, [phone(ANSWERS)])]);
    r.agent(7, 'paused', T);
    expect(r.dials()).toEqual([]);
    r.agent(7, 'ready', T);
    expect(r.dials().map((d) => [d.call_id, d.lead_id, d.phone_number, d.user_id])).toEqual([[101, 1, ANSWERS, 0]]);
    expect(r.leads.get(1)).toMatchObject({ attempts: 1, lastCallId: 101, lastCallAt: T });
    expect(r.leads.holder(1)).toBe('call:101');
    r.run(T + 5 * S);
    const [route] = r.routes();
    expect(route?.userId).toBe(7);
    expect(route?.at).toBe(T + 5 * S);
    expect([route?.record.machine.role, route?.record.userId, route?.record.callType]).toEqual(['agent', 7, 2]);
    expect(r.dialler.hasCall(101)).toBe(false);
    expect(r.store.agent(7)?.state).toBe('on_call');
    // The callee's hang-up is left for the agent-call flow.
    r.run(T + 70 * S);
    expect(r.agentEvents.map((e) => [e.at, (e.payload as { input: { type: string } }).input.type])).toEqual([
      [T + 65 * S, 'callee_hangup'],
    ]);
    const stats = r.dialler.stats(1, r.now());
    expect([stats.dials, stats.connects, stats.drops]).toEqual([1, 1, 0]);
    for (const n of r.notes()) expect(() => notification.parse(n)).not.toThrow();
  });

  it('drops an answer with no agent free within 2 s: CDR with user 0 and DROP; the lead recycles', () => {
    const r = rig({ recycleDelayMinutes: 30 }, [lead(1, [phone(ANSWERS)])]);
    r.agent(7, 'ready', T);
    r.agent(7, 'paused', T + S);
    r.run(T + 6 * S);
    expect(r.cdrs()).toEqual([]);
    r.run(T + 7 * S);
    const [cdr] = r.cdrs();
    expect([cdr?.call_id, cdr?.user_id, cdr?.dispostion_code, cdr?.sip_code, cdr?.call_type]).toEqual([
      101,
      0,
      'DROP',
      200,
      2,
    ]);
    expect(cdr?.end_date_time).toBe(new Date(T + 7 * S).toISOString());
    expect(r.routes()).toEqual([]);
    expect(r.leads.get(1)).toMatchObject({ status: 'DROP', dueAt: T + 7 * S + 30 * MINUTE });
    expect(r.leads.holder(1)).toBeUndefined();
    const stats = r.dialler.stats(1, r.now());
    expect([stats.drops, stats.drop_rate, stats.dispositions]).toEqual([1, 100, { DROP: 1 }]);
  });

  it('puts the answer through when an agent frees up within the 2 s, cancelling the drop', () => {
    const r = rig({}, [lead(1, [phone(ANSWERS)])]);
    r.agent(7, 'ready', T);
    r.agent(7, 'paused', T + S);
    r.run(T + 5 * S);
    r.agent(7, 'ready', T + 6 * S);
    expect(r.routes().map((x) => [x.userId, x.at])).toEqual([[7, T + 6 * S]]);
    expect(r.log.some(({ e }) => e.type === 'cancel_timer' && e.kind === 'dialler_drop')).toBe(true);
    r.run(T + 10 * S);
    expect(r.cdrs()).toEqual([]);
  });

  it('with AMD drops a machine as A at the answer; without it the machine reaches the agent', () => {
    const on = rig({ amdEnabled: true }, [lead(1, [phone(MACHINE)])]);
    on.agent(7, 'ready', T);
    on.run(T + 5 * S);
    expect(on.routes()).toEqual([]);
    expect(on.cdrs().map((c) => [c.user_id, c.dispostion_code, c.sip_code])).toEqual([[0, 'A', 200]]);
    expect(on.dialler.stats(1, on.now()).answering_machines).toBe(1);
    const off = rig({ amdEnabled: false }, [lead(1, [phone(MACHINE)])]);
    off.agent(7, 'ready', T);
    off.run(T + 5 * S);
    expect(off.routes().map((x) => [x.userId, x.record.outcome])).toEqual([[7, 'machine']]);
  });

  it('tries the lead’s numbers in order: busy on the first, the second at once', () => {
    const r = rig({}, [lead(1, [phone(BUSY), phone(ANSWERS)])]);
    r.agent(7, 'ready', T);
    r.run(T + S);
    expect(r.cdrs().map((c) => [c.dispostion_code, c.user_id, c.sip_code])).toEqual([['B', 0, 486]]);
    expect(r.dials().map((d) => [d.phone_number, d.lead_id])).toEqual([
      [BUSY, 1],
      [ANSWERS, 1],
    ]);
    expect(r.leads.get(1)).toMatchObject({ attempts: 2, status: 'B' });
  });

  it('skips a lead whose every number is on the DNC list, for good', () => {
    const r = rig({}, [lead(1, [phone(BUSY)]), lead(2, [phone(ANSWERS)])], [BUSY]);
    r.agent(7, 'ready', T);
    expect(r.dials().map((d) => d.lead_id)).toEqual([2]);
    expect(r.leads.get(1)?.dueAt).toBe(null);
  });

  it('wakes up when a lead falls due later, and dials it then', () => {
    const r = rig({}, [lead(1, [phone(ANSWERS)], { dueAt: T + 10 * MINUTE })]);
    r.agent(7, 'ready', T);
    expect(r.dials()).toEqual([]);
    const wake = r.log.find(({ e }) => e.type === 'set_timer' && e.kind === 'dialler_wake');
    expect(wake?.e.type === 'set_timer' && wake.e.dueAt).toBe(T + 10 * MINUTE);
    r.run(T + 10 * MINUTE);
    expect(r.dials().map((d) => [d.lead_id, d.timestamp])).toEqual([[1, new Date(T + 10 * MINUTE).toISOString()]]);
  });

  it('does not dial by itself for Preview or Inbound campaigns', () => {
    for (const campaignType of [CAMPAIGN_TYPES.PREVIEW, CAMPAIGN_TYPES.INBOUND, CAMPAIGN_TYPES.CLICK_2_DIAL]) {
      const r = rig({ campaignType }, [lead(1, [phone(ANSWERS)])]);
      r.agent(7, 'ready', T);
      expect(r.dials()).toEqual([]);
    }
  });
});

describe('inbound', () => {
  const inbound = { campaignType: CAMPAIGN_TYPES.INBOUND, inboundDids: DIDS, listIds: [] };

  it('puts a call through at once to a ready agent, with the inbound notification', () => {
    const r = rig(inbound);
    r.agent(3, 'ready', T);
    const { callId, effects } = r.dialler.inboundCall({ did: DIDS[0] as string, phoneNumber: '0829990000' }, T + S);
    r.apply(effects);
    // It arrives (initiated, ringing), then the agent is put on it before anything else is said of it.
    const order = effects.map((e) =>
      e.type === 'notify'
        ? e.notification.type === 'call_state'
          ? `call_state:${e.notification.payload.call_state}`
          : e.notification.type
        : e.type === 'route'
          ? `route:${e.userId}`
          : `${e.type}:${e.kind}`,
    );
    expect(order).toEqual([
      'call_state:initiated',
      'call_state:ringing',
      'route:3',
      'cancel_timer:call_no_answer',
      'call_state:answered',
      'cancel_timer:inbound_abandon',
      'set_timer:call_event',
      'inbound',
    ]);
    const offer = r.notes().find((n) => n.type === 'inbound');
    expect(offer?.type === 'inbound' && offer.payload).toEqual({
      call_id: callId,
      phone_number: '0829990000',
      DNIS: DIDS[0],
      reference_id: '',
      call_direction: 'inbound',
      user_id: 3,
      campaign_id: 1,
      list_id: 0,
      call_type: 3,
    });
    // The caller hangs up after their talk time: a callee event for the agent-call flow.
    const hangup = effects.find((e) => e.type === 'set_timer' && e.kind === 'call_event');
    expect(hangup?.type === 'set_timer' && hangup.dueAt).toBeGreaterThan(T + S);
    expect(r.dialler.stats(1, T + S)).toMatchObject({
      inbound_offered: 1,
      inbound_answered: 1,
      average_speed_of_answer_ms: 0,
    });
  });

  it('queues the caller, then gives them to the agent that has been idle longest', () => {
    const r = rig(inbound);
    r.agent(3, 'paused', T);
    r.apply(r.dialler.inboundCall({ did: DIDS[0] as string, phoneNumber: '0829990000' }, T).effects);
    expect(r.routes()).toEqual([]);
    r.agent(4, 'ready', T + 10 * S);
    expect(r.routes().map((x) => [x.userId, x.at])).toEqual([[4, T + 10 * S]]);
    expect(r.log.some(({ e }) => e.type === 'cancel_timer' && e.kind === 'inbound_abandon')).toBe(true);
    expect(r.dialler.stats(1, r.now()).average_speed_of_answer_ms).toBe(10 * S);
    // Two agents ready: the one ready since earlier takes the next caller, whatever its id.
    r.agent(9, 'ready', T + 20 * S);
    r.agent(4, 'ready', T + 30 * S);
    r.apply(r.dialler.inboundCall({ did: DIDS[0] as string, phoneNumber: '0829990001' }, T + 40 * S).effects);
    expect(r.routes().at(-1)?.userId).toBe(9);
  });

  it('lets a caller leave when their patience runs out: ABAND, 487, user 0, no inbound notification', () => {
    const r = rig(inbound);
    r.agent(3, 'paused', T);
    const { callId } = r.dialler.inboundCall({ did: DIDS[0] as string, phoneNumber: '0829990000' }, T);
    r.apply(r.dialler.inboundCall({ did: DIDS[0] as string, phoneNumber: '0829990000' }, T).effects);
    r.run(T + 3_600 * S);
    const abandoned = r.cdrs();
    expect(abandoned.map((c) => [c.user_id, c.dispostion_code, c.sip_code, c.call_type, c.call_direction])).toEqual([
      [0, 'ABAND', 487, 3, 'inbound'],
    ]);
    expect(abandoned[0]?.call_id).toBe(callId + 1);
    expect(r.notes().some((n) => n.type === 'inbound')).toBe(false);
    expect(r.dialler.stats(1, r.now())).toMatchObject({ abandoned: 1, abandon_rate: 100, queue_length: 1 });
  });

  it('refuses a DID no campaign takes calls on (404 naming did)', () => {
    const r = rig(inbound);
    try {
      r.dialler.inboundCall({ did: '0800999999', phoneNumber: '0829990000' }, T);
      throw new Error('accepted');
    } catch (error) {
      expect((error as DomainError).code).toBe('NOT_FOUND');
      expect((error as DomainError).errors?.[0]?.field).toBe('did');
    }
  });

  it('runs a seeded arrival process and shows it', () => {
    const r = rig(inbound);
    const rates = Array.from({ length: 24 }, (_, h) => (h === 8 ? 120 : 0));
    r.apply(r.dialler.setArrivalProcess({ campaign_id: 1, calls_per_hour: rates }, T));
    r.run(T + 3_600 * S);
    const view = r.dialler.arrivalView(1);
    expect(inboundArrivalView.parse(view)).toEqual(view);
    expect(view?.arrived).toBeGreaterThan(80);
    expect(view?.arrived).toBeLessThan(160);
    expect(r.dialler.stats(1, r.now()).inbound_offered).toBe(view?.arrived);
    // The next arrival is in tomorrow's 08:00 hour.
    expect(Date.parse(view?.next_arrival_at ?? '')).toBeGreaterThanOrEqual(T + 24 * 3_600 * S);
    r.apply(r.dialler.stopArrivalProcess(1));
    expect(r.dialler.arrivalView(1)).toBe(null);
    expect(() => r.dialler.setArrivalProcess({ campaign_id: 9, calls_per_hour: rates }, T)).toThrow(DomainError);
  });
});

describe('blended', () => {
  it('gives a freed agent the queued caller before an answered outbound call, which is then dropped', () => {
    const r = rig({ isBlended: true, inboundDids: DIDS }, [lead(1, [phone(ANSWERS)])]);
    r.agent(7, 'ready', T); // dials lead 1 (answers at T+5)
    r.agent(7, 'paused', T + S);
    const { callId: inboundId, effects } = r.dialler.inboundCall(
      { did: DIDS[0] as string, phoneNumber: '0829990000' },
      T + 2 * S,
    );
    r.apply(effects);
    r.run(T + 5 * S); // the outbound call is answered: no agent, it waits
    r.agent(7, 'ready', T + 6 * S);
    expect(r.routes().map((x) => x.record.callId)).toEqual([inboundId]);
    r.run(T + 7 * S);
    expect(r.cdrs().map((c) => [c.call_id, c.dispostion_code])).toEqual([[101, 'DROP']]);
  });

  it('an inbound call takes the ready agent an outbound dial was placed for', () => {
    const r = rig({ isBlended: true, inboundDids: DIDS }, [lead(1, [phone(ANSWERS)])]);
    r.agent(7, 'ready', T);
    expect(r.dials()).toHaveLength(1);
    const { callId } = r.dialler.inboundCall({ did: DIDS[0] as string, phoneNumber: '0829990000' }, T + S);
    expect(r.store.agent(7)?.state).toBe('on_call');
    expect(callId).toBe(102);
  });
});

describe('preview', () => {
  const preview = { campaignType: CAMPAIGN_TYPES.PREVIEW };
  const leads = [lead(1, [phone(ANSWERS)]), lead(2, [phone(ANSWERS_2)]), lead(3, [phone(BUSY)])];

  it('holds the next lead for the agent, another agent gets another, skip puts it back', () => {
    const r = rig(preview, leads);
    r.agent(3, 'paused', T);
    r.agent(4, 'ready', T);
    expect(r.dialler.previewNext(3, T)?.leadId).toBe(1);
    expect(r.dialler.previewNext(3, T)?.leadId).toBe(1); // asking again: the same lead
    expect(r.leads.holder(1)).toBe('user:3');
    expect(r.dialler.previewNext(4, T)?.leadId).toBe(2);
    r.dialler.previewSkip(3, 1, T + S);
    expect(r.leads.holder(1)).toBeUndefined();
    expect(r.leads.get(1)?.attempts).toBe(0);
    // Lead 1 is behind every lead already due now.
    expect(r.dialler.previewNext(3, T + S)?.leadId).toBe(3);
  });

  it('counts the agent’s dial of the lead and settles it with the agent’s disposition', () => {
    const r = rig(preview, leads);
    r.agent(3, 'paused', T);
    const l = r.dialler.previewNext(3, T);
    r.dialler.leadDialled({ leadId: l?.leadId ?? 0, callId: 500, userId: 3 }, T + S);
    expect(r.leads.get(1)).toMatchObject({ attempts: 1, lastCallId: 500 });
    expect(r.leads.holder(1)).toBe('call:500');
    expect(r.store.agent(3)?.previewLeadId).toBe(0);
    const record = agentCall(500, 1, 3, T + S);
    const callbackAt = T + 2 * 3_600 * S;
    r.apply(r.dialler.callCompleted({ ...record, dispositionCode: 'CALLBK' }, { callbackAt }, T + 120 * S));
    expect(r.leads.get(1)).toMatchObject({ status: 'CALLBK', callbackAt, dueAt: callbackAt });
    expect(r.leads.holder(1)).toBeUndefined();
    expect(r.dialler.stats(1, T + 120 * S)).toMatchObject({ handled: 1, dispositions: { CALLBK: 1 } });
  });

  it.each([
    ['not logged in', (r: ReturnType<typeof rig>) => r.dialler.previewNext(5, T), 'AGENT_NOT_LOGGED_IN'],
    [
      'on a call',
      (r: ReturnType<typeof rig>) => {
        r.agent(5, 'on_call', T);
        return r.dialler.previewNext(5, T);
      },
      'INVALID_STATE',
    ],
    [
      'skipping a lead not theirs',
      (r: ReturnType<typeof rig>) => {
        r.agent(5, 'paused', T);
        r.dialler.previewNext(5, T);
        r.dialler.previewSkip(5, 2, T);
      },
      'INVALID_STATE',
    ],
  ])('refuses preview %s', (_, act, code) => {
    const r = rig(preview, leads);
    expect(() => act(r)).toThrow(DomainError);
    try {
      act(rig(preview, leads));
    } catch (error) {
      expect((error as DomainError).code).toBe(code);
    }
  });

  it('refuses preview in a campaign that is not Preview', () => {
    const r = rig({}, leads);
    r.agent(5, 'paused', T);
    expect(() => r.dialler.previewNext(5, T)).toThrow(/preview needs a Preview campaign \(type 2\)/);
  });

  it('releases the previewed lead when the agent logs out', () => {
    const r = rig(preview, leads);
    r.agent(3, 'paused', T);
    r.dialler.previewNext(3, T);
    r.agent(3, 'logged_out', T + S);
    expect(r.leads.holder(1)).toBeUndefined();
    expect(r.store.agent(3)).toBeUndefined();
  });
});

describe('statistics', () => {
  it('counts occupancy and handle time from what the agent did', () => {
    const r = rig({}, [lead(1, [phone(ANSWERS)])]);
    r.agent(7, 'ready', T); // dials; answered at T+5 and put through: 5 s ready
    r.run(T + 5 * S);
    const routed = r.routes()[0]?.record as CallRecord;
    // The agent-call flow: the callee hangs up at T+65, wrap-up until the dispose at T+95.
    const hung = stepCall(routed, { type: 'callee_hangup' }, T + 65 * S);
    if (!hung.ok) throw new Error(hung.detail);
    r.agent(7, 'wrap_up', T + 65 * S);
    const disposed = stepCall(hung.record, { type: 'dispose' }, T + 95 * S, { dispositionCode: 'SALE' });
    if (!disposed.ok) throw new Error(disposed.detail);
    r.apply(r.dialler.callCompleted(disposed.record, {}, T + 95 * S));
    r.agent(7, 'paused', T + 95 * S);
    const stats = r.dialler.stats(1, T + 100 * S);
    expect(campaignStatsView.parse(stats)).toEqual(stats);
    expect(stats).toMatchObject({
      dials: 1,
      connects: 1,
      handled: 1,
      average_handle_time_ms: 90 * S, // 60 s talk + 30 s wrap-up
      agent_occupancy: 94.74, // 90 s busy over 90 + 5 s ready
      agents: { ready: 0, on_call: 0, wrap_up: 0, paused: 1 },
      leads_remaining: 0,
      dispositions: { SALE: 1 },
    });
    expect(r.leads.get(1)).toMatchObject({ status: 'SALE', dueAt: null });
  });

  it('a DNC disposition makes the lead’s numbers DNC for every other lead', () => {
    const r = rig({}, [lead(1, [phone(ANSWERS)]), lead(2, [phone(ANSWERS)], { dueAt: T + MINUTE })]);
    r.apply(r.dialler.callCompleted({ ...agentCall(100, 1, 7, T), dispositionCode: 'DNC' }, {}, T));
    r.agent(7, 'ready', T + 2 * MINUTE);
    expect(r.dials()).toEqual([]);
    expect(r.leads.get(2)?.dueAt).toBe(null);
  });

  it('settles the lead of a call of no known campaign by B.8’s defaults (3 attempts, 60 min recycle)', () => {
    const r = rig({}, [lead(1, [phone(ANSWERS)], { attempts: 1 })]);
    const record = { ...agentCall(100, 1, 7, T), campaignId: 0, dispositionCode: 'NA' };
    r.apply(r.dialler.callCompleted(record, {}, T + 100 * S));
    expect(r.leads.get(1)).toMatchObject({ status: 'NA', dueAt: T + 100 * S + 60 * MINUTE });
  });

  it('refuses statistics of an unknown campaign (404 naming campaign_id)', () => {
    const r = rig({});
    expect(() => r.dialler.stats(9, T)).toThrow(/campaign 9 does not exist/);
  });
});

/** An agent's finished call on lead `leadId`, as the agent-call flow would hand it back. */
function agentCall(callId: number, leadId: number, userId: number, at: number): CallRecord {
  return {
    callId,
    userId,
    campaignId: 1,
    listId: 1,
    leadId,
    shotgunId: 0,
    parentCallId: 0,
    phoneNumber: ANSWERS,
    callerId: '0100000000',
    dnis: '',
    uniqueId: '',
    direction: 'outbound',
    callType: 2,
    machine: {
      role: 'agent',
      call: 'ended',
      agentLeg: 'ended',
      recording: 'off',
      wrap: 'disposed',
      conference: 'none',
      autoRecord: false,
    },
    outcome: 'answer',
    sipCode: 200,
    dispositionCode: 'SALE',
    recordingFile: '',
    timeline: [
      { at, event: 'initiated' },
      { at: at + 5 * S, event: 'answered' },
      { at: at + 5 * S, event: 'agent_connected' },
      { at: at + 65 * S, event: 'agent_leg_ended' },
      { at: at + 65 * S, event: 'ended' },
      { at: at + 95 * S, event: 'wrap_ended' },
    ],
  };
}
