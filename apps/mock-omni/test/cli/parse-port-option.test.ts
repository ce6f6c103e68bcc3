import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/cli/parse-cli-args.js';
import { parsePortOption } from '../../src/cli/parse-port-option.js';
import { parseProxyArgs } from '../../src/cli/parse-proxy-args.js';
import { parseClusterArgs } from '../../src/cluster/parse-cluster-args.js';
import { parseReplayArgs } from '../../src/replay/parse-replay-args.js';

describe('parsePortOption', () => {
  it('takes decimal ports from 0 to 65535 and the fallback when the flag is absent', () => {
    expect(parsePortOption('0', 4010)).toEqual({ port: 0 });
    expect(parsePortOption('8080', 4010)).toEqual({ port: 8080 });
    expect(parsePortOption('65535', 4010)).toEqual({ port: 65535 });
    expect(parsePortOption(undefined, 4011)).toEqual({ port: 4011 });
  });

  it.each(['', ' 80', '1e3', '0x10', '80.0', '-1', '65536', '123456', 'http'])('refuses %j in one line', (text) => {
    expect(parsePortOption(text, 4010)).toEqual({ error: `--port must be an integer from 0 to 65535, not "${text}"` });
  });
});

describe('every command reads --port the same way', () => {
  // Before one reader, the mock took `--port 1e3` as 1000 and `--port ""` as 0 (a random port) while proxy refused them.
  const commands: Array<[string, (port: string) => { ok: boolean; error?: string }]> = [
    ['omni-mock', (port) => parseCommand(['--port', port]) as { ok: boolean; error?: string }],
    ['omni-mock proxy', (port) => parseProxyArgs(['--target', 'https://omni.example', '--port', port])],
    ['omni-mock replay', (port) => parseReplayArgs(['recording.jsonl', '--port', port])],
    ['omni-mock cluster', (port) => parseClusterArgs(['--workers', '2', '--dir', '/tmp/x', '--port', port])],
  ];
  it.each(commands)('%s refuses 1e3 and an empty port, takes 4100', (_name, parse) => {
    expect(parse('1e3')).toMatchObject({ ok: false, error: '--port must be an integer from 0 to 65535, not "1e3"' });
    expect(parse('')).toMatchObject({ ok: false, error: '--port must be an integer from 0 to 65535, not ""' });
    expect(parse('4100')).toMatchObject({ ok: true });
  });
});
