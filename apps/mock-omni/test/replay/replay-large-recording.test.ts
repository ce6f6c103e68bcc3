/**
 * A day's recording with its call recordings' WAVs runs past the longest string Node can hold
 * (about 512 MiB): replay still serves it, reading it line by line, over real HTTP.
 *
 * @module
 */

import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordingLine } from '@omnikit/contracts/drift';
import { afterAll, describe, expect, it } from 'vitest';
import { runReplayCommand } from '../../src/replay/replay-command.js';
import { until } from '../support/until.js';

const dir = mkdtempSync(join(tmpdir(), 'omni-replay-large-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** V8's longest string on 64-bit platforms: 2^29 - 24 characters. */
const LONGEST_STRING = 2 ** 29 - 24;
const WAV_BYTES = 3 * 1024 * 1024;

describe('omni-mock replay of a recording larger than a string', () => {
  it('reads it line by line and serves its last WAV byte for byte', async () => {
    const path = join(dir, 'omni day.jsonl');
    const wav = Buffer.alloc(WAV_BYTES, 7);
    wav.write('RIFF', 0);
    const base64 = wav.toString('base64');
    const count = Math.ceil(LONGEST_STRING / base64.length) + 2;
    const fd = openSync(path, 'w');
    try {
      for (let i = 1; i <= count; i++) {
        const line: RecordingLine = {
          v: 1,
          seq: i,
          at: '2026-01-05T08:00:00.000Z',
          kind: 'rest',
          route_id: null,
          request: { method: 'GET', path: `/omni/recording/${i}.wav`, query: {}, headers: {} },
          response: { status: 200, headers: { 'content-type': 'audio/wav' }, body_base64: base64 },
          duration_ms: 1,
        };
        writeSync(fd, `${JSON.stringify(line)}\n`);
      }
    } finally {
      closeSync(fd);
    }
    expect(statSync(path).size).toBeGreaterThan(LONGEST_STRING);

    const out: string[] = [];
    const err: string[] = [];
    let stop: (signal: string) => void = () => {};
    const stopped = new Promise<string>((resolve) => {
      stop = resolve;
    });
    const status = runReplayCommand([path, '--port', '0'], {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      stopped,
    });
    await until('replay to listen or fail', () => out.length > 0 || err.length > 0, 60_000);
    expect(err).toEqual([]);
    const url = /listening on (\S+)$/.exec(out[0] ?? '')?.[1];
    expect(out[0]).toContain(`${count} exchanges of ${path}`);
    const answer = await fetch(`${url}/omni/recording/${count}.wav`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-omni-replay-seq')).toBe(String(count));
    expect(Buffer.from(await answer.arrayBuffer()).equals(wav)).toBe(true);
    stop('SIGTERM');
    expect(await status).toBe(0);
  }, 120_000);
});
