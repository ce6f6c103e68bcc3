/**
 * The dialler's properties on the SQLite ports (store/dialler-lead-repository.ts and dialler-state-repository.ts) on a
 * database FILE, over the same 20 named seeds and the same worlds as the in-memory runs: the predictive day's drop
 * rate within the same tolerance, no DNC lead or number ever dialled, no lead dialled past `max_attempts`; the inbound
 * day answers or abandons every caller, none lost. The leads and the DNC list go in through the directory's own
 * tables, as the server has them, and each simulated hour is one transaction. Each run is also compared with the
 * in-memory run of its seed: the ports are meant to answer alike, so the days are the same call for call.
 *
 * @module
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CdrPayload } from '@omnikit/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import type { DiallerLead } from '../../../src/engine/dialler/lead-source.js';
import { emptyLead } from '../../../src/engine/directory/leads.js';
import { createDb, type OpenDb } from '../../../src/store/create-db.js';
import { createStores } from '../../../src/store/create-stores.js';
import { createDiallerLeadRepository } from '../../../src/store/dialler-lead-repository.js';
import { createDiallerStateRepository } from '../../../src/store/dialler-state-repository.js';
import { createDiallerSimulation, type SimulationEvent } from '../../support/dialler-simulation.js';
import { testSystemRecord } from '../../support/test-system.js';
import { DAY_START, HOUR, NAMED_SEEDS } from './support/fixtures.js';
import { INBOUND_DIDS, inboundDay, OUTBOUND_DAY, outboundCampaign, outboundWorld } from './support/property-days.js';

const dir = mkdtempSync(join(tmpdir(), 'omni-dialler-props-'));
const opened: OpenDb[] = [];
afterAll(() => {
  for (const o of opened.splice(0)) o.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A system on a file of its own with the leads (list 1) and the DNC list in the directory's tables. */
function sqlitePorts(name: string, leads: readonly DiallerLead[], dnc: readonly string[]) {
  const open = createDb(join(dir, `${name}.db`));
  opened.push(open);
  const stores = createStores(open);
  const systemId = stores.systems.insert(testSystemRecord(name, { at: DAY_START }));
  open.sqlite.transaction(() => {
    stores.lists.insert({
      systemId,
      listId: 1,
      listName: 'Props',
      campaignId: 1,
      description: '',
      createdAt: DAY_START,
    });
    for (const l of leads)
      stores.leads.insert({
        ...emptyLead(systemId, l.leadId, l.listId, DAY_START),
        status: l.status,
        phones: [...l.phones],
      });
    stores.dnc.add(systemId, [...dnc], DAY_START);
  })();
  return {
    sqlite: open.sqlite,
    ports: {
      leads: createDiallerLeadRepository(open.sqlite, systemId),
      store: createDiallerStateRepository(open.sqlite, systemId),
    },
  };
}

type Events = { e: SimulationEvent; at: number }[];

/** Runs `hours` of the day an hour per transaction, then closes it and drains. */
function runInHours(sim: ReturnType<typeof createDiallerSimulation>, sqlite: OpenDb['sqlite'], hours: number) {
  for (let h = 1; h <= hours; h++) sqlite.transaction(() => sim.run(DAY_START + h * HOUR))();
  const stats = sim.stats();
  sqlite.transaction(() => {
    sim.closeDay(sim.now());
    sim.drain();
  })();
  return stats;
}

/** Dials in order, as the notifications tell them: the day's fingerprint. */
const dialsOf = (events: Events) =>
  events.flatMap(({ e, at }) =>
    e.type === 'notify' && e.notification.type === 'call_state' && e.notification.payload.previous_state === ''
      ? [
          `${at}/${e.notification.payload.call_id}/${e.notification.payload.lead_id}/${e.notification.payload.phone_number}`,
        ]
      : [],
  );

