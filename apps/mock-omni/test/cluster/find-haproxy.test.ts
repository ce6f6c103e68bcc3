/**
 * Which HAProxy `omni-mock cluster` runs: on PATH first, then in the directories packages put it in that a user's PATH
 * often lacks (Debian's /usr/sbin, Homebrew's /opt/homebrew/sbin), and when there is none, one line naming every
 * directory looked in and how to install it. Fake `haproxy` scripts in temporary directories stand for the binary.
 *
 * @module
 */

import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findHaproxy, HAPROXY_DIRS } from '../../src/cluster/find-haproxy.js';

const root = mkdtempSync(join(tmpdir(), 'omni-find-haproxy-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A directory holding `haproxy` (or `name`), executable unless `mode` says otherwise. */
function dirWith(dir: string, { name = 'haproxy', mode = 0o755 } = {}): string {
  const path = join(root, dir);
  mkdirSync(path, { recursive: true });
  writeFileSync(join(path, name), '#!/bin/sh\nexit 0\n');
  chmodSync(join(path, name), mode);
  return path;
}

const empty = join(root, 'empty');
mkdirSync(empty);
const INSTALL = 'apt-get install haproxy (Debian, Ubuntu) or brew install haproxy (macOS)';

describe('findHaproxy', () => {
  it('the haproxy on PATH, in PATH’s order, before the usual directories', () => {
    const first = dirWith('path-first');
    const second = dirWith('path-second');
    const sbin = dirWith('sbin-a');
    expect(findHaproxy({ given: undefined, path: [empty, first, second].join(delimiter), dirs: [sbin] })).toEqual({
      path: join(first, 'haproxy'),
    });
  });

  it('not on PATH: the first of the usual directories that has it (Homebrew’s, say)', () => {
    const homebrew = dirWith('opt-homebrew-sbin');
    expect(findHaproxy({ given: undefined, path: empty, dirs: [join(root, 'nothing-here'), homebrew] })).toEqual({
      path: join(homebrew, 'haproxy'),
    });
  });

  it('a haproxy that is not executable is passed over, as a shell does', () => {
    const notRunnable = dirWith('not-runnable', { mode: 0o644 });
    const runnable = dirWith('runnable');
    expect(findHaproxy({ given: undefined, path: notRunnable, dirs: [runnable] })).toEqual({
      path: join(runnable, 'haproxy'),
    });
  });

  it('nowhere: one line naming each directory looked in and how to install it', () => {
    const sbin = join(root, 'no-sbin');
    expect(
      findHaproxy({ given: undefined, path: [empty, '', 'relative'].join(delimiter), dirs: [empty, sbin] }),
    ).toEqual({
      problem: `HAProxy is not installed: no haproxy in ${empty} (PATH) nor ${sbin}: ${INSTALL}, or give its path with --haproxy`,
    });
    expect(findHaproxy({ given: undefined, path: undefined, dirs: [sbin] })).toEqual({
      problem: `HAProxy is not installed: no haproxy in PATH (empty) nor ${sbin}: ${INSTALL}, or give its path with --haproxy`,
    });
  });

  it('looks in the sbin directories a user’s PATH often lacks, Debian’s and Homebrew’s among them', () => {
    for (const dir of ['/usr/sbin', '/usr/local/sbin', '/opt/homebrew/sbin', '/usr/bin'])
      expect(HAPROXY_DIRS).toContain(dir);
  });

  it('--haproxy with a path: that file, checked', () => {
    const mine = join(dirWith('mine', { name: 'my-haproxy' }), 'my-haproxy');
    expect(findHaproxy({ given: mine, path: undefined, dirs: [] })).toEqual({ path: mine });
    expect(findHaproxy({ given: join(root, 'absent', 'haproxy'), path: undefined, dirs: [] })).toEqual({
      problem: `HAProxy is not installed (${join(root, 'absent', 'haproxy')} is missing): ${INSTALL}, or give its path with --haproxy`,
    });
  });

  it('--haproxy with a bare name: looked for on PATH as the default is', () => {
    const versioned = dirWith('versioned', { name: 'haproxy-2.8' });
    expect(findHaproxy({ given: 'haproxy-2.8', path: versioned, dirs: [] })).toEqual({
      path: join(versioned, 'haproxy-2.8'),
    });
    expect(findHaproxy({ given: 'haproxy-9', path: versioned, dirs: [] })).toEqual({
      problem: `--haproxy haproxy-9 is not found: no haproxy-9 in ${versioned} (PATH): ${INSTALL}, or give its path with --haproxy`,
    });
  });
});
