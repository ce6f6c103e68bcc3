/**
 * Runs a cluster: N `omni-mock` workers on free loopback ports, each on its own files under `<dir>/worker-<i>/`, and
 * HAProxy in front of them on the configuration of `haproxy-config.ts`. It supervises every process: a worker that
 * exits unasked is started again on the same files and port (the stale `<db>.lock` of a killed mock is taken over),
 * after a pause that grows while it keeps dying at once; HAProxy's own health check takes it out and back in. `stop()`
 * stops HAProxy first (no new requests), then every worker with SIGTERM (each finishes its requests in flight and
 * closes its database).
 *
 * @module
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { bucketMapText } from './bucket-owners.js';
import { type ClusterWorkerAddress, haproxyConfig } from './haproxy-config.js';

export interface ClusterSpec {
  workers: number;
  host: string;
  port: number;
  dir: string;
  haproxy: string;
  adminKey: string | undefined;
  workerArgs: readonly string[];
  /** How to start one `omni-mock` (its options follow): e.g. node and the bin's path. */
  workerCommand: { command: string; args: readonly string[] };
  /** A line of progress for the person running it. */
  say(line: string): void;
  /** How long a process has to come up (default 60 s: a first start creates the demo data). */
  startTimeoutMs?: number;
}

export interface WorkerState {
  index: number;
  port: number;
  db: string;
  pid: number | undefined;
  restarts: number;
}

export interface RunningCluster {
  /** HAProxy's URL: what clients use. */
  readonly url: string;
  readonly port: number;
  readonly workers: readonly WorkerState[];
  readonly haproxyPid: number | undefined;
  readonly configPath: string;
  /** Resolves when worker `index` is answering `/health` again after a restart (or at once when it is). */
  workerUp(index: number): Promise<void>;
  stop(): Promise<void>;
}

export class ClusterStartError extends Error {}

/** A port nothing listens on now, on `host` (the system's pick). */
export function freePort(host: string): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port: 0, host, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

/**
 * A child's lines, prefixed with its name: every line of stderr, and of stdout those `keep` lets through (a worker's
 * start banner names its own port and demo users, which a cluster's user does not call).
 */
function prefixLines(
  child: ChildProcess,
  prefix: string,
  say: (line: string) => void,
  keep: (line: string) => boolean = () => true,
): void {
  if (child.stdout)
    createInterface({ input: child.stdout }).on('line', (line) => keep(line) && say(`${prefix} ${line}`));
  if (child.stderr) createInterface({ input: child.stderr }).on('line', (line) => say(`${prefix} ${line}`));
}

