/**
 * The peers bench's command line: its defaults, each flag in both spellings, and a clear error naming the
 * flag for a value that is missing, not a number, or out of range.
 *
 * @module
 */

import { describe, expect, it } from 'vitest';
import { PEERS_HELP, parsePeerOptions } from '../../../bench/peers/peer-options.js';

describe('parsePeerOptions', () => {
  it('runs 3 rounds of 2 s after 1 s of warm-up with 50 connections by default', () => {
    expect(parsePeerOptions([])).toEqual({ rounds: 3, seconds: 2, warmup: 1, connections: 50, help: false });
  });

  it('takes each flag with its value after a space or an =', () => {
    expect(parsePeerOptions(['--rounds', '5', '--seconds=10', '--warmup', '0', '--connections=100'])).toEqual({
      rounds: 5,
      seconds: 10,
      warmup: 0,
      connections: 100,
      help: false,
    });
    expect(parsePeerOptions(['--help']).help).toBe(true);
    expect(parsePeerOptions(['-h']).help).toBe(true);
  });

  it('names the flag that is unknown, lacks its value or has a bad one', () => {
    expect(() => parsePeerOptions(['--minutes', '3'])).toThrow('unknown option --minutes');
    expect(() => parsePeerOptions(['rounds'])).toThrow('unknown option rounds');
    expect(() => parsePeerOptions(['--rounds'])).toThrow('--rounds needs a value');
    expect(() => parsePeerOptions(['--rounds', '2.5'])).toThrow('--rounds must be a whole number of at least 1');
    expect(() => parsePeerOptions(['--connections', '0'])).toThrow('--connections must be a whole number');
    expect(() => parsePeerOptions(['--seconds', 'ten'])).toThrow('--seconds must be a number of at least 1, not ten');
    expect(() => parsePeerOptions(['--warmup', '-1'])).toThrow('--warmup must be a number of at least 0');
  });

  it('documents every flag it accepts in its --help', () => {
    const documented = [...PEERS_HELP.matchAll(/^ {2}(--[a-z]+)/gm)].map((m) => m[1]);
    expect(documented).toEqual(['--rounds', '--seconds', '--warmup', '--connections', '--help']);
    for (const flag of documented.slice(0, -1)) expect(() => parsePeerOptions([flag as string, '1'])).not.toThrow();
  });
});
