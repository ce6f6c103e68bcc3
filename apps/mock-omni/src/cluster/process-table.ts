/**
 * What Linux's `/proc` says of a process: whether it runs (a zombie, ended but not yet reaped by its parent, does
 * not: it holds no file, no port, no lock), its parent, its arguments and when it started (which, with the pid, names
 * it alone: a lock file records it, and a pid reused since shows another start). What the cluster needs to tell its own
 * processes from a pid reused since, or from what a killed supervisor left: a worker of a running cluster is its
 * supervisor's child; one whose supervisor was killed has been handed to init (or a subreaper).
 *
 * @module
 */

import { readdirSync, readFileSync } from 'node:fs';

export interface RunningProcess {
  pid: number;
  parent: number;
  args: string[];
}

/**
 * The process `pid` while it runs; `'gone'` when it has exited (a zombie included); undefined when there is no
 * `/proc` to tell (not Linux).
 */
export function processInfo(pid: number): RunningProcess | 'gone' | undefined {
  const stat = statOf(pid);
  if (!stat) return procReadable() ? 'gone' : undefined;
  if (ended(stat.state)) return 'gone';
  let args: string[];
  try {
    args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return 'gone';
  }
  if (args.at(-1) === '') args.pop();
  return { pid, parent: stat.parent, args };
}

/**
 * Whether `pid` is a zombie: ended, not yet reaped by its parent. It still answers signal 0, but holds no file, no port
 * and no lock. False when `/proc` cannot tell (not Linux, or no such process).
 */
export function isZombie(pid: number): boolean {
  const stat = statOf(pid);
  return stat !== undefined && ended(stat.state);
}

const ended = (state: string | undefined) => state === 'Z' || state === 'X';

/**
 * What tells process `pid` from every other process that had or will have the same pid: the kernel's boot id and the
 * process's start time, in clock ticks since that boot (`/proc/<pid>/stat`, field 22), as `<boot id>/<ticks>`. Two
 * processes with one pid never share it: a pid is reused only after its process has ended, and so by one started
 * later. Undefined when `/proc` cannot tell (not Linux) or the process is gone.
 *
 * @example
 * processIdentity(process.pid); // '84381c05-d933-4989-86bb-4aec541ade39/54840'
 */
export function processIdentity(pid: number): string | undefined {
  const started = statOf(pid)?.started;
  if (started === undefined || !/^\d+$/.test(started)) return undefined;
  return `${bootId()}/${started}`;
}

let cachedBootId: string | undefined;

/** This boot's id (a start time in ticks means nothing across a reboot); 'unknown' where it cannot be read. */
function bootId(): string {
  if (cachedBootId === undefined) {
    try {
      cachedBootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || 'unknown';
    } catch {
      cachedBootId = 'unknown';
    }
  }
  return cachedBootId;
}

/** The state letter, parent pid and start time from `/proc/<pid>/stat`, or undefined when it cannot be read. */
function statOf(pid: number): { state: string | undefined; parent: number; started: string | undefined } | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name, in parentheses, may hold spaces and parentheses: the state (field 3) and the rest follow the
  // last ')'. The parent is field 4, the start time field 22.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { state: fields[0], parent: Number(fields[1]), started: fields[19] };
}

/** Every running process but this one, or undefined without `/proc`. */
export function runningProcesses(): RunningProcess[] | undefined {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return undefined;
  }
  return entries.flatMap((entry) => {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) return [];
    const info = processInfo(Number(entry));
    return info && info !== 'gone' ? [info] : [];
  });
}

function procReadable(): boolean {
  try {
    readFileSync('/proc/self/stat');
    return true;
  } catch {
    return false;
  }
}
