/**
 * What Linux's `/proc` says of a process: whether it runs (a zombie, ended but not yet reaped by its parent, does
 * not: it holds no file, no port, no lock), its parent and its arguments. What the cluster needs to tell its own
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

/** The state letter and parent pid from `/proc/<pid>/stat`, or undefined when it cannot be read. */
function statOf(pid: number): { state: string | undefined; parent: number } | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name, in parentheses, may hold spaces and parentheses: the state and the parent follow the last ')'.
  const [state, parent] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { state, parent: Number(parent) };
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
