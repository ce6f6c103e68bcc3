/**
 * Everything `omni-mock cluster` must know before it writes a file or starts a process, in an order that changes
 * nothing until the last steps: HAProxy is found (`find-haproxy.ts`); `--dir` is a directory on a disk, or can
 * become one; no cluster runs on it; what a cluster killed there left running is stopped (`leftover-processes.ts`),
 * and nothing else runs on its files; no mock holds a worker's database; the front port is free (held from here on,
 * until HAProxy starts); then the directory is created and the cluster's lock, `<dir>/cluster.lock`, taken. A running
 * cluster's files are so never touched by a second one, which would have its supervisor restart HAProxy from the
 * second's configuration. Each refusal is one line naming the problem and its remedy.
 *
 * The lock's process is the cluster only while it runs (a zombie, a supervisor killed but not yet reaped by its
 * parent, does not), while it is the process that wrote the lock (the lock records its start time: a pid reused since
 * shows another, also that of a supervisor killed while it was starting) and, once it listens, while a worker of the
 * directory is its child: a supervisor killed with SIGKILL leaves its workers to init, so neither a pid reused since
 * nor a zombie keeps the directory from the next start, which takes the lock over and says so. Without `/proc` (not
 * Linux), a worker holding its database is all there is to go by.
 *
 * @module
 */

