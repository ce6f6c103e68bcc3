/**
 * Properties of a predictive outbound campaign over one simulated 8-hour day, for each of 20 named seeds. Every check
 * is made by the test's own bookkeeping of what the engine did (its dials, CDRs and dispositions as notifications),
 * never by asking the engine's lead rules.
 *
 * The day: 12 agents, `max_lines` 3, target drop 3%, wrap-up 30 s, recycle delay 20 min, at most 3 attempts, 1,400
 * leads (so the lists run dry and recycling and wake-ups happen): 1–3 numbers each, some `DNC`, some numbers on the
 * system's DNC list, some numbers shared between leads (a lead disposed `DNC` makes its numbers DNC for the other),
 * some high-priority, some scheduled. AMD is on for every other seed.
 *
 * @module
 */

import { describe, expect, it } from 'vitest';
import { createDiallerSimulation, type SimulationEvent } from '../../support/dialler-simulation.js';
import { DAY_START, HOUR, NAMED_SEEDS } from './support/fixtures.js';
import { OUTBOUND_DAY, outboundCampaign, outboundWorld } from './support/property-days.js';

const TARGET = OUTBOUND_DAY.target;
const MAX_ATTEMPTS = OUTBOUND_DAY.maxAttempts;
const RECYCLE_MS = OUTBOUND_DAY.recycleMs;

interface Dial {
  callId: number;
  leadId: number;
  phone: string;
  at: number;
}

function runDay(seed: string, index: number) {
  const w = outboundWorld(seed);
  const events: { e: SimulationEvent; at: number }[] = [];
  const c = outboundCampaign(index);
  const sim = createDiallerSimulation({
    seed,
    start: DAY_START,
    campaign: c,
    agents: OUTBOUND_DAY.agents,
    leads: w.leads,
    dnc: [...w.systemDnc],
    observe: (e, at) => events.push({ e, at }),
  });
  sim.run(DAY_START + 8 * HOUR);
  const stats = sim.stats();
  sim.closeDay(sim.now());
  sim.drain();
  return { w, events, stats, sim };
}

const days = new Map<string, ReturnType<typeof runDay>>();
function day(seed: string): ReturnType<typeof runDay> {
  let d = days.get(seed);
  if (!d) {
    d = runDay(seed, NAMED_SEEDS.indexOf(seed as (typeof NAMED_SEEDS)[number]));
    days.set(seed, d);
  }
  return d;
}

/** The test's own record of the day: dials in order, and each lead's call outcomes. */
function ledger(events: { e: SimulationEvent; at: number }[]) {
  const dials: Dial[] = [];
  const outcomes: { leadId: number; callId: number; code: string; at: number; callbackAt: number | null }[] = [];
  for (const { e, at } of events) {
    if (e.type === 'notify' && e.notification.type === 'call_state') {
      const p = e.notification.payload;
      if (p.previous_state === '' && p.call_type === 2)
        dials.push({ callId: p.call_id, leadId: p.lead_id, phone: p.phone_number, at });
    }
    // Calls no agent took: the CDR (user 0) carries the system disposition.
    if (e.type === 'notify' && e.notification.type === 'cdr' && e.notification.payload.user_id === 0) {
      const p = e.notification.payload;
      const dial = dials.find((d) => d.callId === p.call_id);
      if (dial)
        outcomes.push({ leadId: dial.leadId, callId: p.call_id, code: p.dispostion_code, at, callbackAt: null });
    }
    if (e.type === 'completed' && e.record.leadId !== 0)
      outcomes.push({
        leadId: e.record.leadId,
        callId: e.record.callId,
        code: e.record.dispositionCode ?? 'TIMEOT',
        at,
        callbackAt: e.callbackAt,
      });
  }
  return { dials, outcomes };
}

