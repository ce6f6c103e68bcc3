/**
 * Which HAProxy binary `omni-mock cluster` runs. `--haproxy <path>` names it; a bare name (no `/`) is looked up as
 * the default is. Without it, `haproxy` is looked for as a shell would (each directory of PATH, in order), then in the
 * directories packages install it to that a user's PATH often lacks: Debian and Ubuntu put it in /usr/sbin, a build
 * from source in /usr/local/sbin, Homebrew in its prefix (/opt/homebrew on Apple silicon, /usr/local on Intel).
 * Missing, the one line names every directory looked in and how to install it.
 *
 * @module
 */

import type { Stats } from 'node:fs';
import { delimiter, join } from 'node:path';
import { mayAccess, statOrNothing } from '../store/check-database-path.js';

/** Looked in after PATH, in this order. */
export const HAPROXY_DIRS: readonly string[] = [
  '/usr/local/sbin',
  '/usr/sbin',
  '/sbin',
  '/opt/homebrew/sbin',
  '/opt/homebrew/bin',
  '/usr/local/bin',
  '/usr/bin',
  '/bin',
];

const INSTALL = 'apt-get install haproxy (Debian, Ubuntu) or brew install haproxy (macOS)';

export interface FindHaproxyOptions {
  /** `--haproxy` as given; undefined: look for `haproxy`. */
  given: string | undefined;
  /** The PATH to search (main.ts: the process's). */
  path: string | undefined;
  /** Searched after PATH (default `HAPROXY_DIRS`). */
  dirs?: readonly string[];
}

/** The binary's path, or the one line that says why there is none. */
export function findHaproxy(options: FindHaproxyOptions): { path: string } | { problem: string } {
  const { given } = options;
  if (given?.includes('/')) {
    const problem = givenProblem(given);
    return problem === undefined ? { path: given } : { problem };
  }
  const name = given ?? 'haproxy';
  const pathDirs = (options.path ?? '').split(delimiter).filter((d) => d.startsWith('/'));
  const extra = (options.dirs ?? HAPROXY_DIRS).filter((d) => !pathDirs.includes(d));
  for (const dir of [...pathDirs, ...extra]) {
    const candidate = join(dir, name);
    const stats = statOrNothingQuietly(candidate);
    if (stats?.isFile() && mayAccess(candidate, stats, 'execute')) return { path: candidate };
  }
  const where = [
    pathDirs.length > 0 ? `${[...new Set(pathDirs)].join(', ')} (PATH)` : 'PATH (empty)',
    ...(extra.length > 0 ? [extra.join(', ')] : []),
  ].join(' nor ');
  const what = given === undefined ? 'HAProxy is not installed' : `--haproxy ${given} is not found`;
  return { problem: `${what}: no ${name} in ${where}: ${INSTALL}, or give its path with --haproxy` };
}

/** A directory of PATH that cannot be read (EACCES) just holds no binary of ours. */
function statOrNothingQuietly(path: string): Stats | undefined {
  try {
    return statOrNothing(path);
  } catch {
    return undefined;
  }
}

/**
 * Checked here rather than left to spawn: a path that is no program would fail only after every worker has started,
 * with an error of spawn's.
 */
function givenProblem(path: string): string | undefined {
  let stats: Stats | undefined;
  try {
    stats = statOrNothing(path);
  } catch (error) {
    return `cannot read --haproxy ${path} (${(error as Error).message}): give the path of the HAProxy binary`;
  }
  if (!stats) {
    return `HAProxy is not installed (${path} is missing): ${INSTALL}, or give its path with --haproxy`;
  }
  if (!stats.isFile() || !mayAccess(path, stats, 'execute')) {
    return `--haproxy ${path} is not an executable file: give the path of the HAProxy binary, or leave --haproxy out to run the haproxy on PATH`;
  }
  return undefined;
}
