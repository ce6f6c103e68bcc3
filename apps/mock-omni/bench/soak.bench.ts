/**
 * The soak: the mock's built CLI on a temp file database, in its own process, loaded by autocannon from another
 * (soak-load.mjs) with a mix of the http bench's routes on every connection — authorize, GET /omni/users, GET
 * /omni/campaign/{id}, add lead — for --minutes. Every 10 s one line: answers in the window, their p50/p99/max
 * latency, the mock's longest event-loop delay in the window (the mock measures it: `--stats 1`, one line a second,
 * the window's max taken here), its GC pauses, its longest WAL checkpoint, the time its event-loop thread waited for a
 * CPU (/proc/<pid>/schedstat: on a shared machine, delay the mock did not cause), its heap and its RSS (VmRSS of
 * /proc/<pid>/status), and the machine's load average. Then 20 s idle (no load), reported the same way.
 *
 * Passes when no window's event-loop delay exceeds 100 ms, no answer was an error or non-2xx, and RSS plateaus: the
 * last third of the loaded windows peaks within 10% of the middle third's peak (the first third is warm-up: caches,
 * indexes and the heap grow to their working size there). Bounded: the whole run stops by --minutes + 2 min whatever
 * happens, and stops what it started.
 *
 * @module
 */

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { encodePassword } from '@omnikit/contracts';
import { LOAD_STATS_PREFIX, type LoadStatsLine } from '../src/runtime/load-stats.js';
import { MOCK_BIN, MOCK_LISTENING, requireBuild, type Served, serve } from './server-process.js';

const WINDOW_MS = 10_000;
const IDLE_MS = 20_000;
const LOOP_DELAY_LIMIT_MS = 100;
const PLATEAU_TOLERANCE = 0.1;

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    connections: { type: 'string', default: '200' },
  },
});
const minutes = Number(values.minutes);
const connections = Number(values.connections);
if (!(minutes > 0 && minutes <= 120) || !Number.isInteger(connections) || connections < 1 || connections > 2000) {
  console.error('soak: --minutes must be in (0, 120] and --connections an integer from 1 to 2000');
  process.exit(2);
}
const loadSeconds = Math.round(minutes * 60);

const here = fileURLToPath(new URL('.', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'omni-soak-'));
const started: { stop(): Promise<void> | void }[] = [];

interface Window {
  answers: number;
  p50: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
}

/** VmRSS of a process, in MiB. */
function rssMib(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m?.[1]) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(m[1]) / 1024;
}

/**
 * Time the mock's main thread (its event loop) spent waiting for a CPU, in ms since boot
 * (/proc/<pid>/schedstat, second field): on a shared machine a delay the mock did not cause.
 */
function runQueueMs(pid: number): number {
  const [, waited] = readFileSync(`/proc/${pid}/schedstat`, 'utf8').trim().split(' ');
  return Number(waited) / 1e6;
}

/** The mock's statistics lines since the last call, folded into one window's figures. */
function statsCollector(mock: Served) {
  let lines: LoadStatsLine[] = [];
  mock.onLine((line) => {
    if (line.startsWith(LOAD_STATS_PREFIX)) lines.push(JSON.parse(line.slice(LOAD_STATS_PREFIX.length)));
  });
  return () => {
    const taken = lines;
    lines = [];
    const max = (k: string) => taken.reduce((m, l) => Math.max(m, l[k] ?? 0), 0);
    const sum = (k: string) => taken.reduce((s, l) => s + (l[k] ?? 0), 0);
    const last = taken[taken.length - 1];
    return {
      loopDelayMax: max('loop_delay_max_ms'),
      gcMax: max('gc_max_ms'),
      gcTotal: sum('gc_total_ms'),
      checkpointMax: max('checkpoint_max_ms'),
      heapUsed: last?.heap_used_mib ?? 0,
      external: last?.external_mib ?? 0,
    };
  };
}

/** The machine's load averages (1, 5, 15 min): timing on a shared machine needs them beside it. */
const machineLoad = () => `load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`;

const f0 = (n: number) => n.toFixed(0);
const f1 = (n: number) => n.toFixed(1);