import { mkdirSync, realpathSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import {
  acquireInstanceLock,
  type InstanceLock,
  type LockOwner,
  liveOwner,
  takeOverLine,
} from '../cli/instance-lock.js';
import { reservePort } from '../cli/reserve-port.js';
import { mayAccess, PSEUDO_ROOTS, statOrNothing } from '../store/check-database-path.js';
import { databaseHeld } from '../store/database-held.js';
import { findHaproxy } from './find-haproxy.js';
import { freePort } from './free-port.js';
import { stopLeftovers, unrecordedProcesses } from './leftover-processes.js';
import { processInfo } from './process-table.js';

export interface ClusterPreflightOptions {
  /** `--haproxy` as given; undefined: looked for on `path` and in the usual directories. */
  haproxy: string | undefined;
  /** The PATH HAProxy is looked for on. */
  path: string | undefined;
  /** As the user gave it (messages name it so). */
  dir: string;
  workers: number;
  host: string;
  /** 0: a free port is picked (and held). */
  port: number;
  /** This process's id, written in the cluster's lock. */
  pid: number;
  /** A line of progress (the leftovers of a killed cluster stopped). */
  say?(line: string): void;
}

export type ClusterPreflight =
  | {
      ok: true;
      /** The HAProxy binary to run. */
      haproxy: string;
      /** `--dir`, absolute; it exists now. */
      dir: string;
      /** The front port, held until `releasePort()`: called just before HAProxy binds it. */
      port: number;
      releasePort(): Promise<void>;
      lock: InstanceLock;
    }
  | { ok: false; problem: string };

/** Worker `index`'s database under the cluster's directory. */
export function workerDatabase(dir: string, index: number): string {
  return join(dir, `worker-${index}`, 'omni.db');
}

/** instance-lock.ts names a lock `<base>.lock`: the cluster's is `<dir>/cluster.lock`. */
const clusterLockBase = (dir: string) => join(dir, 'cluster');

export async function clusterPreflight(options: ClusterPreflightOptions): Promise<ClusterPreflight> {
  const dir = resolve(options.dir);
  const haproxy = findHaproxy({ given: options.haproxy, path: options.path });
  if ('problem' in haproxy) return { ok: false, problem: haproxy.problem };
  let problem: string | undefined;
  try {
    problem = dirProblem(dir, options.dir) ?? workerHomeProblem(dir, options.workers) ?? clusterProblem(dir, options);
    if (!problem) {
      const stopped = await stopLeftovers(dir, options.dir, workerDatabase);
      if (stopped) options.say?.(`omni-mock cluster: ${stopped}`);
      problem = unrecordedProcesses(dir, options.dir) ?? workerDatabaseProblem(dir, options);
    }
  } catch (error) {
    problem = `cannot read --dir ${options.dir} (${(error as Error).message}): give another --dir`;
  }
  if (problem) return { ok: false, problem };
  const front = await holdFrontPort(options.host, options.port);
  if (!front.ok) return front;
  try {
    makeDirectory(dir);
    const taken = acquireInstanceLock(clusterLockBase(dir), options.pid, clusterConfirm(dir, options.workers));
    if (!taken.ok) {
      await front.release();
      return { ok: false, problem: clusterRunning(options.dir, taken.owner) };
    }
    const tookOver =
      taken.tookOver &&
      takeOverLine(join(options.dir, 'cluster.lock'), taken.tookOver, {
        writer: 'cluster',
        unconfirmed: 'that pid runs no worker of this directory',
      });
    if (tookOver) options.say?.(`omni-mock cluster: ${tookOver}`);
    return { ok: true, haproxy: haproxy.path, dir, port: front.port, releasePort: front.release, lock: taken.lock };
  } catch (error) {
    await front.release();
    return {
      ok: false,
      problem: `cannot prepare --dir ${options.dir} (${(error as Error).message}): give another --dir`,
    };
  }
}

function dirProblem(dir: string, shown: string): string | undefined {
  const stats = statOrNothing(dir);
  if (stats?.isFile()) return `--dir ${shown} is a file, not a directory: give a directory (it is created if missing)`;
  if (stats && !stats.isDirectory())
    return `--dir ${shown} is not a directory: give a directory (it is created if missing)`;
  let ancestor = dir;
  while (!statOrNothing(ancestor) && dirname(ancestor) !== ancestor) ancestor = dirname(ancestor);
  const existing = statOrNothing(ancestor);
  if (!existing?.isDirectory()) {
    return `cannot create --dir ${shown}: ${ancestor} is not a directory: give another --dir`;
  }
  // No file can be created there (and Node's recursive mkdir never returns under /proc: ENOENT, then EEXIST, again).
  const real = realOrAsIs(ancestor);
  const pseudo = PSEUDO_ROOTS.find((root) => real === root || real.startsWith(`${root}${sep}`));
  if (pseudo) {
    return `--dir ${shown} is under ${pseudo}, a kernel pseudo-filesystem where no file can be created: give a directory on a disk, e.g. --dir ./omni-cluster`;
  }
  if (!mayAccess(ancestor, existing, 'write')) {
    const what =
      ancestor === dir ? `--dir ${shown} is read-only` : `cannot create --dir ${shown}: ${ancestor} is read-only`;
    return `${what}: make it writable (chmod u+w ${ancestor}) or give another --dir`;
  }
  return undefined;
}

function realOrAsIs(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/**
 * `mkdir -p`, one level at a time: Node's `{ recursive: true }` loops for ever (at 100% CPU, deaf to signals) where a
 * filesystem answers ENOENT for a directory whose parent exists, as /proc does; here that ENOENT is thrown.
 */
function makeDirectory(dir: string): void {
  const parent = dirname(dir);
  if (parent !== dir && !statOrNothing(parent)) makeDirectory(parent);
  try {
    mkdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !statOrNothing(dir)?.isDirectory()) throw error;
  }
}

function workerHomeProblem(dir: string, workers: number): string | undefined {
  for (let index = 1; index <= workers; index++) {
    const home = dirname(workerDatabase(dir, index));
    const stats = statOrNothing(home);
    if (stats && !stats.isDirectory()) {
      return `${home} is not a directory: it holds worker-${index}'s files; move it away or give another --dir`;
    }
  }
  return undefined;
}

/** Reads only: the cluster's lock. */
function clusterProblem(dir: string, options: ClusterPreflightOptions): string | undefined {
  const cluster = liveOwner(clusterLockBase(dir), options.pid, clusterConfirm(dir, options.workers));
  return cluster ? clusterRunning(options.dir, cluster) : undefined;
}

/** Reads only: each worker database's lock. */
function workerDatabaseProblem(dir: string, options: ClusterPreflightOptions): string | undefined {
  for (let index = 1; index <= options.workers; index++) {
    const db = workerDatabase(dir, index);
    const owner = liveOwner(db, options.pid, () => databaseHeld(db));
    if (owner) {
      const port = owner.port === undefined ? 'still starting' : `port ${owner.port}`;
      return `a mock is already using ${workerDatabase(options.dir, index)} (pid ${owner.pid}, ${port}): stop it (kill ${owner.pid}) or give another --dir`;
    }
  }
  return undefined;
}

/**
 * A listening cluster's lock is its own, not a reused pid's, when a worker of the directory runs as its child (with
 * `/proc`) or holds its database (without). A cluster whose every worker is down at once is taken for gone.
 */
function clusterConfirm(dir: string, workers: number): (owner: LockOwner) => boolean {
  const databases = Array.from({ length: workers }, (_, i) => workerDatabase(dir, i + 1));
  return (owner) => {
    if (processInfo(owner.pid) === undefined) return databases.some(databaseHeld);
    return databases.some((db) => {
      const worker = liveOwner(db, owner.pid, () => true);
      const info = worker && processInfo(worker.pid);
      return info !== undefined && info !== 'gone' && info.parent === owner.pid;
    });
  };
}

function clusterRunning(shown: string, owner: LockOwner): string {
  const port = owner.port === undefined ? 'still starting' : `port ${owner.port}`;
  return `a cluster is already using ${shown} (pid ${owner.pid}, ${port}): stop it (kill ${owner.pid}) or give another --dir`;
}

/**
 * Binds the front port now, so that a port in use is refused before anything starts, and holds it while the workers
 * start. Port 0 is a free port picked and held the same way.
 */
async function holdFrontPort(
  host: string,
  port: number,
): Promise<{ ok: true; port: number; release(): Promise<void> } | { ok: false; problem: string }> {
  for (let attempt = 1; ; attempt++) {
    const chosen = port === 0 ? await freePort('127.0.0.1') : port;
    const held = await reservePort(host, chosen);
    if (held.ok) return { ok: true, port: chosen, release: held.release };
    // A free port picked can be taken before it is held: another pick.
    if (port !== 0 || attempt === 3) return held;
  }
}
