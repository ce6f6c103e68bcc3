/**
 * Reading a server's cost from /proc: the stat line's parent and CPU ticks even when the command name holds
 * spaces and parentheses, VmRSS from the status text, a process tree gathered from its root down and
 * nothing else, and the figures of this very process read live.
 *
 * @module
 */

import { describe, expect, it } from 'vitest';
import {
  descendants,
  parseProcStat,
  parseRssBytes,
  processTreeUsage,
} from '../../../bench/peers/process-tree-usage.js';

// pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime …
const stat = (pid: number, comm: string, ppid: number, utime: number, stime: number) =>
  `${pid} (${comm}) S ${ppid} ${pid} ${pid} 0 -1 4194304 120 0 0 0 ${utime} ${stime} 7 9 20 0 1 0 100 1000 50\n`;

describe('parseProcStat', () => {
  it('reads pid, parent and user + system ticks', () => {
    expect(parseProcStat(stat(4242, 'java', 17, 300, 45))).toEqual({ pid: 4242, ppid: 17, cpuTicks: 345 });
  });

  it('counts fields from the last parenthesis, so a name with spaces and ) does not shift them', () => {
    expect(parseProcStat(stat(9, 'node ) S 1 2 3 (x', 3, 10, 5))).toEqual({ pid: 9, ppid: 3, cpuTicks: 15 });
  });

  it('refuses a line that is not a stat line', () => {
    expect(() => parseProcStat('hello')).toThrow(/not a \/proc\/<pid>\/stat line/);
  });
});

describe('parseRssBytes', () => {
  it('reads VmRSS in bytes, and 0 where there is none (a zombie)', () => {
    expect(parseRssBytes('Name:\tjava\nVmPeak:\t 9999 kB\nVmRSS:\t  204800 kB\nThreads:\t40\n')).toBe(204800 * 1024);
    expect(parseRssBytes('Name:\tjava\nState:\tZ (zombie)\n')).toBe(0);
  });
});

describe('descendants', () => {
  it('gathers the root, its children and theirs, and no other process', () => {
    const stats = [
      { pid: 1, ppid: 0, cpuTicks: 1 },
      { pid: 10, ppid: 1, cpuTicks: 2 },
      { pid: 11, ppid: 10, cpuTicks: 3 },
      { pid: 12, ppid: 11, cpuTicks: 4 },
      { pid: 13, ppid: 10, cpuTicks: 5 },
      { pid: 20, ppid: 1, cpuTicks: 6 },
    ];
    expect(
      descendants(10, stats)
        .map((s) => s.pid)
        .sort(),
    ).toEqual([10, 11, 12, 13]);
    expect(descendants(99, stats)).toEqual([]);
  });
});

describe('processTreeUsage', () => {
  it('reads this process’s own resident memory and CPU time', () => {
    const before = processTreeUsage(process.pid);
    expect(before.rssBytes).toBeGreaterThan(process.memoryUsage().heapUsed / 2);
    // Burns 50 ms of CPU (not of wall time: a busy machine may not run this for a while), so the
    // ticks (10 ms each) must move.
    const from = process.cpuUsage();
    const giveUp = performance.now() + 10_000;
    while (performance.now() < giveUp) {
      const used = process.cpuUsage(from);
      if (used.user + used.system >= 50_000) break;
    }
    expect(processTreeUsage(process.pid).cpuTicks).toBeGreaterThan(before.cpuTicks);
  });
});