describe.each(NAMED_SEEDS)('predictive outbound day, seed %s', (seed) => {
  it('keeps the day’s drop rate at or under the target, within one binomial standard deviation', () => {
    const { stats } = day(seed);
    const answered = stats.connects + stats.drops;
    expect(answered).toBeGreaterThan(500);
    // Tolerance: the rate of one finite day is a sample. A pacing aimed exactly at the target would
    // exceed it on half of the days by chance alone; one standard deviation of a binomial share at
    // the target over the day's answered calls, sqrt(t(1 − t)/n) (≈ 0.5 pp here), accepts that
    // chance excess and still fails a pacing that systematically overshoots. The engine aims at 80%
    // of the target, so in practice it stays under it; the mean over the seeds is checked with no
    // tolerance below.
    const t = TARGET / 100;
    const tolerance = 100 * Math.sqrt((t * (1 - t)) / answered);
    expect(stats.drop_rate).toBeLessThanOrEqual(TARGET + tolerance);
    // And it is predictive: more calls in progress than agents at times, many calls placed.
    expect(stats.dials).toBeGreaterThan(stats.connects * 2);
  });

  it('never dials a DNC lead or a DNC number (system list, or a number of a lead disposed DNC)', () => {
    const { w, events } = day(seed);
    const dncNumbers = new Set(w.systemDnc);
    const dncLeads = new Set(w.leads.filter((l) => l.status === 'DNC').map((l) => l.leadId));
    for (const l of w.leads) if (l.status === 'DNC') for (const p of l.phones) dncNumbers.add(p.phone_number);
    const phonesOf = new Map(w.leads.map((l) => [l.leadId, l.phones.map((p) => p.phone_number)]));
    let dials = 0;
    for (const { e } of events) {
      if (e.type === 'notify' && e.notification.type === 'call_state') {
        const p = e.notification.payload;
        if (p.previous_state !== '' || p.call_type !== 2) continue;
        dials++;
        expect(dncLeads.has(p.lead_id), `lead ${p.lead_id} is DNC`).toBe(false);
        expect(dncNumbers.has(p.phone_number), `${p.phone_number} is DNC`).toBe(false);
      }
      if (e.type === 'completed' && e.record.dispositionCode === 'DNC') {
        dncLeads.add(e.record.leadId);
        for (const n of phonesOf.get(e.record.leadId) ?? []) dncNumbers.add(n);
      }
    }
    expect(dials).toBeGreaterThan(1_000);
  });

  it('never dials a lead more than max_attempts times, and recycles only after the delay at the end of a pass', () => {
    const { w, events } = day(seed);
    const { dials, outcomes } = ledger(events);
    const count = new Map<number, number>();
    for (const d of dials) count.set(d.leadId, (count.get(d.leadId) ?? 0) + 1);
    expect(Math.max(...count.values())).toBeLessThanOrEqual(MAX_ATTEMPTS);
    // Some leads did reach the cap: the property was exercised.
    expect([...count.values()].filter((n) => n === MAX_ATTEMPTS).length).toBeGreaterThan(10);

    const numbers = new Map(w.leads.map((l) => [l.leadId, l.phones.length]));
    const recyclable = new Set(['NA', 'N', 'B', 'A', 'DROP']);
    let checked = 0;
    for (const o of outcomes) {
      if (!recyclable.has(o.code)) continue;
      const mine = dials.filter((d) => d.leadId === o.leadId);
      const k = mine.findIndex((d) => d.callId === o.callId) + 1; // dials of the lead up to this one
      const next = mine[k];
      if (!next || k % (numbers.get(o.leadId) ?? 1) !== 0) continue;
      expect(next.at - o.at, `lead ${o.leadId} redialled too soon`).toBeGreaterThanOrEqual(RECYCLE_MS);
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('dials callbacks no earlier than their date, and scheduled numbers no earlier than their schedule', () => {
    const { w, events } = day(seed);
    const { dials, outcomes } = ledger(events);
    let callbacks = 0;
    for (const o of outcomes) {
      if (o.code !== 'CALLBK' || o.callbackAt === null) continue;
      const next = dials.find((d) => d.leadId === o.leadId && d.at > o.at);
      if (!next) continue;
      expect(next.at, `lead ${o.leadId} called back early`).toBeGreaterThanOrEqual(o.callbackAt);
      callbacks++;
    }
    expect(callbacks).toBeGreaterThan(0);
    const schedule = new Map<string, number>();
    for (const l of w.leads)
      for (const p of l.phones)
        if (p.schedule_call_at !== null) schedule.set(`${l.leadId}/${p.phone_number}`, p.schedule_call_at);
    let scheduled = 0;
    for (const d of dials) {
      const at = schedule.get(`${d.leadId}/${d.phone}`);
      if (at === undefined) continue;
      expect(d.at).toBeGreaterThanOrEqual(at);
      scheduled++;
    }
    expect(scheduled).toBeGreaterThan(0);
  });

  it('dials every high-priority lead before any other lead', () => {
    const { w, events } = day(seed);
    const { dials } = ledger(events);
    const priority = new Set(
      w.leads.filter((l) => l.status !== 'DNC' && l.phones.some((p) => p.high_priority)).map((l) => l.leadId),
    );
    const firstDial = new Map<number, number>();
    dials.forEach((d, i) => {
      if (!firstDial.has(d.leadId)) firstDial.set(d.leadId, i);
    });
    const priorityFirsts = [...firstDial].filter(([id]) => priority.has(id)).map(([, i]) => i);
    const otherFirsts = [...firstDial].filter(([id]) => !priority.has(id)).map(([, i]) => i);
    // Every priority lead that could be dialled (some have only DNC numbers) went first.
    expect(priorityFirsts.length).toBeGreaterThan(20);
    expect(Math.max(...priorityFirsts)).toBeLessThan(Math.min(...otherFirsts));
  });
});

describe('predictive outbound over the 20 seeds', () => {
  it('averages a drop rate at or under the target, with no tolerance', () => {
    const rates = NAMED_SEEDS.map((s) => day(s).stats.drop_rate);
    const mean = rates.reduce((a, b) => a + b, 0) / rates.length;
    expect(mean).toBeLessThanOrEqual(TARGET);
  });
});
