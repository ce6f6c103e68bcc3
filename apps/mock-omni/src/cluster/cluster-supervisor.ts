/**
 * Runs a cluster: N `omni-mock` workers on free loopback ports, each on its own files under `<dir>/worker-<i>/`, and
 * HAProxy in front of them on the configuration of `haproxy-config.ts`. Nothing is written or started before
 * `cluster-preflight.ts` has passed. It supervises every process: a worker that exits unasked is started again on the
 * same files and port (the stale `<db>.lock` of a killed mock is taken over), after a pause that grows while it keeps
 * dying at once; HAProxy's own health check takes it out and back in. A HAProxy that exits is started again, unless it
 * keeps exiting as it starts (its port taken, say): then, as when a process cannot be spawned at all, the cluster gives
 * up, stops every process and says why (`failed`). `stop()` stops HAProxy first with its soft stop (it takes no new
 * connection and passes on the answers of the requests in flight), then every worker with SIGTERM (each finishes its
 * requests in flight and closes its database). `quitWhen` stops everything at once: HAProxy killed, each worker told
 * a second time (it quits at once; what it answered is in its database).
 *
 * Each process runs in a process group of its own: a terminal's Ctrl-C, or its hang-up, goes to the whole foreground
 * group, and would otherwise stop HAProxy at once (its answers in flight lost) and every worker beside the
 * supervisor's own order. The supervisor alone gets them and stops the others in order. Their pids are recorded in
 * the directory while they run (`leftover-processes.ts`): what a supervisor killed with SIGKILL leaves running, the
 * next start stops. Should the supervisor exit any other way while they run (a crash), it stops them as it goes.
 *
 * @module
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { bucketMapText } from './bucket-owners.js';
import { clusterPreflight, workerDatabase } from './cluster-preflight.js';
import { freePort } from './free-port.js';
import { frontHostArgs } from './front-host-names.js';
import { type ClusterWorkerAddress, haproxyConfig, START_CHECK_PATH } from './haproxy-config.js';
import { removeProcessRecord, writeProcessRecord } from './leftover-processes.js';

export interface ClusterSpec {
  workers: number;
  host: string;
  port: number;
  dir: string;
  /** `--haproxy` as given; undefined: `haproxy` looked for on `path`, then in the usual directories. */
  haproxy: string | undefined;
  /** The PATH HAProxy is looked for on (main.ts: the process's). */
  path?: string | undefined;
  adminKey: string | undefined;
  workerArgs: readonly string[];
  /** How to start one `omni-mock` (its options follow): e.g. node and the bin's path. */
  workerCommand: { command: string; args: readonly string[] };
  /** A line of progress for the person running it. */
  say(line: string): void;
  /** How long a process has to come up (default 60 s: a first start creates the demo data). */
  startTimeoutMs?: number;
  /**
   * Aborted when the cluster should stop (Ctrl-C): while it starts, the start stops every process and rejects with
   * `ClusterStopped`; once it runs, `stop()` is the caller's.
   */
  stopWhen?: AbortSignal;
  /** Aborted when the cluster should quit at once (a second Ctrl-C), at any time. */
  quitWhen?: AbortSignal;
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
  /**
   * Resolves with the reason, one line, once the cluster has given up and stopped every process: a process that
   * cannot be spawned, a HAProxy that keeps exiting as it starts. Never resolves otherwise.
   */
  readonly failed: Promise<string>;
  stop(): Promise<void>;
}

export class ClusterStartError extends Error {}

/** The start was stopped on request (`stopWhen`) before the cluster ran: every process it started has stopped. */
export class ClusterStopped extends Error {}

/** HAProxy exits this many times in a row, each within `QUICK_EXIT_MS` of its start: the cluster gives up. */
const HAPROXY_QUICK_EXITS = 5;
const QUICK_EXIT_MS = 5_000;
/**
 * After HAProxy's soft stop, how long the workers keep taking requests before they are told to stop: a request HAProxy
 * accepted just before is sent on to its worker by then. A request in flight in a worker is answered whenever.
 */
const HANDOFF_MS = 300;
/** How long HAProxy has to pass on the answers in flight (its own `hard-stop-after` is shorter), then SIGKILL. */
const HAPROXY_STOP_MS = 15_000;
const WORKER_STOP_MS = 15_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The body of a 200 answer, or undefined (another status, no answer). */
async function bodyOf(url: string): Promise<string | undefined> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    const body = await res.text();
    return res.status === 200 ? body : undefined;
  } catch {
    return undefined;
  }
}