describe.each(NAMED_SEEDS.map((s, i) => [s, i] as const))('on SQLite, seed %s', (seed, index) => {
  it('predictive day: drop rate within tolerance, no DNC dialled, no lead past max_attempts — the in-memory day', () => {
    const w = outboundWorld(seed);
    const { sqlite, ports } = sqlitePorts(`out-${seed}`, w.leads, [...w.systemDnc]);
    const events: Events = [];
    const options = {
      seed,
      start: DAY_START,
      campaign: outboundCampaign(index),
      agents: OUTBOUND_DAY.agents,
      leads: w.leads,
      dnc: [...w.systemDnc],
    };
    const sim = createDiallerSimulation({ ...options, ports, observe: (e, at) => events.push({ e, at }) });
    const stats = runInHours(sim, sqlite, 8);

    const answered = stats.connects + stats.drops;
    expect(answered).toBeGreaterThan(500);
    const t = OUTBOUND_DAY.target / 100;
    // The same tolerance as in memory (outbound-properties.test.ts): one binomial standard deviation.
    expect(stats.drop_rate).toBeLessThanOrEqual(OUTBOUND_DAY.target + 100 * Math.sqrt((t * (1 - t)) / answered));

    const dncNumbers = new Set(w.systemDnc);
    const dncLeads = new Set(w.leads.filter((l) => l.status === 'DNC').map((l) => l.leadId));
    for (const l of w.leads) if (l.status === 'DNC') for (const p of l.phones) dncNumbers.add(p.phone_number);
    const phonesOf = new Map(w.leads.map((l) => [l.leadId, l.phones.map((p) => p.phone_number)]));
    const perLead = new Map<number, number>();
    for (const { e } of events) {
      if (e.type === 'notify' && e.notification.type === 'call_state') {
        const p = e.notification.payload;
        if (p.previous_state !== '' || p.call_type !== 2) continue;
        expect(dncLeads.has(p.lead_id), `lead ${p.lead_id} is DNC`).toBe(false);
        expect(dncNumbers.has(p.phone_number), `${p.phone_number} is DNC`).toBe(false);
        perLead.set(p.lead_id, (perLead.get(p.lead_id) ?? 0) + 1);
      }
      if (e.type === 'completed' && e.record.dispositionCode === 'DNC') {
        dncLeads.add(e.record.leadId);
        for (const n of phonesOf.get(e.record.leadId) ?? []) dncNumbers.add(n);
      }
    }
    expect([...perLead.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(1_000);
    expect(Math.max(...perLead.values())).toBeLessThanOrEqual(OUTBOUND_DAY.maxAttempts);
    expect([...perLead.values()].filter((n) => n === OUTBOUND_DAY.maxAttempts).length).toBeGreaterThan(10);
    // The leads table holds what the dialler did: attempts as counted from the notifications.
    for (const [leadId, n] of [...perLead].slice(0, 200)) expect(ports.leads.get(leadId)?.attempts).toBe(n);

    const memory: Events = [];
    const inMemory = createDiallerSimulation({ ...options, observe: (e, at) => memory.push({ e, at }) });
    inMemory.run(DAY_START + 8 * HOUR);
    inMemory.closeDay(inMemory.now());
    inMemory.drain();
    expect(dialsOf(events)).toEqual(dialsOf(memory));
  });

  it('inbound day: every caller answered or abandoned, exactly once, none lost', () => {
    const day = inboundDay(index);
    const { sqlite, ports } = sqlitePorts(`in-${seed}`, day.leads, []);
    const events: Events = [];
    const sim = createDiallerSimulation({
      seed,
      start: DAY_START,
      campaign: day.campaign,
      agents: day.agents,
      arrivals: day.arrivals,
      ports,
      observe: (e, at) => events.push({ e, at }),
    });
    runInHours(sim, sqlite, 4);
    const arrived = new Set<number>();
    const offered = new Map<number, number>();
    const cdrs = new Map<number, CdrPayload[]>();
    for (const { e } of events) {
      if (e.type !== 'notify') continue;
      const n = e.notification;
      if (n.type === 'call_state' && n.payload.call_type === 3 && n.payload.previous_state === '')
        arrived.add(n.payload.call_id);
      if (n.type === 'inbound') {
        offered.set(n.payload.call_id, (offered.get(n.payload.call_id) ?? 0) + 1);
        expect(INBOUND_DIDS).toContain(n.payload.DNIS);
      }
      if (n.type === 'cdr' && n.payload.call_type === 3)
        cdrs.set(n.payload.call_id, [...(cdrs.get(n.payload.call_id) ?? []), n.payload]);
    }
    expect(arrived.size).toBeGreaterThan(300);
    let answered = 0;
    let abandoned = 0;
    for (const callId of arrived) {
      const cdr = cdrs.get(callId) ?? [];
      expect(cdr, `call ${callId} has one CDR`).toHaveLength(1);
      if (cdr[0]?.dispostion_code === 'ABAND') {
        abandoned++;
        expect([cdr[0].user_id, offered.get(callId) ?? 0]).toEqual([0, 0]);
      } else {
        answered++;
        expect(offered.get(callId), `call ${callId} reached an agent once`).toBe(1);
        expect(cdr[0]?.user_id).toBeGreaterThan(0);
      }
    }
    const stats = sim.stats();
    expect([stats.inbound_offered, stats.inbound_answered, stats.abandoned, stats.queue_length]).toEqual([
      arrived.size,
      answered,
      abandoned,
      0,
    ]);
    expect(answered).toBeGreaterThan(0);
    if (!day.blended) expect(abandoned).toBeGreaterThan(0);
  });
});
