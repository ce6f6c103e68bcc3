import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const moduleUrl = new URL('../../src/cli/old-generation.ts', import.meta.url).href;

/**
 * The largest heap a fresh process reaches while 20 MB stay alive and a ring of objects turns over in the old
 * generation (what a load's journal and in-flight requests do), with `capOldGenerationGrowth(percent)` called first
 * unless `percent` is undefined. In a process of its own: V8's flags are the process's.
 */
function peakHeapMb(percent: number | undefined): number {
  const script = `
    import { getHeapStatistics } from 'node:v8';
    import { capOldGenerationGrowth } from ${JSON.stringify(moduleUrl)};
    ${percent === undefined ? '' : `capOldGenerationGrowth(${percent});`}
    const live = [];
    for (let i = 0; i < 200_000; i++) live.push({ i, text: 'x' + i });
    const ring = new Array(100_000);
    let peak = 0;
    for (let i = 0; i < 4_000_000; i++) {
      ring[i % 100_000] = { i, pair: [i, i] };
      if (i % 10_000 === 0) peak = Math.max(peak, getHeapStatistics().total_heap_size);
    }
    console.log(peak / 1024 / 1024, live.length);
  `;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    encoding: 'utf8',
  });
  return Number(out.trim().split(' ')[0]);
}

describe('capOldGenerationGrowth', () => {
  it('keeps the heap of a churning old generation smaller than V8 left alone does', () => {
    const free = peakHeapMb(undefined);
    const capped = peakHeapMb(50);
    expect(capped).toBeLessThan(free * 0.85);
  });
});
