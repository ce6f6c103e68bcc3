import { describe, expect, it } from 'vitest';
import { CLUSTER_HELP_TEXT, parseClusterArgs } from '../../src/cluster/parse-cluster-args.js';

describe('omni-mock cluster arguments', () => {
  it('reads workers, port, dir, host, haproxy, admin key, and the worker options after --', () => {
    const parsed = parseClusterArgs([
      '--workers',
      '4',
      '--port',
      '0',
      '--dir',
      'data',
      '--host',
      '0.0.0.0',
      '--admin-key',
      'admin-secret-1',
      '--haproxy',
      '/opt/haproxy',
      '--',
      '--clock',
      'manual',
      '--seed',
      '7',
    ]);
    expect(parsed).toEqual({
      ok: true,
      options: {
        workers: 4,
        port: 0,
        dir: 'data',
        host: '0.0.0.0',
        adminKey: 'admin-secret-1',
        haproxy: '/opt/haproxy',
        workerArgs: ['--clock', 'manual', '--seed', '7'],
        help: false,
      },
    });
  });

  it('defaults: 2 workers on port 4010, loopback, HAProxy looked for (none named)', () => {
    expect(parseClusterArgs(['--dir', 'd'])).toEqual({
      ok: true,
      options: {
        workers: 2,
        port: 4010,
        host: '127.0.0.1',
        dir: 'd',
        haproxy: undefined,
        adminKey: undefined,
        workerArgs: [],
        help: false,
      },
    });
    expect(parseClusterArgs(['--help'])).toMatchObject({ ok: true, options: { help: true } });
  });

  it.each([
    [['--workers', '0', '--dir', 'd'], '--workers must be an integer from 1 to 64, not "0"'],
    [['--workers', '65', '--dir', 'd'], '--workers must be an integer from 1 to 64, not "65"'],
    [['--workers', 'two', '--dir', 'd'], '--workers must be an integer from 1 to 64, not "two"'],
    [['--workers', '-1', '--dir', 'd'], '--workers must be an integer from 1 to 64, not "-1"'],
    [['--dir', 'd', '--workers', '-3'], '--workers must be an integer from 1 to 64, not "-3"'],
    [['--workers=-1', '--dir', 'd'], '--workers must be an integer from 1 to 64, not "-1"'],
    [['--workers', '2.5', '--dir', 'd'], '--workers must be an integer from 1 to 64, not "2.5"'],
    [['--workers', '1e1', '--dir', 'd'], '--workers must be an integer from 1 to 64, not "1e1"'],
    [['--workers', '', '--dir', 'd'], '--workers must be an integer from 1 to 64, not ""'],
    [['--workers', '1000000', '--dir', 'd'], '--workers must be an integer from 1 to 64, not "1000000"'],
    [['--port', '-1', '--dir', 'd'], '--port must be an integer from 0 to 65535, not "-1"'],
    [['--port', '70000', '--dir', 'd'], '--port must be an integer from 0 to 65535, not "70000"'],
    [['--workers', '2'], '--dir is required: the directory that holds each worker’s files'],
    [['--dir', 'd', '--host', ''], '--host must not be empty'],
    [['--dir', 'd', '--haproxy', ''], '--haproxy must not be empty'],
    [['--dir', 'd', '--admin-key', 'short'], '--admin-key must be at least 8 characters'],
    [['--dir', 'd', '--', '--port', '1'], "--port after -- is the cluster's to set for each worker: leave it out"],
    [['--dir', 'd', '--', '--db=x.db'], "--db after -- is the cluster's to set for each worker: leave it out"],
    [['--dir', 'd', '--', '--reset'], "--reset after -- is the cluster's to set for each worker: leave it out"],
    [
      ['--dir', 'd', '--', '--admin-key', 'admin-secret-1'],
      'give --admin-key before --, as a cluster option: HAProxy-facing checks need it too',
    ],
    [
      ['--dir', 'd', '--host', '0.0.0.0'],
      '--host 0.0.0.0 is beyond loopback: give --admin-key, or anyone who reaches the port can wipe every system',
    ],
    [
      ['--dir', 'd', '--host', '[127.0.0.1]'],
      '--host takes brackets around an IPv6 address only (--host [::1]), not "[127.0.0.1]"',
    ],
    [
      ['--dir', 'd', '--host', '[::1'],
      '--host must be an address or host name (127.0.0.1, ::1, [::1], localhost), not "[::1"',
    ],
    [
      ['--dir', 'd', '--host', 'not a host'],
      '--host must be an address or host name (127.0.0.1, ::1, [::1], localhost), not "not a host"',
    ],
  ])('refuses %j: %s', (argv, error) => {
    expect(parseClusterArgs(argv)).toEqual({ ok: false, error });
  });

  it.each(['::1', '[::1]'])('--host %s is ::1, loopback: no --admin-key needed', (host) => {
    expect(parseClusterArgs(['--dir', 'd', '--host', host])).toMatchObject({ ok: true, options: { host: '::1' } });
  });

  it('--host [::] is ::, beyond loopback', () => {
    expect(parseClusterArgs(['--dir', 'd', '--host', '[::]', '--admin-key', 'admin-secret-1'])).toMatchObject({
      ok: true,
      options: { host: '::' },
    });
  });

  it('--help wins over every other check of the values', () => {
    for (const argv of [
      ['--dir', 'c1', '--help', '--host', '0.0.0.0'],
      ['--help', '--workers', '0', '--port', '70000', '--admin-key', 'short'],
      ['--help', '--dir', 'd', '--', '--db', 'x.db'],
    ])
      expect(parseClusterArgs(argv)).toMatchObject({ ok: true, options: { help: true } });
  });

  it('refuses an unknown option and a positional argument', () => {
    expect(parseClusterArgs(['--dir', 'd', '--wokers', '2'])).toMatchObject({ ok: false });
    expect(parseClusterArgs(['--dir', 'd', 'extra'])).toMatchObject({ ok: false });
  });

  it('the help names every option it parses', () => {
    for (const flag of ['--workers', '--port', '--host', '--dir', '--haproxy', '--admin-key', '--help'])
      expect(CLUSTER_HELP_TEXT).toContain(`  ${flag}`);
  });
});
