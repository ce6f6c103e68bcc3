/**
 * `omni-mock replay` as a user runs it: the built bin as a child process, on port 0, stopped by the test.
 *
 * @module
 */

import { type ChildProcess, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPLAY_HELP_TEXT } from '../../src/replay/parse-replay-args.js';
import { ensureBuiltCli, startCli } from '../support/cli-process.js';
import { jsonLines, recording } from '../support/recording-lines.js';

const bin = fileURLToPath(new URL('../../bin/omni-mock.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'omni-replay-'));
const children = new Set<ChildProcess>();

beforeAll(() => ensureBuiltCli());
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  try {
    return { status: 0, stdout: execFileSync(process.execPath, [bin, ...args], { encoding: 'utf8' }), stderr: '' };
  } catch (error) {
    const e = error as { status: number | null; stdout: string; stderr: string };
    return { status: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Whether this machine can listen on ::1 (a container without IPv6 cannot). */
const hasIpv6Loopback = await new Promise<boolean>((resolve) => {
  const probe = createServer();
  probe.once('error', () => resolve(false));
  probe.listen(0, '::1', () => probe.close(() => resolve(true)));
});

describe('omni-mock replay (the built CLI)', () => {
  it('prints its own --help', () => {
    const { status, stdout } = run(['replay', '--help']);
    expect(status).toBe(0);
    expect(stdout.trim()).toBe(REPLAY_HELP_TEXT);
  });

  it.each([
    [['replay'], 'omni-mock replay: which recording? omni-mock replay <file.jsonl>'],
    [['replay', 'a.jsonl', 'b.jsonl'], 'omni-mock replay: one recording at a time, not 2: a.jsonl b.jsonl'],
    [['replay', 'a.jsonl', '--port', 'x'], 'omni-mock replay: --port must be an integer from 0 to 65535, not "x"'],
    [['replay', 'a.jsonl', '--record', 'b'], "omni-mock replay: Unknown option '--record'"],
    [
      ['replay', 'a.jsonl', '--host', '[localhost]'],
      'omni-mock replay: --host takes brackets around an IPv6 address only (--host [::1]), not "[localhost]"',
    ],
  ])('exits 2 on bad usage: %j', (args, message) => {
    const { status, stderr } = run(args);
    expect(status).toBe(2);
    expect(stderr.split('\n')[0]).toContain(message);
  });

  it('exits 2 naming a missing file, a line that is not JSON, and a line that is not a recording line', () => {
    const missing = join(dir, 'missing.jsonl');
    expect(run(['replay', missing])).toMatchObject({
      status: 2,
      stderr: `omni-mock replay: cannot read ${missing} (ENOENT)\n`,
    });
    const lines = recording([{ method: 'GET', path: '/omni/users', answer: { users: [] } }]);
    const notJson = file('not-json.jsonl', `${jsonLines(lines)}this is not json\n`);
    const notJsonRun = run(['replay', notJson]);
    expect(notJsonRun.status).toBe(2);
    expect(notJsonRun.stderr).toMatch(new RegExp(`^omni-mock replay: ${notJson}:2: not JSON `));
    const badLine = file('bad-line.jsonl', jsonLines([...lines, { ...lines[0], seq: 0 }]));
    const badLineRun = run(['replay', badLine]);
    expect(badLineRun.status).toBe(2);
    expect(badLineRun.stderr).toMatch(
      new RegExp(`^omni-mock replay: ${badLine}:2: not a recording line \\(seq: .+\\)\\n$`),
    );
  });

  it.skipIf(!hasIpv6Loopback)('--host [::1] serves the recording on ::1', async () => {
    const path = file(
      'v6.jsonl',
      jsonLines(recording([{ method: 'GET', path: '/omni/users', answer: { users: [] } }])),
    );
    const cli = await startCli(bin, ['replay', path, '--port', '0', '--host', '[::1]'], children);
    expect(cli.url).toMatch(/^http:\/\/\[::1\]:\d+$/);
    const res = await fetch(`${cli.url}/omni/users`, { headers: { authorization: 'Key=k' } });
    expect([res.status, await res.json()]).toEqual([200, { users: [] }]);
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
  });

  it('serves a recording until SIGTERM, then exits 0', async () => {
    const path = file('r.jsonl', jsonLines(recording([{ method: 'GET', path: '/omni/users', answer: { users: [] } }])));
    const cli = await startCli(bin, ['replay', path, '--port', '0'], children);
    expect(cli.output()).toContain(`omni-mock replay: 1 exchanges of ${path} listening on ${cli.url}`);
    const res = await fetch(`${cli.url}/omni/users`, { headers: { authorization: 'Key=k' } });
    expect([res.status, await res.json()]).toEqual([200, { users: [] }]);
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
  });
});
