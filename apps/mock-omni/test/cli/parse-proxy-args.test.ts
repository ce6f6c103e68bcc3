import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/cli/parse-cli-args.js';
import { PROXY_HELP_TEXT, parseProxyArgs } from '../../src/cli/parse-proxy-args.js';

describe('omni-mock proxy options', () => {
  it('reads every option, with the defaults the help states', () => {
    const parsed = parseProxyArgs(['--target', 'https://omni.example.com/api']);
    expect(parsed).toEqual({
      ok: true,
      options: {
        target: new URL('https://omni.example.com/api'),
        port: 4011,
        host: '127.0.0.1',
        record: undefined,
        keepNumbers: false,
        report: undefined,
        tapForward: undefined,
        targetTimeoutMs: 30_000,
        help: false,
      },
    });
    const all = parseProxyArgs([
      '--target',
      'http://10.0.0.5:8080',
      '--port',
      '0',
      '--host',
      '0.0.0.0',
      '--record',
      'day.jsonl',
      '--keep-numbers',
      '--report',
      'drift.MD',
      '--tap-forward',
      'http://127.0.0.1:3000/hooks/omni?tenant=7',
      '--target-timeout',
      '2.5',
    ]);
    expect(all.ok && all.options).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      record: 'day.jsonl',
      keepNumbers: true,
      report: 'drift.MD',
      tapForward: new URL('http://127.0.0.1:3000/hooks/omni?tenant=7'),
      targetTimeoutMs: 2500,
    });
    for (const flag of [
      '--target',
      '--port',
      '--host',
      '--record',
      '--keep-numbers',
      '--report',
      '--tap-forward',
      '--target-timeout',
    ])
      expect(PROXY_HELP_TEXT).toContain(flag);
  });

  it.each([
    [[], /--target <url> is required/],
    [['--target', 'omni.example.com'], /--target must be an http:\/\/ or https:\/\/ URL, not "omni.example.com"/],
    [['--target', 'ftp://omni.example.com'], /--target must be an http/],
    [['--target', 'http://u:p@omni.example.com'], /--target must not carry credentials/],
    [['--target', 'http://omni.example.com/?a=1'], /--target must have no query or fragment/],
    [['--target', 'http://omni', '--port', '70000'], /--port must be an integer from 0 to 65535, not "70000"/],
    [['--target', 'http://omni', '--port=-1'], /--port must be an integer/],
    [['--target', 'http://omni', '--port', '4e3'], /--port must be an integer/],
    [['--target', 'http://omni', '--report', 'drift.txt'], /--report must name a \.md or \.json file/],
    [['--target', 'http://omni', '--tap-forward', 'crm'], /--tap-forward must be an http/],
    [['--target', 'http://omni', '--record', ''], /--record needs a file name/],
    [['--target', 'http://omni', '--host', 'a b'], /--host must be an address or host name/],
    [['--target', 'http://omni', '--db', 'x.db'], /Unknown option '--db'/],
    [
      ['--target', 'http://omni', '--target-timeout', '0'],
      /--target-timeout must be a number of seconds from 0\.1 to 3600, not "0"/,
    ],
    [['--target', 'http://omni', '--target-timeout', '30s'], /--target-timeout must be a number of seconds/],
    [['--target', 'http://omni', '--target-timeout', '7200'], /--target-timeout must be a number of seconds/],
    [['--target', 'http://omni', '--target-timeout', ''], /--target-timeout must be a number of seconds/],
    // The report, written over the recording's name, would leave the recording in a file no name leads to.
    [
      ['--target', 'http://omni', '--record', 'day.json', '--report', './day.json'],
      /--record and --report must be two files, not both "\.\/day\.json"/,
    ],
  ])('refuses %j', (argv, message) => {
    const parsed = parseProxyArgs(argv as string[]);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.error).toMatch(message);
  });

  it('takes --host as an address, an IPv6 address bare or in brackets, or a host name; brackets off', () => {
    const host = (value: string) => {
      const parsed = parseProxyArgs(['--target', 'http://omni', '--host', value]);
      return parsed.ok ? parsed.options.host : parsed.error;
    };
    // `[::1]` given to listen() as it is is looked up as a name: ENOTFOUND after the options were taken.
    expect(['[::1]', '::1', '[::]', '::', '0.0.0.0', '10.1.2.3', 'localhost', 'omni-proxy.internal'].map(host)).toEqual(
      ['::1', '::1', '::', '::', '0.0.0.0', '10.1.2.3', 'localhost', 'omni-proxy.internal'],
    );
  });

  it.each([
    ['[127.0.0.1]', '--host takes brackets around an IPv6 address only (--host [::1]), not "[127.0.0.1]"'],
    ['[::1', '--host must be an address or host name (127.0.0.1, ::1, [::1], localhost), not "[::1"'],
    ['::1]', '--host must be an address or host name'],
    [':::1', '--host must be an address or host name'],
    ['[localhost]', '--host takes brackets around an IPv6 address only'],
    ['', '--host must be an address or host name'],
  ])('refuses --host %j in one line', (value, message) => {
    const parsed = parseProxyArgs(['--target', 'http://omni', '--host', value]);
    expect(parsed.ok ? '' : parsed.error).toContain(message);
  });

  it('takes --help without a target', () => {
    const parsed = parseProxyArgs(['--help']);
    expect(parsed.ok && parsed.options.help).toBe(true);
  });

  it('is the proxy subcommand of omni-mock; anything else is the mock’s own command line', () => {
    expect(parseCommand(['proxy', '--target', 'http://omni'])).toMatchObject({ ok: true, command: 'proxy' });
    expect(parseCommand(['proxy'])).toMatchObject({ ok: false, command: 'proxy' });
    expect(parseCommand(['--port', '0'])).toMatchObject({ ok: true, command: 'serve', options: { port: 0 } });
    expect(parseCommand(['--target', 'http://omni'])).toMatchObject({ ok: false, command: 'serve' });
  });
});
