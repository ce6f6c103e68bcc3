/**
 * What a cluster killed with SIGKILL leaves behind, and the next start's clean-up. While a cluster runs, its
 * supervisor records the pid of HAProxy and of each worker in `<dir>/cluster-processes.json` (rewritten at each
 * start and restart, removed after a clean stop). A supervisor that dies without stopping them (kill -9, the OOM
 * killer) leaves them running on their own: HAProxy holding the port, each worker holding its database, nobody
 * restarting them. A start on the same directory, once its lock has shown that no cluster runs there, stops them with
 * SIGTERM (each worker closes its database cleanly), SIGKILL after `GRACE_MS`, and says so.
 *
 * A recorded pid is stopped only while its command line is still the one the cluster gave it (HAProxy on
 * `<dir>/haproxy.cfg`, a worker on `<dir>/worker-<i>/omni.db`): a pid reused since by another program is left alone.
 * The command line is read from `/proc` (Linux); where there is none, nothing is stopped and the start refuses as
 * before, naming what holds the directory or the port.
 *
 * Processes on the directory's files that no record names (those of a cluster of an omni-mock that wrote no record,
 * killed; a mock run by hand on a worker's database) are not stopped, since nothing says whose they are: the start
 * refuses naming every one of them at once, with its pid and command line (`unrecordedProcesses`).
 *
 * @module
 */

import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { processInfo, type RunningProcess, runningProcesses } from './process-table.js';

export interface ProcessRecord {
  /** The supervisor that started them. */
  supervisor: number;
  haproxy: number | undefined;
  /** Worker index → pid, of the workers running now. */
  workers: Record<string, number>;
}

const GRACE_MS = 15_000;

const recordPath = (dir: string) => join(dir, 'cluster-processes.json');

/** Writes the record (whole, by rename: a reader never sees half of it). */
export function writeProcessRecord(dir: string, record: ProcessRecord): void {
  const path = recordPath(dir);
  writeFileSync(`${path}.${process.pid}`, JSON.stringify(record));
  renameSync(`${path}.${process.pid}`, path);
}

export function removeProcessRecord(dir: string): void {
  rmSync(recordPath(dir), { force: true });
}

function readRecord(dir: string): ProcessRecord | undefined {
  try {
    const raw = JSON.parse(readFileSync(recordPath(dir), 'utf8')) as Partial<ProcessRecord>;
    if (!Number.isInteger(raw.supervisor)) return undefined;
    return {
      supervisor: raw.supervisor as number,
      haproxy: Number.isInteger(raw.haproxy) ? raw.haproxy : undefined,
      workers: typeof raw.workers === 'object' && raw.workers !== null ? raw.workers : {},
    };
  } catch {
    return undefined;
  }
}

/** The arguments `pid` runs with, or undefined when it is gone, a zombie, or cannot be read (no /proc). */
function commandLine(pid: number): string[] | undefined {
  const info = processInfo(pid);
  return info && info !== 'gone' ? info.args : undefined;
}

const runs = (pid: number, option: string, value: string) => {
  const args = commandLine(pid);
  return args?.some((arg, i) => arg === option && args[i + 1] === value) === true;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // gone meanwhile
  }
}

