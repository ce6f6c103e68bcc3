/**
 * Inbound properties over 20 named seeds: every inbound call is answered by an agent or abandoned — none lost, none
 * both — and, in blended campaigns, inbound goes first. Even seeds run a blended campaign (140 calls an hour on 10
 * agents, predictive outbound with `max_lines` 3 filling the idle time, so that answered outbound calls and queued
 * callers sometimes compete for an agent); odd seeds an Inbound campaign (type 7) with too few agents (6), so that
 * callers queue and some run out of patience. Four hours of arrivals, then the day closes: agents pause once free and
 * callers still waiting leave. Checked against the test's own bookkeeping of the notifications and routes.
 *
 * @module
 */

import type { CdrPayload, InboundPayload } from '@omnikit/contracts';
import { describe, expect, it } from 'vitest';
import { createDiallerSimulation, type SimulationEvent } from '../../support/dialler-simulation.js';
import { DAY_START, HOUR, NAMED_SEEDS } from './support/fixtures.js';
import { INBOUND_DIDS, inboundDay } from './support/property-days.js';

const DIDS = INBOUND_DIDS;

function runDay(seed: string, index: number) {
  const { blended, campaign: c, agents, leads, arrivals } = inboundDay(index);
  const events: { e: SimulationEvent; at: number }[] = [];
  const sim = createDiallerSimulation({
    seed,
    start: DAY_START,
    campaign: c,
    agents,
    leads,
    arrivals,
    observe: (e, at) => events.push({ e, at }),
  });
  sim.run(DAY_START + 4 * HOUR);
  sim.closeDay(sim.now());
  sim.drain();
  return { events, sim, blended };
}

const days = new Map<string, ReturnType<typeof runDay>>();
function day(seed: string, index: number): ReturnType<typeof runDay> {
  let d = days.get(seed);
  if (!d) {
    d = runDay(seed, index);
    days.set(seed, d);
  }
  return d;
}

describe.each(NAMED_SEEDS.map((s, i) => [s, i] as const))('inbound day, seed %s', (seed, index) => {
  it('answers or abandons every inbound call, exactly once, and loses none', () => {
    const { events, sim, blended } = day(seed, index);
    const arrived = new Map<number, number>();
    const inbound = new Map<number, InboundPayload[]>();
    const cdrs = new Map<number, CdrPayload[]>();
    for (const { e, at } of events) {
      if (e.type !== 'notify') continue;
      const n = e.notification;
      if (n.type === 'call_state' && n.payload.call_type === 3 && n.payload.previous_state === '')
        arrived.set(n.payload.call_id, at);
      if (n.type === 'inbound') inbound.set(n.payload.call_id, [...(inbound.get(n.payload.call_id) ?? []), n.payload]);
      if (n.type === 'cdr' && n.payload.call_type === 3)
        cdrs.set(n.payload.call_id, [...(cdrs.get(n.payload.call_id) ?? []), n.payload]);
    }
    expect(arrived.size).toBeGreaterThan(300);
    let answered = 0;
    let abandoned = 0;
    for (const callId of arrived.keys()) {
      const cdr = cdrs.get(callId) ?? [];
      expect(cdr, `call ${callId} has one CDR`).toHaveLength(1);
      const c = cdr[0] as CdrPayload;
      const offers = inbound.get(callId) ?? [];
      if (c.dispostion_code === 'ABAND') {
        abandoned++;
        expect([c.user_id, c.sip_code, offers.length]).toEqual([0, 487, 0]);
      } else {
        answered++;
        expect(offers, `call ${callId} reached an agent once`).toHaveLength(1);
        expect(c.user_id).toBe(offers[0]?.user_id);
        expect(c.user_id).toBeGreaterThan(0);
        expect(DIDS).toContain(offers[0]?.DNIS);
      }
    }
    // No CDR for a call that never arrived, and the counters agree.
    expect([...cdrs.keys()].every((id) => arrived.has(id))).toBe(true);
    const stats = sim.stats();
    expect([stats.inbound_offered, stats.inbound_answered, stats.abandoned, stats.queue_length]).toEqual([
      arrived.size,
      answered,
      abandoned,
      0,
    ]);
    // Both outcomes happened: the property was exercised.
    expect(answered).toBeGreaterThan(0);
    if (!blended) expect(abandoned).toBeGreaterThan(0);
  });

  it('puts no outbound call through while an inbound caller waits (blended: inbound first)', () => {
    const { events, blended } = day(seed, index);
    const waiting = new Set<number>();
    let outboundRoutes = 0;
    for (const { e } of events) {
      if (e.type === 'notify' && e.notification.type === 'call_state' && e.notification.payload.call_type === 3) {
        const p = e.notification.payload;
        if (p.call_state === 'ringing') waiting.add(p.call_id);
        else waiting.delete(p.call_id);
      }
      if (e.type === 'route' && e.record.callType === 2) {
        outboundRoutes++;
        expect(waiting.size, `outbound call ${e.record.callId} routed while callers waited`).toBe(0);
      }
    }
    if (blended) expect(outboundRoutes).toBeGreaterThan(50);
  });
});
