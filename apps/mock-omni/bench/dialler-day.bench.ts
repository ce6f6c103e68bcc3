/**
 * A simulated 8-hour day of a 100-agent blended campaign, measured two ways in one run: on the pure engine
 * (the dialler and the call machine with in-memory ports, `test/support/dialler-simulation.ts`) and through the
 * mock's services on a database FILE (the code the HTTP handlers call: group commit, durable timers, outbox rows
 * with no endpoint set) under a manual clock advanced a minute at a time. Both days are the same campaign
 * (predictive outbound, max_lines 3, 3 % target drop rate, 10 s wrap-up), the same 40,000 leads and 1,000 inbound
 * calls an hour on its DID; in the services' day agents log in and go ready once and the rest runs by itself
 * (callers hang up per the callee model, the wrap-up times out, the dialler paces). The difference between the
 * two times is what storage and notifications cost. Targets: the file day under 3 s of wall time, at most 2.5×
 * the pure engine's.
 *
 * Then, unless `--no-profile`, one more file day with every SQL statement timed (so it runs slower than the
 * measured ones): where its time went — SQL statements by kind, notification enqueue (less its SQL), the
 * COMMITs and WAL checkpoints, savepoints, and the engine (everything else).
 *
 * Run: node --conditions=@omnikit/source --import tsx bench/dialler-day.bench.ts [agents] [hours] [leads]
 * [--repeats N] [--no-profile] (npm run bench:dialler-day -w @omnikit/mock-omni -- --repeats 3). Progress on
 * stderr; exits 1 when a target is missed.
 *
 * @module
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CampaignStatsView } from '@omnikit/contracts/control';
import Database from 'better-sqlite3';
import { diallerCampaignFrom } from '../src/engine/dialler/dialler-campaign.js';
import type { DiallerLead } from '../src/engine/dialler/lead-source.js';
import type { NotificationSink } from '../src/engine/notifications/notification-sink.js';
import { createMockOmni, type MockOmni } from '../src/index.js';
import { createDiallerSimulation } from '../test/support/dialler-simulation.js';

const flags = process.argv.slice(2);
const args = flags.filter((a, i) => !a.startsWith('--') && flags[i - 1] !== '--repeats');
const AGENTS = Number(args[0] ?? 100);
const HOURS = Number(args[1] ?? 8);
const LEADS = Number(args[2] ?? 40_000);
const repeatsAt = flags.indexOf('--repeats');
const REPEATS = repeatsAt >= 0 ? Number(flags[repeatsAt + 1]) : 1;
const PROFILE = !flags.includes('--no-profile');
if (!Number.isInteger(REPEATS) || REPEATS < 1) throw new Error('--repeats takes a whole number of runs, 1 or more');
const INBOUND_PER_HOUR = 1_000;
const STEP_MS = 60_000;
const TARGET_WALL_MS = 3_000;
const TARGET_RATIO = 2.5;
const SEED = 42;
const DID = '0861009999';

interface Day {
  wallMs: number;
  cpuMs: number;
  calls: number;
  timers: number;
  notifications: number;
  peakRss: number;
  stats: CampaignStatsView;
}

/** The campaign, its list and leads, the arrival process and the agents, as a user would set them up. */
async function setUpMock(db: string): Promise<{ mock: MockOmni; campaignId: number; listId: number }> {
  const mock = await createMockOmni({
    db,
    clock: 'manual',
    seed: SEED,
    validateResponses: false,
    logger: { info: () => {}, error: (m, e) => console.error(m, e) },
  });
  const { services } = mock;
  const sys = services.registry.getDefault();
  const { tx } = services.stores;
  let campaignId = 0;
  let listId = 0;
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
    listId = services.lists.create(sys, { list_name: 'Bench leads', campaign_id: campaignId });
    for (let i = 0; i < LEADS; i++)
      services.leads.add(sys, {
        other_info: `bench lead ${i}`,
        list_id: listId,
        phone_numbers: [{ phone_number: `07${String(10_000_000 + i)}` }],
      });
  });
  await tx.durable();
  return { mock, campaignId, listId };
}