/** "a", "a and b", "a, b and c". */
function listed(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * Stops the processes recorded in `dir` that still run as the cluster started them, unless the supervisor that
 * started them still runs. Resolves with the line that says what was stopped, or undefined when nothing was.
 */
export async function stopLeftovers(
  dir: string,
  shownDir: string,
  workerDatabase: (dir: string, index: number) => string,
): Promise<string | undefined> {
  const record = readRecord(dir);
  if (!record || record.supervisor === process.pid) return undefined;
  const found: { name: string; pid: number }[] = [];
  if (record.haproxy !== undefined && runs(record.haproxy, '-f', join(dir, 'haproxy.cfg')))
    found.push({ name: 'HAProxy', pid: record.haproxy });
  const workers = Object.entries(record.workers)
    .map(([index, pid]) => ({ index: Number(index), pid }))
    .filter(({ index, pid }) => Number.isInteger(index) && Number.isInteger(pid))
    .sort((a, b) => a.index - b.index);
  for (const { index, pid } of workers) {
    if (runs(pid, '--db', workerDatabase(dir, index))) found.push({ name: `worker-${index}`, pid });
  }
  // Still the children of the recorded supervisor: it runs (the lock said otherwise, wrongly); not ours to stop.
  if (found.some(({ pid }) => parentOf(pid) === record.supervisor)) return undefined;
  if (found.length === 0) {
    removeProcessRecord(dir);
    return undefined;
  }
  for (const { pid } of found) signal(pid, 'SIGTERM');
  const running = () => found.filter(({ pid }) => commandLine(pid) !== undefined);
  for (const deadline = Date.now() + GRACE_MS; running().length > 0 && Date.now() < deadline; ) await sleep(50);
  for (const { pid } of running()) signal(pid, 'SIGKILL');
  for (const deadline = Date.now() + 2_000; running().length > 0 && Date.now() < deadline; ) await sleep(20);
  removeProcessRecord(dir);
  return `stopped ${listed(found.map(({ name, pid }) => `${name} (pid ${pid})`))}, left running by a cluster on ${shownDir} that was killed`;
}

function parentOf(pid: number): number | undefined {
  const info = processInfo(pid);
  return info && info !== 'gone' ? info.parent : undefined;
}

/** What a process on the directory's files is to the cluster, from its command line: HAProxy, worker-<i>, or none. */
function roleOf(args: readonly string[], dir: string): string | undefined {
  const config = join(dir, 'haproxy.cfg');
  const prefix = `${dir}${sep}worker-`;
  for (let i = 0; i < args.length - 1; i++) {
    const value = args[i + 1] ?? '';
    if (args[i] === '-f' && value === config) return 'HAProxy';
    if (args[i] === '--db' && value.startsWith(prefix) && value.endsWith(`${sep}omni.db`)) {
      const index = value.slice(prefix.length, -`${sep}omni.db`.length);
      if (/^\d+$/.test(index)) return `worker-${Number(index)}`;
    }
  }
  return undefined;
}

/** The command line as a person reads it, the admin key left out. */
function shownCommand(args: readonly string[]): string {
  return args
    .map((arg, i) =>
      args[i - 1] === '--admin-key' ? '<admin key>' : arg.startsWith('--admin-key=') ? '--admin-key=<admin key>' : arg,
    )
    .join(' ');
}

/**
 * The processes still running on `dir`'s files (HAProxy on its configuration, a mock on a worker's database) after
 * `stopLeftovers`: one line naming each with its pid and command line, or undefined when there are none (or no
 * `/proc` to look in: then the checks of each database and of the port name what they find).
 */
export function unrecordedProcesses(dir: string, shownDir: string): string | undefined {
  const found = (runningProcesses() ?? []).flatMap((p: RunningProcess) => {
    const role = roleOf(p.args, dir);
    return role === undefined ? [] : [{ role, ...p }];
  });
  if (found.length === 0) return undefined;
  const order = (role: string) => (role === 'HAProxy' ? 0 : Number(role.slice('worker-'.length)));
  found.sort((a, b) => order(a.role) - order(b.role) || a.pid - b.pid);
  const named = listed(found.map((p) => `${p.role} (pid ${p.pid}: ${shownCommand(p.args)})`));
  const pids = found.map((p) => p.pid).join(' ');
  const them = found.length === 1 ? 'it' : 'them';
  return `${named} still ${found.length === 1 ? 'runs' : 'run'} on the files of --dir ${shownDir}, recorded by no cluster (most likely left by a cluster of an older omni-mock that was killed): stop ${them} (kill ${pids}) and start again, or give another --dir`;
}
