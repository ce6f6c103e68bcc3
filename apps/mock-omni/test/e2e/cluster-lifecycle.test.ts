/**
 * `omni-mock cluster` stopped and started again the ways a user does it, with real processes (the cluster, real mock
 * workers, Debian's HAProxy on a free loopback port): Ctrl-C in its terminal (the signal reaches its whole process
 * group), SIGTERM, a second Ctrl-C, the terminal closed, Ctrl-C while it starts, and a start on the directory of a
 * cluster that was killed with SIGKILL. After each, no process of the directory is left and every database is closed.
 * And a cluster on every address answers a client that names this machine in Host, as a lone mock there does.
 *
 * @module
 */

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { runSystemCommand } from '../../src/cli/system-command.js';
import { DEMO_SYSTEM_KEY } from '../../src/engine/systems/demo-data.js';
import { freePort } from '../support/free-port.js';
import { INSTALLED_HAPROXY } from '../support/installed-haproxy.js';
import { until } from '../support/until.js';
import { ClusterProcess } from './support/cluster-process.js';
import { HttpClient } from './support/http-client.js';
import { processesNaming } from './support/processes-naming.js';

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

/** Whether this machine can listen on ::1 (a container without IPv6 cannot: `ip -6 addr show lo` lists no ::1). */
const HAS_IPV6_LOOPBACK = await new Promise<boolean>((resolve) => {
  const probe = createServer();
  probe.once('error', () => resolve(false));
  probe.listen(0, '::1', () => probe.close(() => resolve(true)));
});
const dir = mkdtempSync(join(tmpdir(), 'omni-cluster-life-'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const started: ClusterProcess[] = [];
function start(args: readonly string[]): ClusterProcess {
  const cluster = ClusterProcess.start(args, { ownGroup: true });
  started.push(cluster);
  return cluster;
}

/** Nothing of `data` left running: the cluster's processes are gone (polled: a stop takes a moment). */
async function nothingLeft(data: string): Promise<void> {
  await until(`no process of ${data}`, () => processesNaming(data).length === 0, 20_000).catch(() => undefined);
  expect(processesNaming(data)).toEqual([]);
}

/** What is beside each worker's database: only the file itself once it was closed cleanly. */
function workerFiles(data: string): string[] {
  return readdirSync(data)
    .filter((name) => name.startsWith('worker-'))
    .flatMap((name) => readdirSync(join(data, name)).map((file) => `${name}/${file}`))
    .sort();
}

/** Running (a zombie, ended but not yet reaped by init, is not). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

function haproxyPid(cluster: ClusterProcess): number {
  const line = cluster.lines.find((l) => l.includes('(HAProxy pid')) ?? '';
  return Number(/\(HAProxy pid (\d+)\)/.exec(line)?.[1]);
}

afterEach(async () => {
  // A failing test leaves nothing behind: the cluster's group first, then whatever names the directory.
  for (const cluster of started.splice(0)) {
    if (cluster.child.exitCode === null && cluster.child.signalCode === null) {
      cluster.child.kill('SIGKILL');
      await cluster.exited();
    }
  }
  for (const pid of processesNaming(dir)) process.kill(pid, 'SIGKILL');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(INSTALLED_HAPROXY === undefined)('omni-mock cluster: stopping (skipped without HAProxy)', () => {
  it.each([
    ['Ctrl-C in its terminal (SIGINT to its whole process group)', 'group', 'SIGINT'],
    ['SIGTERM to the cluster alone', 'alone', 'SIGTERM'],
  ] as const)(
    '%s: the request in flight is answered, then every process stops and every database is closed',
    async (_what, target, signal) => {
      const data = join(dir, `stop-${target}`);
      const cluster = start(['--workers', '1', '--port', '0', '--dir', data]);
      const { url } = await cluster.ready();
      const api = new HttpClient(url, DEMO_SYSTEM_KEY);
      await api.ok('POST', '/__mock/faults', { route_id: '*', latency_ms: 1_500 });
      const inFlight = api.authorize('agent1', 'password1').catch((error: Error) => error);
      await sleep(400);
      if (target === 'group') cluster.signalGroup(signal);
      else cluster.child.kill(signal);
      const answer = await inFlight;
      expect(answer).not.toBeInstanceOf(Error);
      expect(answer).toMatch(/^\S{20,}$/); // the token
      expect(await cluster.exited()).toBe(0);
      expect(cluster.lines).toContain('omni-mock cluster: stopped');
      await nothingLeft(data);
      expect(workerFiles(data)).toEqual(['worker-1/omni.db']);
    },
    90_000,
  );

  it('a second Ctrl-C quits at once: exit 130, nothing left running', async () => {
    const data = join(dir, 'second-ctrl-c');
    const cluster = start(['--workers', '1', '--port', '0', '--dir', data]);
    const { url } = await cluster.ready();
    const api = new HttpClient(url, DEMO_SYSTEM_KEY);
    // A request that keeps the stop waiting.
    await api.ok('POST', '/__mock/faults', { route_id: '*', latency_ms: 20_000 });
    void api.authorize('agent1', 'password1').catch(() => undefined);
    await sleep(400);
    const from = cluster.lines.length;
    cluster.signalGroup('SIGINT');
    await cluster.waitFor(/^omni-mock cluster: SIGINT: stopping/, 10_000, from);
    await sleep(500);
    const quitAt = Date.now();
    cluster.signalGroup('SIGINT');
    expect(await cluster.exited()).toBe(130);
    expect(Date.now() - quitAt).toBeLessThan(5_000);
    expect(cluster.lines.slice(from)).toContainEqual(
      expect.stringMatching(/^omni-mock cluster: SIGINT again: quitting at once/),
    );
    await nothingLeft(data);
  }, 90_000);

  it('the terminal closed (SIGHUP to its process group, its output gone): every process stops, HAProxy too', async () => {
    const data = join(dir, 'hang-up');
    const cluster = start(['--workers', '1', '--port', '0', '--dir', data]);
    await cluster.ready();
    const haproxy = haproxyPid(cluster);
    expect(alive(haproxy)).toBe(true);
    cluster.child.stdout?.destroy();
    cluster.child.stderr?.destroy();
    cluster.signalGroup('SIGHUP');
    await cluster.exited();
    await nothingLeft(data);
    expect(alive(haproxy)).toBe(false);
    expect(workerFiles(data)).toEqual(['worker-1/omni.db']);
  }, 90_000);

  it('Ctrl-C while the workers start: every process stops at once, exit 0', async () => {
    const data = join(dir, 'ctrl-c-starting');
    const cluster = start(['--workers', '2', '--port', '0', '--dir', data]);
    await cluster.waitFor(/^omni-mock cluster: starting 2 workers/);
    await sleep(300);
    cluster.signalGroup('SIGINT');
    expect(await cluster.exited()).toBe(0);
    expect(cluster.lines).toContain('omni-mock cluster: SIGINT while starting: stopped every process');
    await nothingLeft(data);
  }, 90_000);
});

describe.skipIf(INSTALLED_HAPROXY === undefined)('omni-mock cluster: starting again (skipped without HAProxy)', () => {
  it('after kill -9 of the cluster, a start on its directory and port stops what it left running, then runs on the same files', async () => {
    const data = join(dir, 'after-kill-9');
    const port = await freePort();
    const args = ['--workers', '2', '--port', String(port), '--dir', data];
    const first = start(args);
    const { url, workers } = await first.ready();
    const key = 'kill-nine-system';
    await new HttpClient(url, key).ok('POST', '/__mock/systems', { system_key: key });
    const left = [haproxyPid(first), ...workers.map((w) => w.pid)];
    first.child.kill('SIGKILL');
    await first.exited();
    await sleep(500);
    expect(left.filter(alive)).toEqual(left); // HAProxy and both workers, on their own now

    const second = start(args);
    const again = await second.ready();
    expect(again.url).toBe(url);
    expect(left.filter(alive)).toEqual([]);
    expect(second.lines).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^omni-mock cluster: stopped HAProxy \\(pid ${left[0]}\\), worker-1 \\(pid \\d+\\) and worker-2 \\(pid \\d+\\), left running by a cluster on ${data.replaceAll('/', '\\/')} that was killed`,
        ),
      ),
    );
    expect((await new HttpClient(url, key).ok('GET', '/__mock/system')).system_key).toBe(key);
    expect(await second.stop()).toBe(0);
    await nothingLeft(data);
  }, 120_000);

  /** The line of the start that stopped what `left` named: HAProxy's pid first, then worker-1's. */
  const stoppedLine = (left: readonly number[], data: string) =>
    expect.stringMatching(
      new RegExp(
        `^omni-mock cluster: stopped HAProxy \\(pid ${left[0]}\\) and worker-1 \\(pid ${left[1]}\\), left running by a cluster on ${data.replaceAll('/', '\\/')} that was killed`,
      ),
    );

  it('after kill -9 of a cluster whose parent does not reap it (a zombie has its lock’s pid), a start runs at once', async () => {
    const data = join(dir, 'zombie-supervisor');
    const log = join(dir, 'zombie-supervisor.log');
    // A parent that never reaps: sh starts the cluster, then turns into sleep.
    const parent = spawn(
      'sh',
      [
        '-c',
        `"$0" "$@" > "${log}" 2>&1 & echo $!; exec sleep 120`,
        process.execPath,
        '--conditions=@omnikit/source',
        '--import',
        'tsx',
        MAIN,
        'cluster',
        '--workers',
        '1',
        '--port',
        '0',
        '--dir',
        data,
      ],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    try {
      const supervisor = await new Promise<number>((r) => parent.stdout?.once('data', (d: Buffer) => r(Number(d))));
      const text = () => (existsSync(log) ? readFileSync(log, 'utf8') : '');
      await until('the first cluster listens', () => text().includes('omni-mock cluster: listening on'), 60_000);
      const left = [
        Number(/\(HAProxy pid (\d+)\)/.exec(text())?.[1]),
        Number(/worker-1 on 127\.0\.0\.1:\d+ \(pid (\d+)\)/.exec(text())?.[1]),
      ];
      process.kill(supervisor, 'SIGKILL');
      await until('the supervisor is a zombie', () => /\) Z /.test(readFileSync(`/proc/${supervisor}/stat`, 'utf8')));
      expect(left.filter(alive)).toEqual(left);

      const startedAt = Date.now();
      const second = start(['--workers', '1', '--port', '0', '--dir', data]);
      await second.ready();
      expect(Date.now() - startedAt).toBeLessThan(30_000);
      expect(second.lines).toContainEqual(stoppedLine(left, data));
      expect(left.filter(alive)).toEqual([]);
      expect(await second.stop()).toBe(0);
      await nothingLeft(data);
    } finally {
      parent.kill('SIGKILL');
    }
  }, 120_000);

  it('after kill -9, a cluster.lock whose pid another program has since: a start stops what was left and runs', async () => {
    const data = join(dir, 'pid-reused');
    const first = start(['--workers', '1', '--port', '0', '--dir', data]);
    const { workers } = await first.ready();
    const left = [haproxyPid(first), workers[0]?.pid ?? 0];
    const lock = JSON.parse(readFileSync(join(data, 'cluster.lock'), 'utf8')) as { port: number };
    first.child.kill('SIGKILL');
    await first.exited();
    // The supervisor's pid, taken since by a program that is no cluster (and no worker's parent).
    const other = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      writeFileSync(join(data, 'cluster.lock'), JSON.stringify({ ...lock, pid: other.pid }));
      const second = start(['--workers', '1', '--port', '0', '--dir', data]);
      await second.ready();
      expect(second.lines).toContainEqual(
        `omni-mock cluster: took over ${join(data, 'cluster.lock')}: the cluster that wrote it (pid ${other.pid}, port ${lock.port}) is gone, and its pid belongs to a process started since`,
      );
      expect(second.lines).toContainEqual(stoppedLine(left, data));
      expect(left.filter(alive)).toEqual([]);
      expect(await second.stop()).toBe(0);
      await nothingLeft(data);
    } finally {
      other.kill('SIGKILL');
    }
  }, 120_000);

  it('a start with another --workers names each system left where its key no longer goes; its commands move them', async () => {
    const data = join(dir, 'workers-changed');
    const cluster = async (workers: number) => {
      const c = start(['--workers', String(workers), '--port', '0', '--dir', data]);
      const { url } = await c.ready();
      // The advice comes once the cluster runs: after it, or its absence, the cluster says nothing more.
      await sleep(1_500);
      const first = c.lines.findIndex((l) => /^omni-mock cluster: \d+ systems? (is|are) not on the worker/.test(l));
      const last = c.lines.findIndex((l) => l.startsWith('  (or start again'));
      return { c, url, advice: first < 0 ? [] : c.lines.slice(first, last + 1) };
    };
    /** Runs each `omni-mock system …` command of the advice, as the user would copy them. */
    const follow = (advice: readonly string[]) => {
      for (const line of advice.filter((l) => l.startsWith('  omni-mock system export'))) {
        for (const command of line.trim().split(' && ')) {
          const out: string[] = [];
          // The export file is named relative to where the user runs the commands: here, the test's directory.
          const argv = command
            .split(' ')
            .slice(2)
            .map((arg) => (arg.endsWith('.db') && !arg.includes('/') ? join(dir, arg) : arg));
          const code = runSystemCommand(argv, { out: (l) => out.push(l), err: (l) => out.push(l) });
          expect([code, out]).toEqual([0, expect.anything()]);
        }
      }
    };
    const answers = async (url: string, keys: readonly string[]) =>
      Promise.all(keys.map(async (key) => (await new HttpClient(url, key).request('GET', '/__mock/system')).status));
    const keys = Array.from({ length: 8 }, (_, i) => `moved-system-${i}`);

    // Eight systems on one worker.
    const one = await cluster(1);
    for (const key of keys) await new HttpClient(one.url, key).ok('POST', '/__mock/systems', { system_key: key });
    expect(one.advice).toEqual([]);
    expect(await one.c.stop()).toBe(0);

    // Two workers: the systems whose keys now go to worker-2 are named, and not reached until moved.
    const two = await cluster(2);
    const toTwo = keys.filter((key) => two.advice.some((l) => l.includes(`--key ${key} `)));
    expect(toTwo.length).toBeGreaterThan(0);
    expect(toTwo.length).toBeLessThan(keys.length);
    expect(two.advice[0]).toMatch(
      new RegExp(
        `^omni-mock cluster: ${toTwo.length} systems? (is|are) not on the worker .* with --workers 2 .*401 INVALID_SYSTEM_KEY until moved`,
      ),
    );
    expect(two.advice.slice(1, -1)).toEqual(
      toTwo.map(
        (key) =>
          `  omni-mock system export --key ${key} --db ${data}/worker-1/omni.db --out ${key}.db --remove && omni-mock system import --from ${key}.db --db ${data}/worker-2/omni.db`,
      ),
    );
    expect((await answers(two.url, keys)).filter((status) => status === 401)).toHaveLength(toTwo.length);
    expect(await two.c.stop()).toBe(0);
    follow(two.advice);
    const moved = await cluster(2);
    expect(moved.advice).toEqual([]);
    expect(await answers(moved.url, keys)).toEqual(keys.map(() => 200));
    expect(await moved.c.stop()).toBe(0);

    // Back to one worker: worker-2, no longer run, still holds those systems, and they are named too.
    const back = await cluster(1);
    expect(back.advice.slice(1, -1)).toEqual(
      toTwo.map(
        (key) =>
          `  omni-mock system export --key ${key} --db ${data}/worker-2/omni.db --out ${key}.db --remove && omni-mock system import --from ${key}.db --db ${data}/worker-1/omni.db`,
      ),
    );
    expect(await back.c.stop()).toBe(0);
    await nothingLeft(data);
  }, 180_000);
});