function arrivals(campaignId: number) {
  return { campaign_id: campaignId, calls_per_hour: Array.from({ length: 24 }, () => INBOUND_PER_HOUR) };
}

/** The day on the pure engine: the campaign and leads exactly as the mock stores them, in-memory ports. */
async function pureDay(): Promise<Day> {
  const { mock, campaignId, listId } = await setUpMock(':memory:');
  const { services } = mock;
  const sys = services.registry.getDefault();
  const record = services.stores.campaigns.get(sys.systemId, campaignId);
  if (!record) throw new Error('the bench campaign is missing');
  const campaign = diallerCampaignFrom(record, [listId]);
  const source = services.telephony.diallerPorts(sys.systemId).leads;
  const leads: DiallerLead[] = [];
  const start = sys.clock.now();
  for (const lead of services.stores.leads.page(sys.systemId, listId, undefined, 0, LEADS).leads) {
    const seen = source.get(lead.leadId);
    if (seen) leads.push(seen);
  }
  await mock.close();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const sim = createDiallerSimulation({
    seed: SEED,
    start,
    campaign,
    agents: AGENTS,
    leads,
    arrivals: arrivals(campaignId),
    jsonPayloads: true,
  });
  const end = start + HOURS * 3_600_000;
  for (let t = start + STEP_MS; t <= end; t += STEP_MS) sim.run(t);
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    calls: sim.counters.calls,
    timers: sim.counters.events,
    notifications: sim.counters.notifications,
    peakRss: process.memoryUsage().rss,
    stats: sim.stats(),
  };
}