const running = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

/** A spawn that failed (no such file, no permission) has no pid; its 'error' comes instead of 'exit'. */
function spawnFailure(child: ChildProcess, error: Error): string | undefined {
  if (child.pid !== undefined) return undefined;
  return (error as NodeJS.ErrnoException).code ?? error.message;
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

/** HAProxy's reason for exiting: its first `[ALERT]` line, without the tag and pid. */
function alertText(line: string): string | undefined {
  const m = /^\[ALERT\]\s*\(\d+\)\s*:\s*(.*)$/.exec(line);
  return m?.[1];
}

export async function startCluster(spec: ClusterSpec): Promise<RunningCluster> {
  const checked = await clusterPreflight({
    haproxy: spec.haproxy,
    path: spec.path,
    dir: spec.dir,
    workers: spec.workers,
    host: spec.host,
    port: spec.port,
    pid: process.pid,
    say: spec.say,
  });
  if (!checked.ok) throw new ClusterStartError(checked.problem);
  const { dir, lock } = checked;
  const haproxyPath = checked.haproxy;
  const frontPort = checked.port;
  let portHeld = true;
  const releasePort = async () => {
    if (!portHeld) return;
    portHeld = false;
    await checked.releasePort();
  };
  const loopback = '127.0.0.1';
  const startTimeoutMs = spec.startTimeoutMs ?? 60_000;
  const startToken = randomUUID();
  const mapPath = join(dir, 'buckets.map');
  const configPath = join(dir, 'haproxy.cfg');
  const workers: WorkerState[] = [];
  try {
    for (let index = 1; index <= spec.workers; index++) {
      const db = workerDatabase(dir, index);
      mkdirSync(dirname(db), { recursive: true });
      workers.push({ index, port: await freePort(loopback), db, pid: undefined, restarts: 0 });
    }
    const addresses: ClusterWorkerAddress[] = workers.map((w) => ({ index: w.index, host: loopback, port: w.port }));
    writeFileSync(mapPath, bucketMapText(spec.workers));
    writeFileSync(
      configPath,
      haproxyConfig({ host: spec.host, port: frontPort, workers: addresses, mapPath, startToken }),
    );
  } catch (error) {
    lock.release();
    await releasePort();
    throw new ClusterStartError(`cannot prepare --dir ${spec.dir} (${(error as Error).message}): give another --dir`);
  }

  let stopping = false;
  let started = false;
  /** A stop was asked for (`stopWhen`) while starting. */
  let stopAsked = false;
  /** Why the cluster gave up, once it has. */
  let failure: string | undefined;
  let resolveFailed: (reason: string) => void = () => {};
  const failed = new Promise<string>((r) => {
    resolveFailed = r;
  });
  const children = new Map<number, ChildProcess>();
  /** The children told to stop (SIGTERM) once already. */
  const told = new Set<ChildProcess>();
  let haproxy: ChildProcess | undefined;
  let haproxyQuickExits = 0;
  const waiters = new Map<number, (() => void)[]>();
  const up = new Set<number>();

  const healthUrl = (w: WorkerState) => `http://${loopback}:${w.port}/health`;

  /**
   * Stops every process and, once running, resolves `failed`; while starting, the start itself throws the reason
   * (`waitUntil` sees it) and stops everything.
   */
  const giveUp = (reason: string) => {
    if (stopping || failure !== undefined) return;
    failure = reason;
    if (started) void stopAll().then(() => resolveFailed(reason));
  };

  /** Polls `probe` until it holds; throws when the child exits first, the cluster gives up, or time runs out. */
  const waitUntil = async (
    probe: () => Promise<boolean>,
    child: ChildProcess,
    exited: () => Promise<string>,
    timedOut: string,
  ): Promise<void> => {
    const deadline = Date.now() + startTimeoutMs;
    while (Date.now() < deadline) {
      if (failure !== undefined) throw new ClusterStartError(failure);
      if (stopping) throw new ClusterStopped('stopped while starting');
      if (await probe()) return;
      if (!running(child)) {
        // A failed spawn sets the exit code in the same turn as its 'error', which gave up already.
        if (failure !== undefined) throw new ClusterStartError(failure);
        throw new ClusterStartError(await exited());
      }
      await sleep(100);
    }
    throw new ClusterStartError(timedOut);
  };

  const waitWorker = (w: WorkerState, child: ChildProcess) =>
    waitUntil(
      async () => (await bodyOf(healthUrl(w))) !== undefined,
      child,
      async () => `worker-${w.index} exited while starting (its lines above say why)`,
      `worker-${w.index} did not answer ${healthUrl(w)} within ${startTimeoutMs / 1000} s`,
    );

  /** The pids the next start stops should this supervisor die without stopping them (kill -9). */
  const record = () => {
    if (stopping) return;
    try {
      writeProcessRecord(dir, {
        supervisor: process.pid,
        haproxy: haproxy?.pid,
        workers: Object.fromEntries([...children].flatMap(([index, child]) => (child.pid ? [[index, child.pid]] : []))),
      });
    } catch {
      // Only a help for the next start: a directory that can no longer be written shows in the workers soon enough.
    }
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
      ...frontHostArgs(spec.host),
      ...spec.workerArgs,
    ];
    const child = spawn(spec.workerCommand.command, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    w.pid = child.pid;
    children.set(w.index, child);
    up.delete(w.index);
    record();
    child.on('error', (error) => {
      const code = spawnFailure(child, error);
      if (code !== undefined) giveUp(`cannot start worker-${w.index} (${spec.workerCommand.command}: ${code})`);
    });
    prefixLines(child, `[worker-${w.index}]`, spec.say, (line) => line.startsWith('omni-mock'));
    let startedAt = Date.now();
    child.once('spawn', () => {
      startedAt = Date.now();
    });
    child.once('exit', (code, signal) => {
      if (children.get(w.index) === child) children.delete(w.index);
      up.delete(w.index);
      w.pid = undefined;
      if (stopping) return;
      record();
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
        waitWorker(w, again)
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

  /** One HAProxy process, and once it has closed, why it exited (its first alert). */
  const launchHaproxy = (): { child: ChildProcess; closed: Promise<string> } => {
    const child = spawn(haproxyPath, ['-f', configPath, '-db'], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const startedAt = Date.now();
    let alert: string | undefined;
    child.on('error', (error) => {
      const code = spawnFailure(child, error);
      if (code !== undefined) {
        giveUp(
          spec.haproxy === undefined
            ? `cannot run HAProxy ${haproxyPath} (${code}): give the HAProxy binary with --haproxy`
            : `cannot run --haproxy ${haproxyPath} (${code}): give the HAProxy binary`,
        );
      }
    });
    prefixLines(child, '[haproxy]', (line) => {
      alert ??= alertText(line.slice('[haproxy] '.length));
      // Its soft stop says "Proxy <name> stopped" for each frontend and backend: the cluster's own line says it.
      if (stopping && /\] +\(\d+\) : Proxy \S+ stopped /.test(line)) return;
      spec.say(line);
    });
    // 'close' rather than 'exit': its lines (the alert) have all been read by then. Shortly after 'exit' at the
    // latest: a process it left behind may hold its output open.
    const closed = new Promise<string>((resolveClosed) => {
      const why = (code: number | null, signal: NodeJS.Signals | null) => alert ?? `${signal ?? `code ${code}`}`;
      child.once('close', (code, signal) => resolveClosed(why(code, signal)));
      child.once('exit', (code, signal) => setTimeout(() => resolveClosed(why(code, signal)), 500).unref());
    });
    void closed.then((why) => {
      if (haproxy === child) haproxy = undefined;
      // While starting, the start-up check reports it; a spawn that failed has given up already.
      if (stopping || !started || child.pid === undefined) return;
      haproxyQuickExits = Date.now() - startedAt < QUICK_EXIT_MS ? haproxyQuickExits + 1 : 0;
      if (haproxyQuickExits >= HAPROXY_QUICK_EXITS) {
        giveUp(
          `HAProxy exited ${haproxyQuickExits} times in a row as it started (the last time: ${why}): stopped every worker`,
        );
        return;
      }
      spec.say(`omni-mock cluster: HAProxy exited (${why}); starting it again`);
      setTimeout(() => {
        if (!stopping) {
          haproxy = launchHaproxy().child;
          record();
        }
      }, 500).unref();
    });
    return { child, closed };
  };

  const ended = (child: ChildProcess) =>
    !running(child) ? Promise.resolve() : new Promise<void>((r) => child.once('exit', () => r()));
  const kills: NodeJS.Timeout[] = [];
  /** Sends `signal`, then SIGKILL should the child still run after `graceMs`. */
  const tell = (child: ChildProcess, signal: NodeJS.Signals, graceMs: number) => {
    if (!running(child)) return;
    if (signal === 'SIGTERM') told.add(child);
    child.kill(signal);
    kills.push(setTimeout(() => running(child) && child.kill('SIGKILL'), graceMs));
  };
  /** A crash of the supervisor (or any exit before `stop()` has ended) leaves no process of its own behind. */
  const onExit = () => {
    for (const child of [haproxy, ...children.values()]) if (child && running(child)) child.kill('SIGTERM');
  };
  process.on('exit', onExit);

  let stopped: Promise<void> | undefined;
  const stopAll = (): Promise<void> => {
    stopped ??= (async () => {
      stopping = true;
      const front = haproxy;
      if (front && running(front)) {
        // SIGUSR1 is HAProxy's soft stop: it closes its port and passes on the answers of the requests in flight
        // (SIGTERM would drop them), for `hard-stop-after` at most.
        tell(front, 'SIGUSR1', HAPROXY_STOP_MS);
        await Promise.race([ended(front), sleep(HANDOFF_MS)]);
      }
      for (const child of children.values()) if (!told.has(child)) tell(child, 'SIGTERM', WORKER_STOP_MS);
      await Promise.all([front, ...children.values()].map((child) => (child ? ended(child) : undefined)));
      for (const timer of kills) clearTimeout(timer);
      process.off('exit', onExit);
      removeProcessRecord(dir);
      await releasePort();
      lock.release();
    })();
    return stopped;
  };

  /** A second Ctrl-C: HAProxy killed, each worker told again (it quits at once) or killed if not told yet. */
  const quitAll = () => {
    stopping = true;
    if (haproxy && running(haproxy)) haproxy.kill('SIGKILL');
    for (const child of children.values()) {
      if (!running(child)) continue;
      child.kill(told.has(child) ? 'SIGTERM' : 'SIGKILL');
      kills.push(setTimeout(() => running(child) && child.kill('SIGKILL'), 2_000));
    }
    void stopAll();
  };
  if (spec.quitWhen?.aborted) quitAll();
  spec.quitWhen?.addEventListener('abort', quitAll, { once: true });
  const stopWhileStarting = () => {
    if (started) return;
    stopAsked = true;
    void stopAll();
  };
  if (spec.stopWhen?.aborted) stopWhileStarting();
  spec.stopWhen?.addEventListener('abort', stopWhileStarting, { once: true });

  const shownHost = spec.host.includes(':') ? `[${spec.host}]` : spec.host;
  try {
    spec.say(`omni-mock cluster: starting ${spec.workers} worker${spec.workers === 1 ? '' : 's'} under ${dir}`);
    const launched = workers.map((w) => ({ w, child: launchWorker(w) }));
    await Promise.all(
      launched.map(async ({ w, child }) => {
        await waitWorker(w, child);
        markUp(w.index);
        spec.say(`omni-mock cluster: worker-${w.index} on ${loopback}:${w.port} (pid ${w.pid}), data ${w.db}`);
      }),
    );
    if (stopping) throw new ClusterStopped('stopped while starting');
    spec.say(`omni-mock cluster: starting HAProxy (${haproxyPath}) with ${configPath}`);
    // Held until now so that nothing takes it while the workers started; HAProxy binds it next.
    await releasePort();
    const first = launchHaproxy();
    haproxy = first.child;
    record();
    const front = `http://${spec.host === '0.0.0.0' ? loopback : shownHost}:${frontPort}`;
    // Its own token first: a 200 from whatever else took the port in the meantime is not this cluster's.
    await waitUntil(
      async () =>
        (await bodyOf(`${front}${START_CHECK_PATH}`)) === startToken && (await bodyOf(`${front}/health`)) !== undefined,
      first.child,
      async () => `HAProxy exited while starting: ${await first.closed}`,
      `HAProxy did not answer ${front}/health within ${startTimeoutMs / 1000} s`,
    );
    if (failure !== undefined) throw new ClusterStartError(failure);
    started = true;
    lock.listening(frontPort, spec.host);
  } catch (error) {
    await stopAll();
    // Whatever a stop asked for while starting made fail (a worker told to stop exits before it answers) is that stop.
    if (stopAsked && failure === undefined) throw new ClusterStopped('stopped while starting');
    throw error;
  }

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
    failed,
    stop: stopAll,
  };
}