interface Row {
  rss: number;
  loopDelayMax: number;
  /** ms the mock's event-loop thread waited for a CPU in the window. */
  waited: number;
  gcMax: number;
  checkpointMax: number;
}

async function main(): Promise<void> {
  requireBuild();
  const mock = await serve(
    'the mock',
    [MOCK_BIN, '--port', '0', '--db', join(dir, 'soak.db'), '--stats', '1'],
    MOCK_LISTENING,
  );
  started.push(mock);
  const stats = statsCollector(mock);
  let queued = runQueueMs(mock.pid);
  const waited = () => {
    const now = runQueueMs(mock.pid);
    const ms = now - queued;
    queued = now;
    return ms;
  };
  const key = { Authorization: 'Key=omni-demo-key', 'Content-Type': 'application/json' };
  const authorize = (n: number) => ({
    method: 'POST',
    path: '/omni/user/authorize',
    headers: key,
    body: JSON.stringify({ user_name: `agent${n}`, password: encodePassword(`password${n}`) }),
  });
  const login = authorize(1);
  const res = await fetch(`${mock.url}${login.path}`, { method: login.method, headers: key, body: login.body });
  const { token_key } = (await res.json()) as { token_key: string };
  const user = { ...key, tokenKey: token_key };
  // Each connection repeats this: a login now and then, mostly reads, a write in three.
  const addLead = {
    method: 'POST',
    path: '/omni/lead',
    headers: user,
    body: JSON.stringify({
      first_name: 'Soak',
      last_name: 'Lead',
      other_info: 'added by the soak',
      list_id: 1,
      phone_numbers: [{ phone_number: '0215550123', phone_type_id: 1 }],
    }),
  };
  const getUsers = { method: 'GET', path: '/omni/users', headers: user };
  const getCampaign = { method: 'GET', path: '/omni/campaign/2', headers: user };
  const requests = [authorize(2), getUsers, getCampaign, addLead, getUsers, getCampaign, addLead, getUsers, addLead];

  console.log(
    `soak: ${minutes} min at ${connections} connections (authorize, GET /omni/users, GET /omni/campaign/{id}, add lead), then ${IDLE_MS / 1000} s idle; a line every ${WINDOW_MS / 1000} s`,
  );
  console.log(`  mock pid ${mock.pid}, database ${join(dir, 'soak.db')}, ${machineLoad()}`);
  console.log(
    '     t  answers   p50 ms   p99 ms   max ms | loop delay max ms  gc max ms  gc total ms  checkpoint max ms  waited for CPU ms | heap MiB  ext MiB  RSS MiB',
  );
  const load = spawn(
    process.execPath,
    [
      join(here, 'soak-load.mjs'),
      JSON.stringify({ url: mock.url, requests, connections, seconds: loadSeconds, windowMs: WINDOW_MS }),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const loadExited = new Promise<void>((r) => load.once('exit', () => r()));
  started.push({
    stop: async () => {
      if (load.exitCode !== null || load.signalCode !== null) return;
      load.kill('SIGTERM');
      await loadExited;
    },
  });
  const t0 = performance.now();
  const rows: Row[] = [];
  const totals = { answers: 0, non2xx: 0, errors: 0 };
  const print = (label: string, w: Window | undefined, row: Row, s: ReturnType<ReturnType<typeof statsCollector>>) => {
    const load = w
      ? `${w.answers.toString().padStart(8)} ${f1(w.p50).padStart(8)} ${f1(w.p99).padStart(8)} ${f1(w.max).padStart(8)}`
      : `${'idle'.padStart(8)} ${''.padStart(8)} ${''.padStart(8)} ${''.padStart(8)}`;
    const bad = w && w.non2xx + w.errors > 0 ? `  non-2xx ${w.non2xx} errors ${w.errors}` : '';
    const flag = row.loopDelayMax > LOOP_DELAY_LIMIT_MS ? '  <- over 100 ms' : '';
    console.log(
      `${label.padStart(6)} ${load} | ${f1(row.loopDelayMax).padStart(17)} ${f1(s.gcMax).padStart(10)} ${f0(s.gcTotal).padStart(12)} ${f1(s.checkpointMax).padStart(18)} ${f0(row.waited).padStart(18)} | ${f1(s.heapUsed).padStart(8)} ${f1(s.external).padStart(8)} ${f1(row.rss).padStart(8)}${bad}${flag}`,
    );
  };

  let partial = '';
  let done = false;
  load.stdout.on('data', (d: Buffer) => {
    const lines = (partial + d.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      const w = JSON.parse(line) as Window & { done?: boolean };
      if (w.done) {
        done = true;
        Object.assign(totals, { answers: w.answers, non2xx: w.non2xx, errors: w.errors });
        continue;
      }
      const s = stats();
      const row = { ...s, rss: rssMib(mock.pid), waited: waited() };
      rows.push(row);
      print(`${f0((performance.now() - t0) / 1000)}s`, w, row, s);
    }
  });
  await loadExited;
  if (!done) throw new Error('the load generator stopped before finishing');
  // The load's last partial window is not a window.
  stats();
  waited();

  const idleRows: Row[] = [];
  for (let t = 0; t < IDLE_MS; t += WINDOW_MS) {
    await new Promise((r) => setTimeout(r, WINDOW_MS));
    const s = stats();
    const row = { ...s, rss: rssMib(mock.pid), waited: waited() };
    idleRows.push(row);
    print(`+${f0((t + WINDOW_MS) / 1000)}s`, undefined, row, s);
  }
  await mock.stop();

  const third = Math.floor(rows.length / 3);
  const peak = (rs: Row[]) => rs.reduce((m, r) => Math.max(m, r.rss), 0);
  const middle = peak(rows.slice(third, 2 * third));
  const last = peak(rows.slice(2 * third));
  const worst = (k: 'loopDelayMax' | 'gcMax' | 'checkpointMax') =>
    [...rows, ...idleRows].reduce((m, r) => Math.max(m, r[k]), 0);
  const worstDelay = worst('loopDelayMax');
  const over = [...rows, ...idleRows].filter((r) => r.loopDelayMax > LOOP_DELAY_LIMIT_MS).length;
  const plateau = third > 0 && last <= middle * (1 + PLATEAU_TOLERANCE);
  const clean = totals.non2xx + totals.errors === 0;
  const ok = over === 0 && plateau && clean;
  console.log(
    `\nsoak summary: ${totals.answers} answers in ${minutes} min at ${connections} connections; non-2xx ${totals.non2xx}, errors ${totals.errors}; ` +
      `longest event-loop delay ${f1(worstDelay)} ms (${over} window(s) over ${LOOP_DELAY_LIMIT_MS} ms; longest GC pause ${f1(worst('gcMax'))} ms, longest checkpoint ${f1(worst('checkpointMax'))} ms); ` +
      `RSS peak ${f1(middle)} MiB in the middle third, ${f1(last)} MiB in the last (plateau: within ${PLATEAU_TOLERANCE * 100}%: ${plateau ? 'yes' : 'no'}); ` +
      `idle after: ${f1(idleRows[idleRows.length - 1]?.rss ?? 0)} MiB; the mock waited ${f0(rows.reduce((t, r) => t + r.waited, 0))} ms for a CPU under load (${machineLoad()}) — ${ok ? 'ok' : 'FAIL'}`,
  );
  process.exitCode = ok ? 0 : 1;
}

/** Stops whatever this run started (load generator, mock) and removes the database. */
async function cleanUp(): Promise<void> {
  for (const s of started.reverse()) await s.stop();
  started.length = 0;
  rmSync(dir, { recursive: true, force: true });
}

// However it ends — finished, failed, interrupted or overrunning — everything started is stopped.
const deadline = setTimeout(
  () => {
    console.error(`soak: still running ${minutes} min + 2 min after it started: stopping`);
    void cleanUp().finally(() => process.exit(2));
  },
  (loadSeconds + 120) * 1000,
);
deadline.unref();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
}
try {
  await main();
} catch (error) {
  console.error('soak:', error instanceof Error ? error.message : error);
  process.exitCode = 2;
} finally {
  await cleanUp();
  clearTimeout(deadline);
}