/** The day through the services on a database file; `beforeDay` may instrument the mock (the profile). */
async function fileDay(beforeDay?: (mock: MockOmni) => void): Promise<Day> {
  const dir = mkdtempSync(join(tmpdir(), 'omni-dialler-bench-'));
  const { mock, campaignId } = await setUpMock(join(dir, 'omni.db'));
  const { services } = mock;
  const sys = services.registry.getDefault();
  const { tx } = services.stores;
  tx.run(() => {
    const at = sys.clock.now();
    services.dialler.apply(sys, services.dialler.of(sys).setArrivalProcess(arrivals(campaignId), at), at);
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
  const notificationsBefore = services.webhooks.outbox.list({ systemId: sys.systemId, limit: 1 }).total;
  beforeDay?.(mock);

  const start = sys.clock.now();
  const end = start + HOURS * 3_600_000;
  let timers = 0;
  let peakRss = process.memoryUsage().rss;
  const firstCall = services.stores.sequences.next(sys.systemId, 'call');
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  while (sys.clock.now() < end) {
    timers += services.registry.advance(sys, STEP_MS);
    await tx.durable();
    if ((sys.clock.now() - start) % 3_600_000 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const day: Day = {
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    calls: services.stores.sequences.next(sys.systemId, 'call') - firstCall - 1,
    timers,
    notifications: services.webhooks.outbox.list({ systemId: sys.systemId, limit: 1 }).total - notificationsBefore,
    peakRss,
    stats: services.dialler.of(sys).stats(campaignId, sys.clock.now()),
  };
  await mock.close();
  rmSync(dir, { recursive: true, force: true });
  return day;
}

type StatementMethod = 'run' | 'get' | 'all' | 'iterate';

/** Where a profiled day's time went: SQL by statement kind, enqueue, commits, the rest. */
interface Profile {
  sql: Map<string, { ms: number; count: number }>;
  enqueueMs: number;
  enqueueCount: number;
}

/**
 * Times every better-sqlite3 statement (all share one prototype) and the notification sink's `emit`. Returns
 * the profile being filled and a function that puts everything back.
 */
function instrument(mock: MockOmni): { profile: Profile; restore: () => void } {
  const probe = new Database(':memory:');
  const proto = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<
    StatementMethod,
    (...a: unknown[]) => unknown
  >;
  probe.close();
  const profile: Profile = { sql: new Map(), enqueueMs: 0, enqueueCount: 0 };
  let sqlMs = 0;
  const originals = new Map<StatementMethod, (...a: unknown[]) => unknown>();
  for (const method of ['run', 'get', 'all', 'iterate'] as const) {
    const original = proto[method];
    originals.set(method, original);
    proto[method] = function timed(this: { source: string }, ...a: unknown[]) {
      const t0 = performance.now();
      try {
        return original.apply(this, a);
      } finally {
        const ms = performance.now() - t0;
        sqlMs += ms;
        const kind = statementKind(this.source);
        const entry = profile.sql.get(kind) ?? { ms: 0, count: 0 };
        entry.ms += ms;
        entry.count++;
        profile.sql.set(kind, entry);
      }
    };
  }
  const sink = mock.services.options.notifications as NotificationSink;
  const emit = sink.emit;
  sink.emit = (...a: Parameters<NotificationSink['emit']>) => {
    const t0 = performance.now();
    const sqlBefore = sqlMs;
    try {
      emit.apply(sink, a);
    } finally {
      profile.enqueueMs += performance.now() - t0 - (sqlMs - sqlBefore);
      profile.enqueueCount++;
    }
  };
  return {
    profile,
    restore: () => {
      for (const [method, original] of originals) proto[method] = original;
      sink.emit = emit;
    },
  };
}

const kinds = new Map<string, string>();

/** A statement's kind: its verb and table, or the transaction control it is (worked out once per statement). */
function statementKind(source: string): string {
  let kind = kinds.get(source);
  if (kind === undefined) {
    kind = kindOf(source);
    kinds.set(source, kind);
  }
  return kind;
}

function kindOf(source: string): string {
  const s = source.replace(/\s+/g, ' ').trim();
  if (/^(BEGIN|COMMIT|ROLLBACK$)/i.test(s) || /wal_checkpoint/i.test(s))
    return `commit: ${s.split(' ')[0]}${/wal_checkpoint/i.test(s) ? ' (WAL checkpoint)' : ''}`;
  if (/^(SAVEPOINT|RELEASE|ROLLBACK TO)/i.test(s)) return 'savepoint';
  const m = /^(SELECT|INSERT|UPDATE|DELETE)\b.*?\b(?:FROM|INTO|UPDATE)\s+([a-z_]+)/i.exec(s);
  if (m) return `${m[1]?.toUpperCase()} ${m[2]}`;
  return s.slice(0, 40);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};
const n = (v: number) => Math.round(v).toLocaleString('en');
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  console.log(
    `dialler day: ${AGENTS} agents, blended predictive campaign, ${n(INBOUND_PER_HOUR)}/h inbound, ${n(LEADS)} leads, ` +
      `${HOURS} simulated hours, ${REPEATS} run${REPEATS > 1 ? 's' : ''} of each (pure engine, then services on a file)`,
  );
  const pure: Day[] = [];
  const file: Day[] = [];
  for (let r = 1; r <= REPEATS; r++) {
    const p = await pureDay();
    pure.push(p);
    const f = await fileDay();
    file.push(f);
    process.stderr.write(
      `  run ${r}/${REPEATS}: pure ${sec(p.wallMs)}, file ${sec(f.wallMs)} (CPU ${sec(f.cpuMs)}), ratio ${(f.wallMs / p.wallMs).toFixed(2)}\n`,
    );
  }
  const pureMs = median(pure.map((d) => d.wallMs));
  const fileMs = median(file.map((d) => d.wallMs));
  const ratio = fileMs / pureMs;
  const last = (days: Day[]) => days[days.length - 1] as Day;
  const p = last(pure);
  const f = last(file);

  console.log('\n  | figure | pure engine | services on a file |\n  |---|---|---|');
  const rows: [string, string, string][] = [
    ['wall time (median)', sec(pureMs), sec(fileMs)],
    ['CPU time (median, user + system)', sec(median(pure.map((d) => d.cpuMs))), sec(median(file.map((d) => d.cpuMs)))],
    ['calls simulated', n(p.calls), n(f.calls)],
    ['calls per wall second', n(p.calls / (pureMs / 1000)), n(f.calls / (fileMs / 1000))],
    ['timers run', n(p.timers), n(f.timers)],
    ['notifications', `${n(p.notifications)} built`, `${n(f.notifications)} recorded`],
    ['dials', n(p.stats.dials), n(f.stats.dials)],
    ['connects', n(p.stats.connects), n(f.stats.connects)],
    ['answering machines', n(p.stats.answering_machines), n(f.stats.answering_machines)],
    ['drop rate', `${p.stats.drop_rate} %`, `${f.stats.drop_rate} %`],
    ['inbound offered', n(p.stats.inbound_offered), n(f.stats.inbound_offered)],
    ['abandon rate', `${p.stats.abandon_rate} %`, `${f.stats.abandon_rate} %`],
    ['calls handled', n(p.stats.handled), n(f.stats.handled)],
    ['agent occupancy', `${p.stats.agent_occupancy} %`, `${f.stats.agent_occupancy} %`],
    ['peak memory (rss)', '', `${(f.peakRss / 1024 / 1024).toFixed(0)} MB`],
  ];
  for (const [k, a, b] of rows) console.log(`  | ${k} | ${a} | ${b} |`);
  console.log(
    `\n  file day ${sec(fileMs)} (target < ${TARGET_WALL_MS / 1000} s), ${ratio.toFixed(2)}× the pure engine's (target ≤ ${TARGET_RATIO}×)`,
  );
  // The machine may be shared: CPU time shows the work done, whatever else ran beside it.
  console.log(`  load average ${process.platform === 'linux' ? await loadAverage() : 'n/a'}`);

  if (PROFILE) {
    let taken: Profile | undefined;
    let restore = () => {};
    const profiled = await fileDay((mock) => {
      const i = instrument(mock);
      taken = i.profile;
      restore = i.restore;
    });
    restore();
    if (taken) printProfile(taken, profiled);
  }

  const ok = fileMs < TARGET_WALL_MS && ratio <= TARGET_RATIO && f.calls > 0 && f.stats.handled > 0;
  console.log(ok ? '  PASS' : '  FAIL');
  process.exitCode = ok ? 0 : 1;
}

function printProfile(profile: Profile, day: Day): void {
  const total = day.wallMs;
  let sqlMs = 0;
  let commitMs = 0;
  let savepointMs = 0;
  for (const [kind, e] of profile.sql) {
    if (kind.startsWith('commit:')) commitMs += e.ms;
    else if (kind === 'savepoint') savepointMs += e.ms;
    else sqlMs += e.ms;
  }
  const engineMs = total - sqlMs - commitMs - savepointMs - profile.enqueueMs;
  const pct = (ms: number) => `${((100 * ms) / total).toFixed(0)} %`;
  console.log(`\n  profile: one more file day, every statement timed (${sec(total)} with the timing's own cost)`);
  console.log('  | phase | time | share | count |\n  |---|---|---|---|');
  console.log(`  | engine and services (the rest) | ${sec(engineMs)} | ${pct(engineMs)} | |`);
  let statements = 0;
  for (const e of profile.sql.values()) statements += e.count;
  console.log(`  | SQL statements | ${sec(sqlMs)} | ${pct(sqlMs)} | ${n(statements)} in all |`);
  console.log(
    `  | notification enqueue (less its SQL) | ${sec(profile.enqueueMs)} | ${pct(profile.enqueueMs)} | ${n(profile.enqueueCount)} |`,
  );
  console.log(
    `  | savepoints (one per command) | ${sec(savepointMs)} | ${pct(savepointMs)} | ${n(profile.sql.get('savepoint')?.count ?? 0)} |`,
  );
  console.log(`  | commits and WAL checkpoints | ${sec(commitMs)} | ${pct(commitMs)} | |`);
  console.log('\n  | statement | time | count | µs each |\n  |---|---|---|---|');
  const sorted = [...profile.sql].sort((a, b) => b[1].ms - a[1].ms);
  for (const [kind, e] of sorted.slice(0, Number(process.env.OMNI_BENCH_PROFILE_ROWS ?? 16)))
    console.log(`  | ${kind} | ${sec(e.ms)} | ${n(e.count)} | ${((1000 * e.ms) / e.count).toFixed(1)} |`);
}

async function loadAverage(): Promise<string> {
  const { loadavg } = await import('node:os');
  return loadavg()
    .map((v) => v.toFixed(2))
    .join(', ');
}

await main();
