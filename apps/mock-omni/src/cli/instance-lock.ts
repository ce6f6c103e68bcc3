/**
 * The file beside a database that says which mock is using it: `<db>.lock`, holding `{ pid, started, port, host }` (no
 * port until the mock listens; `started` is the process's identity, `processIdentity` of process-table.ts, where
 * `/proc` tells it). A second mock reads it and names the first's pid and port at once. A lock whose process is gone
 * (a `kill -9`ed mock, also while it is a zombie its parent has not reaped yet) is stale and taken over. So is one whose
 * pid now belongs to another process (a container restarted with the file on a volume, a pid reused since): its
 * process started at another time than the one the lock records, whether the lock's writer had reached its port or
 * was still starting. A lock without `started` (an older omni-mock's, or no `/proc`) falls back on `confirm`: a mock
 * that has reached its port holds SQLite's lock on the database; one still starting has only its pid to go by. SQLite's
 * own lock stays the last word should two mocks race.
 *
 * @module
 */

import { linkSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { isZombie, processIdentity } from '../cluster/process-table.js';

export interface LockOwner {
  pid: number;
  /** The identity of the process that wrote the lock (`processIdentity`); undefined in an older omni-mock's lock. */
  started: string | undefined;
  port: number | undefined;
  host: string | undefined;
}

/**
 * Why a lock found in place was taken over: its process is gone (or a zombie, or is this process); its pid belongs to
 * a process started since (`reused`); its pid runs but `confirm` says it is not the owner (`unconfirmed`); or the file
 * could not be read (a crash while writing it).
 */
export type TakeOverReason = 'gone' | 'reused' | 'unconfirmed' | 'unreadable';

export type LockResult =
  | { ok: true; lock: InstanceLock; tookOver?: { owner: LockOwner | undefined; why: TakeOverReason } }
  | { ok: false; owner: LockOwner };

export interface InstanceLock {
  readonly path: string;
  /** Records the port once listening, for the next mock's message. */
  listening(port: number, host: string): void;
  /** Removes the file, if it is still this process's. */
  release(): void;
}

export function lockPathOf(db: string): string {
  return `${db}.lock`;
}

/** The running mock that holds the lock of `db`, if any (reads only: for a check before anything is created). */
export function liveOwner(db: string, pid: number, confirm: Confirm): LockOwner | undefined {
  const owner = readOwner(lockPathOf(db));
  return owner && judge(owner, pid, confirm) === 'owns' ? owner : undefined;
}

/** Whether a listening owner really holds the database (false: its pid was reused by another process). */
export type Confirm = (owner: LockOwner) => boolean;

/** Whether the lock's process is still the one that wrote it, or why not. */
function judge(owner: LockOwner, pid: number, confirm: Confirm): 'owns' | Exclude<TakeOverReason, 'unreadable'> {
  if (owner.pid === pid || !isAlive(owner.pid)) return 'gone';
  // Its pid now names a process that started at another time: not the writer, whatever it is, starting or not.
  if (owner.started !== undefined) {
    const now = processIdentity(owner.pid);
    if (now !== undefined && now !== owner.started) return 'reused';
  }
  // Still starting (no port yet): its database lock may not be taken yet; the pid is all there is.
  return owner.port === undefined || confirm(owner) ? 'owns' : 'unconfirmed';
}

/**
 * The one line said when a lock naming a running process was taken over (`reused`, `unconfirmed`): that process is not
 * the `writer` (`mock`, `cluster`) that wrote the lock at `path`. `unconfirmed` says what the pid failed to show. A lock
 * whose process is gone or whose file could not be read is taken over without a word: undefined.
 */
export function takeOverLine(
  path: string,
  { owner, why }: { owner: LockOwner | undefined; why: TakeOverReason },
  said: { writer: string; unconfirmed: string },
): string | undefined {
  if (owner === undefined || (why !== 'reused' && why !== 'unconfirmed')) return undefined;
  const port = owner.port === undefined ? 'still starting' : `port ${owner.port}`;
  const pid = why === 'reused' ? 'its pid belongs to a process started since' : said.unconfirmed;
  return `took over ${path}: the ${said.writer} that wrote it (pid ${owner.pid}, ${port}) is gone, and ${pid}`;
}

export function acquireInstanceLock(db: string, pid: number, confirm: Confirm): LockResult {
  const path = lockPathOf(db);
  const started = processIdentity(pid);
  let tookOver: { owner: LockOwner | undefined; why: TakeOverReason } | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const mine = `${path}.${pid}`;
    writeFileSync(mine, JSON.stringify({ pid, started }));
    try {
      // link() fails when the lock exists: taking it is atomic, with its content already in place.
      linkSync(mine, path);
      return { ok: true, lock: heldLock(path, pid, started), ...(tookOver ? { tookOver } : {}) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      rmSync(mine, { force: true });
    }
    // A lock in place: refused while its process owns it; taken over when it is stale (its process gone, or not the
    // one that wrote it) or unreadable (a crash while writing it).
    const owner = readOwner(path);
    if (owner === undefined) tookOver = { owner, why: 'unreadable' };
    else {
      const why = judge(owner, pid, confirm);
      if (why === 'owns') return { ok: false, owner };
      tookOver = { owner, why };
    }
    rmSync(path, { force: true });
  }
  throw new Error(`could not take ${path}: other mocks keep replacing it`);
}

function heldLock(path: string, pid: number, started: string | undefined): InstanceLock {
  let released = false;
  return {
    path,
    listening(port, host) {
      if (released) return;
      const next = `${path}.${pid}`;
      writeFileSync(next, JSON.stringify({ pid, started, port, host }));
      renameSync(next, path);
    },
    release() {
      if (released) return;
      released = true;
      if (readOwner(path)?.pid === pid) rmSync(path, { force: true });
    },
  };
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    if (!Number.isInteger(raw.pid) || (raw.pid as number) <= 0) return undefined;
    return {
      pid: raw.pid as number,
      started: typeof raw.started === 'string' ? raw.started : undefined,
      port: Number.isInteger(raw.port) ? (raw.port as number) : undefined,
      host: typeof raw.host === 'string' ? raw.host : undefined,
    };
  } catch {
    return undefined;
  }
}

/**
 * Signal 0 tests for a process without touching it; EPERM means it exists but is someone else's. A zombie (killed,
 * not yet reaped by its parent) answers signal 0 too, but holds nothing: on Linux its state in /proc says so.
 */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return !isZombie(pid);
}