export async function startCluster(spec: ClusterSpec): Promise<RunningCluster> {
  if (!existsSync(spec.haproxy)) {
    throw new ClusterStartError(
      `HAProxy is not installed (${spec.haproxy} is missing): apt-get install haproxy (Debian, Ubuntu), or give its path with --haproxy`,
    );
  }
  const dir = resolve(spec.dir);
  const loopback = '127.0.0.1';
  const startTimeoutMs = spec.startTimeoutMs ?? 60_000;
  mkdirSync(dir, { recursive: true });
  const frontPort = spec.port === 0 ? await freePort(spec.host) : spec.port;
  const workers: WorkerState[] = [];
  for (let index = 1; index <= spec.workers; index++) {
    const home = join(dir, `worker-${index}`);
    mkdirSync(home, { recursive: true });
    workers.push({ index, port: await freePort(loopback), db: join(home, 'omni.db'), pid: undefined, restarts: 0 });
  }
  const mapPath = join(dir, 'buckets.map');
  const configPath = join(dir, 'haproxy.cfg');
  const addresses: ClusterWorkerAddress[] = workers.map((w) => ({ index: w.index, host: loopback, port: w.port }));
  writeFileSync(mapPath, bucketMapText(spec.workers));
  writeFileSync(configPath, haproxyConfig({ host: spec.host, port: frontPort, workers: addresses, mapPath }));

  let stopping = false;
  const children = new Map<number, ChildProcess>();
  let haproxy: ChildProcess | undefined;
  const waiters = new Map<number, (() => void)[]>();
  const up = new Set<number>();

  const healthUrl = (w: WorkerState) => `http://${loopback}:${w.port}/health`;

  const waitHealthy = async (url: string, alive: () => boolean, what: string): Promise<void> => {
    const deadline = Date.now() + startTimeoutMs;
    while (Date.now() < deadline) {
      if (stopping) return;
      if (await answers(url)) return;
      if (!alive()) throw new ClusterStartError(`${what} exited while starting (its lines above say why)`);
      await sleep(100);
    }
    throw new ClusterStartError(`${what} did not answer ${url} within ${startTimeoutMs / 1000} s`);
  };

  const markUp = (index: number) => {
    up.add(index);
    for (const resolveUp of waiters.get(index)?.splice(0) ?? []) resolveUp();
  };

  const launchWorker = (w: WorkerState): ChildProcess => {
    const args = [
      ...spec.workerCommand.args,
      '--port',
      String(w.port),
      '--host',
      loopback,
      '--db',
      w.db,
      ...(spec.adminKey !== undefined ? ['--admin-key', spec.adminKey] : []),
      ...spec.workerArgs,
    ];
    const child = spawn(spec.workerCommand.command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    w.pid = child.pid;
    children.set(w.index, child);
    up.delete(w.index);
    prefixLines(child, `[worker-${w.index}]`, spec.say, (line) => line.startsWith('omni-mock'));
    let startedAt = Date.now();
    child.once('spawn', () => {
      startedAt = Date.now();
    });
    child.once('exit', (code, signal) => {
      children.delete(w.index);
      up.delete(w.index);
      w.pid = undefined;
      if (stopping) return;
      // A worker that dies at once (a bad option, a broken file) is not restarted in a tight loop.
      const ranMs = Date.now() - startedAt;
      const pause = ranMs > 10_000 ? 200 : Math.min(5_000, 200 * 2 ** Math.min(w.restarts, 5));
      w.restarts++;
      spec.say(
        `omni-mock cluster: worker-${w.index} exited (${signal ?? `code ${code}`}); restarting it on ${w.db} in ${pause} ms`,
      );
      setTimeout(() => {
        if (stopping) return;
        const again = launchWorker(w);
        waitHealthy(healthUrl(w), () => again.exitCode === null && again.signalCode === null, `worker-${w.index}`)
          .then(() => {
            if (stopping) return;
            markUp(w.index);
            spec.say(`omni-mock cluster: worker-${w.index} is back on ${loopback}:${w.port} (pid ${w.pid})`);
          })
          .catch(() => undefined);
      }, pause).unref();
    });
    return child;
  };

  const launchHaproxy = (): ChildProcess => {
    const child = spawn(spec.haproxy, ['-f', configPath, '-db'], { stdio: ['ignore', 'pipe', 'pipe'] });
    prefixLines(child, '[haproxy]', spec.say);
    child.once('exit', (code, signal) => {
      if (haproxy === child) haproxy = undefined;
      if (stopping) return;
      spec.say(`omni-mock cluster: HAProxy exited (${signal ?? `code ${code}`}); starting it again`);
      setTimeout(() => {
        if (!stopping) haproxy = launchHaproxy();
      }, 500).unref();
    });
    return child;
  };

  const stopAll = async (): Promise<void> => {
    stopping = true;
    const ended = (child: ChildProcess) =>
      child.exitCode !== null || child.signalCode !== null
        ? Promise.resolve()
        : new Promise<void>((r) => child.once('exit', () => r()));
    const stopOne = async (child: ChildProcess, graceMs: number) => {
      const done = ended(child);
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await done;
      clearTimeout(timer);
    };
    if (haproxy) await stopOne(haproxy, 5_000);
    await Promise.all([...children.values()].map((child) => stopOne(child, 15_000)));
  };

  try {
    spec.say(`omni-mock cluster: starting ${spec.workers} worker${spec.workers === 1 ? '' : 's'} under ${dir}`);
    const started = workers.map((w) => ({ w, child: launchWorker(w) }));
    await Promise.all(
      started.map(async ({ w, child }) => {
        await waitHealthy(
          healthUrl(w),
          () => child.exitCode === null && child.signalCode === null,
          `worker-${w.index}`,
        );
        markUp(w.index);
        spec.say(`omni-mock cluster: worker-${w.index} on ${loopback}:${w.port} (pid ${w.pid}), data ${w.db}`);
      }),
    );
    spec.say(`omni-mock cluster: starting HAProxy (${spec.haproxy}) with ${configPath}`);
    haproxy = launchHaproxy();
    const first = haproxy;
    const front = `http://${spec.host.includes(':') ? `[${spec.host}]` : spec.host === '0.0.0.0' ? loopback : spec.host}:${frontPort}`;
    await waitHealthy(`${front}/health`, () => first.exitCode === null && first.signalCode === null, 'HAProxy');
  } catch (error) {
    await stopAll();
    throw error;
  }

  const shownHost = spec.host.includes(':') ? `[${spec.host}]` : spec.host;
  return {
    url: `http://${shownHost}:${frontPort}`,
    port: frontPort,
    workers,
    get haproxyPid() {
      return haproxy?.pid;
    },
    configPath,
    workerUp: (index) =>
      up.has(index)
        ? Promise.resolve()
        : new Promise<void>((r) => {
            const list = waiters.get(index) ?? [];
            list.push(r);
            waiters.set(index, list);
          }),
    stop: stopAll,
  };
}
