/**
 * The file beside a database that says which mock is using it: `<db>.lock`, holding `{ pid, port, host }` (no port
 * until the mock listens). A second mock reads it and names the first's pid and port at once. A lock whose process is
 * gone (a `kill -9`ed mock, also while it is a zombie its parent has not reaped yet) is stale and taken over. So is one whose pid now belongs to another process (a container
 * restarted with the file on a volume): a mock that has reached its port holds SQLite's lock on the database, which
 * `confirm` checks. SQLite's own lock stays the last word should two mocks race.
 *
 * @module
 */

import { linkSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { isZombie } from '../cluster/process-table.js';

export interface LockOwner {
  pid: number;
  port: number | undefined;
  host: string | undefined;
}

export type LockResult = { ok: true; lock: InstanceLock } | { ok: false; owner: LockOwner };

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
  return owner && owns(owner, pid, confirm) ? owner : undefined;
}

/** Whether a listening owner really holds the database (false: its pid was reused by another process). */
export type Confirm = (owner: LockOwner) => boolean;

function owns(owner: LockOwner, pid: number, confirm: Confirm): boolean {
  if (owner.pid === pid || !isAlive(owner.pid)) return false;
  // Still starting (no port yet): its database lock may not be taken yet; the pid is all there is.
  return owner.port === undefined || confirm(owner);
}

export function acquireInstanceLock(db: string, pid: number, confirm: Confirm): LockResult {
  const path = lockPathOf(db);
  for (let attempt = 0; attempt < 3; attempt++) {
    const mine = `${path}.${pid}`;
    writeFileSync(mine, JSON.stringify({ pid }));
    try {
      // link() fails when the lock exists: taking it is atomic, with its content already in place.
      linkSync(mine, path);
      return { ok: true, lock: heldLock(path, pid) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      rmSync(mine, { force: true });
    }
    const owner = readOwner(path);
    if (owner && owns(owner, pid, confirm)) return { ok: false, owner };
    // Stale (its process is gone or is not a mock) or unreadable (a crash while writing it): take it over.
    rmSync(path, { force: true });
  }
  throw new Error(`could not take ${path}: other mocks keep replacing it`);
}

function heldLock(path: string, pid: number): InstanceLock {
  let released = false;
  return {
    path,
    listening(port, host) {
      if (released) return;
      const next = `${path}.${pid}`;
      writeFileSync(next, JSON.stringify({ pid, port, host }));
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
