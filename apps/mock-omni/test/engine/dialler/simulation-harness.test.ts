/**
 * The harness drives the same engine the server will, through timers with JSON payloads: a blended campaign for two
 * hours, run with payloads handed over as objects and again as JSON text, must come out the same, notification for
 * notification.
 *
 * @module
 */

import { describe, expect, it } from 'vitest';
import { DIALLER_HANDLED_TIMER_KINDS } from '../../../src/engine/dialler/dialler-engine.js';
import { createDiallerSimulation, type SimulationEvent } from '../../support/dialler-simulation.js';
import { campaign, DAY_START, HOUR, lead, phone } from './support/fixtures.js';

function run(seed: string, jsonPayloads: boolean) {
  const events: SimulationEvent[] = [];
  const sim = createDiallerSimulation({
    seed,
    start: DAY_START,
    campaign: campaign({ isBlended: true, maxLines: 3, inboundDids: ['0800100100'], amdEnabled: true }),
    agents: 8,
    leads: Array.from({ length: 400 }, (_, i) => lead(i + 1, [phone(`2784${String(i).padStart(7, '0')}`)])),
    arrivals: { campaign_id: 1, calls_per_hour: Array.from({ length: 24 }, (_, h) => (h === 8 || h === 9 ? 60 : 0)) },
    jsonPayloads,
    observe: (e) => events.push(e),
  });
  sim.run(DAY_START + 2 * HOUR);
  sim.closeDay(sim.now());
  sim.drain();
  return { sim, events };
}

describe('simulation harness', () => {
  it('gives the same day with payloads stored as JSON text, and every timer is a handled kind', () => {
    const objects = run('harness', false);
    const json = run('harness', true);
    const notes = (events: SimulationEvent[]) =>
      events.flatMap((e) => (e.type === 'notify' ? [JSON.stringify(e.notification)] : []));
    expect(notes(json.events)).toEqual(notes(objects.events));
    expect(json.sim.stats()).toEqual(objects.sim.stats());
    expect(objects.sim.counters.calls).toBeGreaterThan(300);

    const kinds = new Set<string>();
    for (const e of objects.events) {
      if (e.type !== 'set_timer') continue;
      kinds.add(e.kind);
      expect(JSON.parse(JSON.stringify(e.payload))).toEqual(e.payload);
      expect(e.ref).toMatch(/^(call|campaign):[0-9]+$/);
    }
    for (const kind of kinds) expect(DIALLER_HANDLED_TIMER_KINDS).toContain(kind);
    for (const kind of ['call_event', 'call_no_answer', 'dialler_drop', 'inbound_abandon', 'inbound_arrival'])
      expect(kinds).toContain(kind);
  });

  it('ends the day cleanly: no call left in the dialler’s hands, every agent paused', () => {
    const { sim } = run('harness-close', false);
    const stats = sim.stats();
    expect(stats.queue_length).toBe(0);
    expect(stats.agents).toEqual({ ready: 0, on_call: 0, wrap_up: 0, paused: 8 });
    expect(stats.inbound_offered).toBe(stats.inbound_answered + stats.abandoned);
    expect(sim.counters.handled).toBe(stats.handled);
  });

  it('is repeatable: the same seed gives the same day, another seed another', () => {
    expect(run('repeat', false).sim.stats()).toEqual(run('repeat', false).sim.stats());
    expect(run('repeat', false).sim.stats()).not.toEqual(run('other', false).sim.stats());
  });
});
