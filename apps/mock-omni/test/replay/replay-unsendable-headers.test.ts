/**
 * A hand-edited recording whose answer carries a header no HTTP answer can (a space in a name, a
 * line break in a value) is refused at start with its line number, like any other bad line,
 * rather than served as a 400 that blames each request.
 *
 * @module
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runReplayCommand } from '../../src/replay/replay-command.js';
import { jsonLines, recording } from '../support/recording-lines.js';

const dir = mkdtempSync(join(tmpdir(), 'omni-replay-headers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('omni-mock replay of an answer header it cannot send', () => {
  it.each([
    ['bad header', 'x', /:2: not a recording line \(response\.headers\.bad header: not a header .*valid HTTP token/],
    ['x-note', 'two\nlines', /:2: not a recording line \(response\.headers\.x-note: not a header .*Invalid character/],
  ])('exits 2 naming the line of %j', async (name, value, message) => {
    const [users, campaigns] = recording([
      { method: 'GET', path: '/omni/users', answer: { users: [] } },
      { method: 'GET', path: '/omni/campaigns', answer: { campaigns: [] } },
    ]);
    if (!users || !campaigns) throw new Error('two lines expected');
    const edited = { ...campaigns, response: { ...campaigns.response, headers: { [name]: value } } };
    const path = join(dir, 'edited.jsonl');
    writeFileSync(path, jsonLines([users, edited]));
    const out: string[] = [];
    const err: string[] = [];
    // A server that started would wait here for a signal that never comes: the test then times out.
    const status = await runReplayCommand([path, '--port', '0'], {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      stopped: new Promise<string>((resolve) => setTimeout(() => resolve('SIGTERM'), 2_000)),
    });
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(message);
    expect(status).toBe(2);
  });
});