/** GET `path` on `port` of this machine with `host` in the Host header (fetch would not send it); the status. */
function statusWithHost(port: number, path: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { Host: `${host}:${port}` } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe.skipIf(INSTALLED_HAPROXY === undefined)(
  'omni-mock cluster: the names of its front address (skipped without HAProxy)',
  () => {
    it('on 0.0.0.0 its workers answer a request naming this machine, and still refuse another name', async () => {
      const data = join(dir, 'front-names');
      const port = await freePort();
      const cluster = start([
        '--workers',
        '1',
        '--port',
        String(port),
        '--host',
        '0.0.0.0',
        '--admin-key',
        'front-names-key',
        '--dir',
        data,
      ]);
      await cluster.ready();
      // A lone `omni-mock --host 0.0.0.0` answers its machine's name; behind HAProxy the worker (on loopback) must too.
      // No key: 401 once the Host rule lets the request in (/health is open to any Host, so an Omni route it is).
      expect(await statusWithHost(port, '/omni/users', hostname())).toBe(401);
      expect(await statusWithHost(port, '/omni/users', 'rebound.example')).toBe(403);
      expect(await cluster.stop()).toBe(0);
      await nothingLeft(data);
    }, 90_000);

    it.skipIf(!HAS_IPV6_LOOPBACK).each(['[::1]', '::1'])(
      '--host %s: HAProxy listens on ::1 alone, the banner prints [::1], a request over IPv6 reaches a worker (skipped without an IPv6 loopback)',
      async (host) => {
        const data = join(dir, `ipv6-${host.replace(/\W/g, '')}`);
        const cluster = start(['--workers', '1', '--port', '0', '--host', host, '--dir', data]);
        const { url } = await cluster.ready();
        expect(url).toMatch(/^http:\/\/\[::1\]:\d+$/);
        const port = Number(new URL(url).port);
        expect(readFileSync(join(data, 'haproxy.cfg'), 'utf8')).toContain(`\n  bind [::1]:${port}\n`);
        // Through HAProxy on ::1 to the worker on 127.0.0.1 (its Host rule passing [::1]), and back.
        const api = new HttpClient(url, DEMO_SYSTEM_KEY);
        expect(await api.authorize('agent1', 'password1')).toMatch(/^\S{20,}$/);
        const res = await fetch(`${url}/__mock/system`, { headers: { Authorization: `Key=${DEMO_SYSTEM_KEY}` } });
        expect([res.status, res.headers.get('x-omni-worker')]).toEqual([200, 'worker-1']);
        // Where it was told to listen, and nowhere else.
        const v4 = await fetch(`http://127.0.0.1:${port}/health`).then(
          (r) => r.status,
          () => 'refused',
        );
        expect(v4).toBe('refused');
        expect(await cluster.stop()).toBe(0);
        await nothingLeft(data);
      },
      90_000,
    );
  },
);
