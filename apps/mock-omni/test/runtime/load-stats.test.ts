import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../src/cli/parse-cli-args.js';
import { createMockOmni } from '../../src/index.js';
import { LOAD_STATS_PREFIX, type LoadStatsLine, startLoadStats } from '../../src/runtime/load-stats.js';

const parse = (line: string): LoadStatsLine => {
  expect(line.startsWith(LOAD_STATS_PREFIX)).toBe(true);
  return JSON.parse(line.slice(LOAD_STATS_PREFIX.length)) as LoadStatsLine;
};

/** Resolves with the next line written after `from` lines. */
const nextLine = (lines: string[], from: number) =>
  new Promise<string>((resolve) => {
    const poll = setInterval(() => {
      const line = lines[from];
      if (line !== undefined) {
        clearInterval(poll);
        resolve(line);
      }
    }, 5);
  });

describe('load statistics (--stats)', () => {
  it('reports an event loop blocked in the interval, then nothing of it in the next', async () => {
    const lines: string[] = [];
    const write = (line: string) => {
      lines.push(line);
      if (lines.length !== 1) return;
      // Right after the first line the event loop is blocked for 250 ms: no timer can run.
      const t0 = performance.now();
      while (performance.now() - t0 < 250) {
        // busy
      }
    };
    const stats = startLoadStats({ intervalMs: 300, write, extra: () => ({ wal_frames: 7 }) });
    try {
      const blocked = parse(await nextLine(lines, 1));
      expect(blocked.loop_delay_max_ms).toBeGreaterThanOrEqual(100);
      const calm = parse(await nextLine(lines, 2));
      expect(calm.loop_delay_max_ms).toBeLessThan(blocked.loop_delay_max_ms);
      expect(calm.rss_mib).toBeGreaterThan(0);
      expect(calm.heap_used_mib).toBeGreaterThan(0);
      expect(calm.heap_used_mib).toBeLessThanOrEqual(calm.heap_total_mib);
      expect(calm.wal_frames).toBe(7);
    } finally {
      stats.stop();
    }
  });

  it('is off by default and written every interval by a mock that asks for it, until closed', async () => {
    const lines: string[] = [];
    const mock = await createMockOmni({ stats: { intervalMs: 50, write: (l) => lines.push(l) } });
    const line = parse(await nextLine(lines, 0));
    expect(line.interval_ms).toBeGreaterThanOrEqual(40);
    // The mock's WAL checkpoints are reported too (store/checkpoint-policy.ts): how many depends
    // on how long start-up's writes took.
    expect(line).toMatchObject({
      checkpoints: expect.any(Number),
      checkpoint_max_ms: expect.any(Number),
      checkpoint_pages_max: expect.any(Number),
    });
    await mock.close();
    const written = lines.length;
    await new Promise((r) => setTimeout(r, 150));
    expect(lines.length).toBe(written);
  });

  it('--stats takes whole seconds from 1 to 3600', () => {
    expect(parseCliArgs([])).toMatchObject({ ok: true, options: { statsSeconds: undefined } });
    expect(parseCliArgs(['--stats', '10'])).toMatchObject({ ok: true, options: { statsSeconds: 10 } });
    for (const bad of ['0', '1.5', 'x', '3601', '']) {
      const parsed = parseCliArgs(['--stats', bad]);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error).toContain('--stats must be an integer number of seconds');
    }
  });
});
