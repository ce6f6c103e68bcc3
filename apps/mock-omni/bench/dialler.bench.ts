/**
 * The dialler on the pure engine: a simulated 8-hour day of a 100-agent blended campaign — predictive
 * outbound (max_lines 3, target drop 3%, AMD on) and 1,000 inbound calls per hour on two DIDs — with in-memory ports,
 * driven by the simulation harness's own timer queue. Prints progress per simulated hour, then: calls simulated
 * (outbound dials + inbound arrivals), timers run, notifications built, wall time, calls per wall second, peak memory,
 * and the day's campaign statistics. Aim: well under 5 s of wall time (the 10 s target of
 * bench/dialler-day.bench.ts is for a file database with the outbox; this run leaves the headroom for that).
 *
 * Run: node --conditions=@omnikit/source --import tsx bench/dialler.bench.ts [agents] [inbound_per_hour] [seed]
 *
 * @module
 */

import { CAMPAIGN_TYPES } from '@omnikit/contracts';
import type { DiallerCampaign } from '../src/engine/dialler/dialler-campaign.js';
import type { DiallerLead } from '../src/engine/dialler/lead-source.js';
import { Rng } from '../src/engine/rng.js';
import { createDiallerSimulation } from '../test/support/dialler-simulation.js';

const AGENTS = Number(process.argv[2] ?? 100);
const INBOUND_PER_HOUR = Number(process.argv[3] ?? 1_000);
const SEED = process.argv[4] ?? 'dialler-bench';
const HOURS = 8;
const HOUR_MS = 3_600_000;
/** Monday 7 January 2030, 08:00 UTC: the day starts. */
const START = Date.UTC(2030, 0, 7, 8, 0, 0);
const LEADS = 30_000;

const campaign: DiallerCampaign = {
  campaignId: 1,
  campaignType: CAMPAIGN_TYPES.PROGRESSIVE,
  isBlended: true,
  maxLines: 3,
  targetDropPercentage: 3,
  degradeToProgressive: true,
  progressiveThreshold: 3,
  wrapupSeconds: 30,
  noAnswerSeconds: 25,
  amdEnabled: true,
  maxAttempts: 3,
  recycleDelayMinutes: 60,
  inboundDids: ['0800100100', '0800100200'],
  callerId: '0800100100',
  autoRecord: true,
  listIds: [1, 2],
};

/** Two lists: one number or two per lead, 3% high priority, 5% scheduled later in the day. */
function makeLeads(): DiallerLead[] {
  const rng = Rng.fromSeed(`${SEED}/leads`);
  const leads: DiallerLead[] = [];
  for (let i = 1; i <= LEADS; i++) {
    const numbers = rng.chance(0.4) ? 2 : 1;
    const scheduled = rng.chance(0.05) ? START + rng.int(1, HOURS - 1) * HOUR_MS : null;
    leads.push({
      leadId: i,
      listId: i % 2 === 0 ? 2 : 1,
      uniqueId: `crm-${i}`,
      status: 'NEW',
      attempts: 0,
      lastCallId: 0,
      lastCallAt: null,
      callbackAt: null,
      callbackNumber: null,
      dueAt: scheduled ?? START,
      phones: Array.from({ length: numbers }, (_, k) => ({
        phone_number: `27${k + 6}${String(i).padStart(8, '0')}`,
        phone_type_id: k + 1,
        time_zone_id: 0,
        high_priority: k === 0 && rng.chance(0.03),
        schedule_call_at: k === 0 ? scheduled : null,
      })),
    });
  }
  return leads;
}

const callsPerHour = Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 8 + HOURS ? INBOUND_PER_HOUR : 0));
const dnc = Array.from({ length: 500 }, (_, i) => `276${String(i * 37).padStart(8, '0')}`);

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(0)} MB`;

const leads = makeLeads();
console.log(
  `dialler bench: ${AGENTS} agents, blended (predictive outbound: max_lines ${campaign.maxLines}, ` +
    `target drop ${campaign.targetDropPercentage}%, AMD on; inbound ${fmt(INBOUND_PER_HOUR)}/h on ${campaign.inboundDids.length} DIDs), ` +
    `${fmt(LEADS)} leads, ${HOURS} h from 08:00, seed "${SEED}"`,
);

const wallStart = performance.now();
let peakHeap = 0;
const sim = createDiallerSimulation({
  seed: SEED,
  start: START,
  campaign,
  agents: AGENTS,
  leads,
  dnc,
  arrivals: { campaign_id: 1, calls_per_hour: callsPerHour },
});
for (let h = 1; h <= HOURS; h++) {
  sim.run(START + h * HOUR_MS);
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  const s = sim.stats();
  console.log(
    `  hour ${h}/${HOURS}: ${fmt(sim.counters.calls)} calls so far (${fmt(s.dials)} dials, ${fmt(s.inbound_offered)} inbound), ` +
      `drop rate ${s.drop_rate}%, queue ${s.queue_length}, wall ${fmt(performance.now() - wallStart)} ms`,
  );
}
// The day ends: arrivals stop, agents finish their calls and pause, callers still queued leave.
sim.closeDay(sim.now());
sim.drain();
const wallMs = performance.now() - wallStart;
peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
const s = sim.stats();

console.log('');
console.log(
  `calls simulated:      ${fmt(sim.counters.calls)} (${fmt(s.dials)} outbound dials, ${fmt(s.inbound_offered)} inbound)`,
);
console.log(`timers run:           ${fmt(sim.counters.events)}`);
console.log(`notifications built:  ${fmt(sim.counters.notifications)}`);
console.log(`wall time:            ${fmt(wallMs)} ms (simulation only; leads built before)`);
console.log(`calls per wall second: ${fmt((sim.counters.calls / wallMs) * 1000)}`);
console.log(
  `peak memory:          ${mb(process.resourceUsage().maxRSS * 1024)} RSS, ${mb(peakHeap)} heap used (sampled hourly)`,
);
console.log('');
console.log(`campaign statistics for the day (campaign ${s.campaign_id}, at ${s.at}):`);
const rows: [string, string][] = [
  ['dials', fmt(s.dials)],
  ['connects (outbound put through)', fmt(s.connects)],
  ['answering machines (dropped by AMD)', fmt(s.answering_machines)],
  ['drops', fmt(s.drops)],
  ['drop rate', `${s.drop_rate}% (target ${campaign.targetDropPercentage}%)`],
  ['inbound offered', fmt(s.inbound_offered)],
  ['inbound answered', fmt(s.inbound_answered)],
  ['abandoned', fmt(s.abandoned)],
  ['abandon rate', `${s.abandon_rate}%`],
  ['average speed of answer', `${(s.average_speed_of_answer_ms / 1000).toFixed(1)} s`],
  ['average handle time', `${(s.average_handle_time_ms / 1000).toFixed(1)} s`],
  ['calls handled by agents', fmt(s.handled)],
  ['agent occupancy', `${s.agent_occupancy}%`],
  ['leads remaining', fmt(s.leads_remaining)],
  [
    'dispositions',
    Object.entries(s.dispositions)
      .map(([k, v]) => `${k} ${fmt(v)}`)
      .join(', '),
  ],
];
const width = Math.max(...rows.map(([k]) => k.length));
console.log(`| ${'figure'.padEnd(width)} | value |`);
console.log(`|${'-'.repeat(width + 2)}|-------|`);
for (const [k, v] of rows) console.log(`| ${k.padEnd(width)} | ${v} |`);
