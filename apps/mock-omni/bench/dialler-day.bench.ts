/**
 * A simulated 8-hour day of a 100-agent blended campaign: predictive outbound (max_lines 3, 3 % target drop
 * rate) on a lead list, and inbound calls arriving at 1,000 an hour on the campaign's DID, on a database FILE with the
 * outbox written but no endpoint set, under a manual clock, driven in-process through the mock's services (the code
 * the HTTP handlers call: one transaction per command, durable timers, outbox rows). Agents log in and go ready once;
 * the rest runs by itself — callers hang up per the callee model, the 10 s wrap-up times out, the agent is ready again
 * and the dialler paces. Target: the day in under 10 s of wall time.
 *
 * Run: node --conditions=@omnikit/source --import tsx bench/dialler-day.bench.ts [agents] [hours] [leads] (npm run
 * bench:dialler-day -w @omnikit/mock-omni). Prints progress per simulated hour on stderr.
 *
 * @module
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMockOmni } from '../src/index.js';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const AGENTS = Number(args[0] ?? 100);
const HOURS = Number(args[1] ?? 8);
const LEADS = Number(args[2] ?? 40_000);
const INBOUND_PER_HOUR = 1_000;
const STEP_MS = 60_000;
const TARGET_WALL_MS = 10_000;
const DID = '0861009999';

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'omni-dialler-bench-'));
  const mock = await createMockOmni({
    db: join(dir, 'omni.db'),
    clock: 'manual',
    seed: 42,
    validateResponses: false,
    logger: { info: () => {}, error: (m, e) => console.error(m, e) },
  });
  const { services } = mock;
  const sys = services.registry.getDefault();
  const { tx } = services.stores;

  const setupStart = performance.now();
  let campaignId = 0;
  tx.run(() => {
    campaignId = services.campaigns.create(sys, {
      campaign_name: 'Bench blended',
      campaign_type: 1,
      is_blended: true,
      max_lines: 3,
      target_drop_percentage: 3,
      wrapup_seconds: 10,
      inbound_dids: [DID],
    });
    const listId = services.lists.create(sys, { list_name: 'Bench leads', campaign_id: campaignId });
    for (let i = 0; i < LEADS; i++)
      services.leads.add(sys, {
        other_info: `bench lead ${i}`,
        list_id: listId,
        phone_numbers: [{ phone_number: `07${String(10_000_000 + i)}` }],
      });
    services.dialler.apply(
      sys,
      services.dialler
        .of(sys)
        .setArrivalProcess(
          { campaign_id: campaignId, calls_per_hour: Array.from({ length: 24 }, () => INBOUND_PER_HOUR) },
          sys.clock.now(),
        ),
      sys.clock.now(),
    );
  });
  tx.run(() => {
    for (let i = 0; i < AGENTS; i++) {
      const extension = String(4000 + i);
      const userId = services.users.create(sys, {
        user_name: `dial${i}`,
        password: 'pw',
        extension,
        webrtc_password: 'w',
      });
      services.phones.registerVirtual(sys, extension);
      services.agents.login(sys, userId, { campaign_id: campaignId, extension });
      services.agents.setState(sys, userId, { state: 'ready' });
    }
  });
  await tx.durable();
  const setupMs = performance.now() - setupStart;

  const start = sys.clock.now();
  const end = start + HOURS * 3_600_000;
  let timersRun = 0;
  let peakRss = process.memoryUsage().rss;
  const firstCall = services.stores.sequences.next(sys.systemId, 'call');
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  let hour = 0;
  while (sys.clock.now() < end) {
    timersRun += services.registry.advance(sys, STEP_MS);
    await tx.durable();
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const h = Math.floor((sys.clock.now() - start) / 3_600_000);
    if (h > hour) {
      hour = h;
      process.stderr.write(`  hour ${h}/${HOURS}: ${((performance.now() - started) / 1000).toFixed(1)} s wall\n`);
    }
  }
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const calls = services.stores.sequences.next(sys.systemId, 'call') - firstCall - 1;
  const stats = services.dialler.of(sys).stats(campaignId, sys.clock.now());
  const notifications = services.webhooks.outbox.list({ systemId: sys.systemId, limit: 1 }).total;

  const n = (v: number) => v.toLocaleString('en');
  console.log(
    `\ndialler day: ${AGENTS} agents, blended predictive campaign, ${INBOUND_PER_HOUR}/h inbound, ${HOURS} simulated hours, manual clock, database file, no endpoint`,
  );
  console.log(`  setup (${n(LEADS)} leads, agents, logins)  ${setupMs.toFixed(0)} ms`);
  console.log(`  calls simulated                ${n(calls)}`);
  console.log(`  calls per wall second          ${n(Math.round(calls / (wallMs / 1000)))}`);
  console.log(`  timers run                     ${n(timersRun)}`);
  console.log(`  notifications recorded         ${n(notifications)}`);
  console.log(`  peak memory (rss)              ${(peakRss / 1024 / 1024).toFixed(0)} MB`);
  console.log(`  wall time                      ${(wallMs / 1000).toFixed(2)} s (target < ${TARGET_WALL_MS / 1000} s)`);
  // The machine may be shared: CPU time shows the work done, whatever else ran beside it.
  console.log(`  CPU time (user + system)       ${(cpuMs / 1000).toFixed(2)} s`);
  console.log(`\n  campaign ${campaignId}, the day's statistics`);
  const ms = (v: number) => `${(v / 1000).toFixed(1)} s`;
  const rows: [string, string][] = [
    ['dials', n(stats.dials)],
    ['connects', n(stats.connects)],
    ['answering machines', n(stats.answering_machines)],
    ['drops', n(stats.drops)],
    ['drop rate', `${stats.drop_rate} %`],
    ['inbound offered', n(stats.inbound_offered)],
    ['inbound answered', n(stats.inbound_answered)],
    ['abandoned', n(stats.abandoned)],
    ['abandon rate', `${stats.abandon_rate} %`],
    ['average speed of answer', ms(stats.average_speed_of_answer_ms)],
    ['average handle time', ms(stats.average_handle_time_ms)],
    ['calls handled', n(stats.handled)],
    ['agent occupancy', `${stats.agent_occupancy} %`],
    ['lines per agent (last)', String(stats.lines_per_agent)],
    ['leads remaining', n(stats.leads_remaining)],
    ['calls simulated', n(calls)],
    ['wall time (8 h simulated)', `${(wallMs / 1000).toFixed(2)} s`],
    ['peak memory (rss)', `${(peakRss / 1024 / 1024).toFixed(0)} MB`],
  ];
  console.log('  | figure | value |\n  |---|---|');
  for (const [k, v] of rows) console.log(`  | ${k} | ${v} |`);
  const ok = wallMs < TARGET_WALL_MS && calls > 0 && stats.handled > 0;
  console.log(ok ? '  PASS' : '  FAIL');
  await mock.close();
  rmSync(dir, { recursive: true, force: true });
  process.exitCode = ok ? 0 : 1;
}

await main();
