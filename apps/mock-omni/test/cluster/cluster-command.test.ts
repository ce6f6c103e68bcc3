import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runClusterCommand } from '../../src/cluster/cluster-command.js';
import { ensureBuiltCli } from '../support/cli-process.js';

const dir = mkdtempSync(join(tmpdir(), 'omni-cluster-command-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      out: (l: string) => out.push(l),
      err: (l: string) => err.push(l),
      stopped: new Promise<string>(() => {}),
      workerCommand: { command: process.execPath, args: ['-e', 'process.exit(3)'] },
    },
  };
}

describe('omni-mock cluster, before anything starts', () => {
  it('without HAProxy: one line naming apt-get and brew install haproxy, exit 1, no worker started', async () => {
    const run = io();
    const data = join(dir, 'no-haproxy');
    expect(await runClusterCommand(['--dir', data, '--haproxy', join(dir, 'missing', 'haproxy')], run.io)).toBe(1);
    expect(run.err).toEqual([
      `omni-mock cluster: HAProxy is not installed (${join(dir, 'missing', 'haproxy')} is missing): apt-get install haproxy (Debian, Ubuntu) or brew install haproxy (macOS), or give its path with --haproxy`,
    ]);
    expect(existsSync(data)).toBe(false);
  });

  it('a bad option: the error and where the help is, exit 2', async () => {
    const run = io();
    expect(await runClusterCommand(['--workers', '0', '--dir', dir], run.io)).toBe(2);
    expect(run.err).toEqual([
      'omni-mock cluster: --workers must be an integer from 1 to 64, not "0"\nRun omni-mock cluster --help for the options.',
    ]);
  });

  it.each([
    ['[127.0.0.1]', '--host takes brackets around an IPv6 address only (--host [::1]), not "[127.0.0.1]"'],
    ['[::1', '--host must be an address or host name (127.0.0.1, ::1, [::1], localhost), not "[::1"'],
    ['::1]', '--host must be an address or host name (127.0.0.1, ::1, [::1], localhost), not "::1]"'],
    ['a b', '--host must be an address or host name (127.0.0.1, ::1, [::1], localhost), not "a b"'],
  ])('--host %s (the built bin): one usage line, the help hint, exit 2, nothing created', (host, error) => {
    ensureBuiltCli();
    const data = join(dir, 'bad-host');
    const bin = fileURLToPath(new URL('../../bin/omni-mock.js', import.meta.url));
    const run = spawnSync(process.execPath, [bin, 'cluster', '--port', '0', '--host', host, '--dir', data], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect([run.status, run.stdout, run.stderr]).toEqual([
      2,
      '',
      `omni-mock cluster: ${error}\nRun omni-mock cluster --help for the options.\n`,
    ]);
    expect(existsSync(data)).toBe(false);
  });

  it.each([
    ['-1', '"-1"'],
    ['-5', '"-5"'],
    ['0', '"0"'],
    ['1.5', '"1.5"'],
    ['two', '"two"'],
    ['65', '"65"'],
    ['99999999999999999999', '"99999999999999999999"'],
  ])('--workers %s: the CLI’s own one line on the values it takes, the help hint, exit 2', async (value, shown) => {
    const run = io();
    expect(await runClusterCommand(['--workers', value, '--dir', dir], run.io)).toBe(2);
    expect(run.err).toEqual([
      `omni-mock cluster: --workers must be an integer from 1 to 64, not ${shown}\nRun omni-mock cluster --help for the options.`,
    ]);
  });

  it('--help prints the help, exit 0', async () => {
    const run = io();
    expect(await runClusterCommand(['--help'], run.io)).toBe(0);
    expect(run.out[0]).toMatch(/^omni-mock cluster — /);
  });

  it.skipIf(!existsSync('/usr/sbin/haproxy'))(
    'a worker that cannot start: exit 1 naming it, nothing left running',
    async () => {
      const run = io();
      expect(await runClusterCommand(['--workers', '1', '--port', '0', '--dir', join(dir, 'bad-worker')], run.io)).toBe(
        1,
      );
      expect(run.err).toEqual(['omni-mock cluster: worker-1 exited while starting (its lines above say why)']);
    },
  );
});
