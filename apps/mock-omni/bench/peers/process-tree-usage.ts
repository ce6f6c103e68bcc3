/**
 * What a server costs the machine, read from Linux's /proc for its whole process tree (WireMock is one java
 * process with many threads, the node peers may fork): resident memory and CPU time used so far.
 *
 * @module
 */

import { readdirSync, readFileSync } from 'node:fs';

/** The fields of `/proc/<pid>/stat` the bench uses. */
export interface ProcStat {
  pid: number;
  ppid: number;
  /** CPU time in clock ticks: user + system, of the process itself. */
  cpuTicks: number;
}

/**
 * Parses one `/proc/<pid>/stat` line. The command name (field 2) is in parentheses and may itself hold
 * spaces and parentheses, so the fields are counted from the last `)`.
 */
export function parseProcStat(line: string): ProcStat {
  const close = line.lastIndexOf(')');
  const pid = Number.parseInt(line, 10);
  if (close < 0 || !Number.isInteger(pid)) throw new Error(`not a /proc/<pid>/stat line: ${line.slice(0, 60)}`);
  // After the name: state (field 3), ppid (4), … utime (14), stime (15).
  const rest = line
    .slice(close + 1)
    .trim()
    .split(/\s+/);
  const ppid = Number(rest[1]);
  const utime = Number(rest[11]);
  const stime = Number(rest[12]);
  if (![ppid, utime, stime].every(Number.isFinite)) throw new Error(`a /proc stat line without its times: ${line}`);
  return { pid, ppid, cpuTicks: utime + stime };
}

/** The resident set in bytes from a `/proc/<pid>/status` text (its `VmRSS: <n> kB` line); 0 for a zombie. */
export function parseRssBytes(status: string): number {
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return m?.[1] ? Number(m[1]) * 1024 : 0;
}

/** `root` and every process descending from it, from one set of stat lines. */
export function descendants(root: number, stats: readonly ProcStat[]): ProcStat[] {
  const children = new Map<number, ProcStat[]>();
  for (const s of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  const tree: ProcStat[] = [];
  const self = stats.find((s) => s.pid === root);
  if (!self) return tree;
  const todo = [self];
  while (todo.length > 0) {
    const next = todo.pop() as ProcStat;
    tree.push(next);
    todo.push(...(children.get(next.pid) ?? []));
  }
  return tree;
}

/** What a process tree uses at one instant. */
export interface TreeUsage {
  rssBytes: number;
  cpuTicks: number;
}

function readStats(): ProcStat[] {
  const stats: ProcStat[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      stats.push(parseProcStat(readFileSync(`/proc/${entry}/stat`, 'utf8')));
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return stats;
}

/** The resident memory and CPU ticks of `root`'s whole tree now (zeros once it has ended). */
export function processTreeUsage(root: number): TreeUsage {
  let rssBytes = 0;
  let cpuTicks = 0;
  for (const p of descendants(root, readStats())) {
    cpuTicks += p.cpuTicks;
    try {
      rssBytes += parseRssBytes(readFileSync(`/proc/${p.pid}/status`, 'utf8'));
    } catch {
      // Ended since the stat read: it holds no memory now.
    }
  }
  return { rssBytes, cpuTicks };
}
