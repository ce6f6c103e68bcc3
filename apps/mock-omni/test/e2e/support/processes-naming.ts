/**
 * The processes whose command line names a path: what a test checks is left running once a cluster on that directory
 * has stopped (HAProxy names its configuration there, each worker its database). Reads `/proc`, so Linux only.
 *
 * @module
 */

import { readdirSync, readFileSync } from 'node:fs';

/** Pids (not this process's) whose command line contains `text`. */
export function processesNaming(text: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let cmdline: string;
    try {
      cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    if (cmdline.split('\0').some((arg) => arg.includes(text))) found.push(Number(entry));
  }
  return found;
}
