import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONSOLE_HELP, parseConsoleConfig } from '../../src/server/console-config.js';

const parse = (argv: string[], env: Record<string, string> = {}) => parseConsoleConfig(argv, env);
const error = (argv: string[], env: Record<string, string> = {}) => {
  const r = parse(argv, env);
  if (r.ok) throw new Error('expected a refusal');
  return r.error;
};

describe('console configuration', () => {
  it('defaults to the mock on 127.0.0.1:4020 with the demo key', () => {
    const r = parse([]);
    expect(r.ok && r.config).toMatchObject({
      target: 'mock',
      omniUrl: 'http://127.0.0.1:4010',
      systemKey: 'omni-demo-key',
      port: 4020,
      host: '127.0.0.1',
      sipUrl: 'ws://127.0.0.1:4010/ws',
      downstreamUrl: undefined,
      publicUrl: undefined,
    });
  });

  it('reads the environment, flags win over it', () => {
    const env = {
      OMNI_URL: 'https://omni.example/',
      OMNI_SYSTEM_KEY: 'env-key',
      OMNI_TARGET: 'omni',
      CONSOLE_PORT: '0',
    };
    const r = parse(['--system-key', 'flag-key'], env);
    expect(r.ok && r.config).toMatchObject({
      target: 'omni',
      omniUrl: 'https://omni.example',
      systemKey: 'flag-key',
      port: 0,
      sipUrl: 'wss://omni.example/ws',
    });
  });

  it('a real Omni needs its URL and system key', () => {
    expect(error(['--target', 'omni'])).toMatch(/--omni-url/);
    expect(error(['--target', 'omni', '--omni-url', 'https://o.example'])).toMatch(/--system-key/);
  });

  it.each([
    [['--target', 'staging'], /--target must be mock or omni/],
    [['--port', '70000'], /--port/],
    [['--port', 'x'], /--port/],
    [['--omni-url', 'omni.example'], /--omni-url must be an http/],
    [['--public-url', 'ftp://x'], /--public-url/],
    [['--sip-url', 'http://x/ws'], /--sip-url must be a ws/],
    [['--webrtc-password', 'agent1'], /user=password/],
    [['--omni-time-zone', 'Mars/Olympus_Mons'], /--omni-time-zone must be an IANA time zone/],
    [['--omni-time-zone', '+25:00'], /--omni-time-zone/],
    [['--bogus'], /bogus/],
  ])('refuses %j', (argv, message) => {
    expect(error(argv)).toMatch(message);
  });

  it('takes Omni’s time zone from --omni-time-zone or OMNI_TIME_ZONE: an IANA name or an offset', () => {
    const named = parse(['--omni-time-zone', 'Africa/Johannesburg']);
    expect(named.ok && named.config.omniTimeZone).toBe('Africa/Johannesburg');
    const offset = parse([], { OMNI_TIME_ZONE: '+02:00' });
    expect(offset.ok && offset.config.omniTimeZone).toBe('+02:00');
    const none = parse([]);
    expect(none.ok && none.config.omniTimeZone).toBeUndefined();
  });

  it('collects WebRTC passwords from flags or OMNI_WEBRTC_PASSWORDS', () => {
    const a = parse(['--webrtc-password', 'agent1=a=b', '--webrtc-password', 'agent2=x']);
    expect(a.ok && [...a.config.webrtcPasswords]).toEqual([
      ['agent1', 'a=b'],
      ['agent2', 'x'],
    ]);
    const b = parse([], { OMNI_WEBRTC_PASSWORDS: 'agent3=p3, agent4=p4' });
    expect(b.ok && [...b.config.webrtcPasswords]).toEqual([
      ['agent3', 'p3'],
      ['agent4', 'p4'],
    ]);
  });

  it('the bin prints --help (exit 0) and refuses bad options (exit 2)', () => {
    const main = fileURLToPath(new URL('../../src/server/main.ts', import.meta.url));
    const run = (args: string[]) =>
      spawnSync(process.execPath, ['--conditions=@omnikit/source', '--import', 'tsx', main, ...args], {
        encoding: 'utf8',
        timeout: 30_000,
      });
    const help = run(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout.trim()).toBe(CONSOLE_HELP);
    const bad = run(['--target', 'nope']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--target must be mock or omni/);
  });
});
