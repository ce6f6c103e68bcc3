import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const moduleUrl = new URL('../../src/cli/young-generation.ts', import.meta.url).href;
const MB = 1024 * 1024;

/**
 * The young generation's size in a fresh process after a request-like load: allocations keeping one object in a
 * hundred alive (what makes V8 grow its young generation), in turns of the event loop as a server's requests are,
 * with `capYoungGeneration(cap)` called first unless `cap` is undefined. In a process of its own: V8's flags and heap
 * are the process's, and a test runner's worker has grown its heap already.
 */
function youngGenerationAfterLoad(cap: number | undefined): number {
  const script = `
    import { capYoungGeneration, youngGenerationBytes } from ${JSON.stringify(moduleUrl)};
    ${cap === undefined ? '' : `capYoungGeneration(${cap});`}
    const kept = [];
    for (let turn = 0; turn < 300; turn++) {
      for (let i = 0; i < 20_000; i++) {
        const o = { i, list: [i] };
        if (i % 100 === 0) kept.push(o);
      }
      if (kept.length > 20_000) kept.splice(0, 10_000);
      await new Promise((resolve) => setImmediate(resolve));
    }
    console.log(youngGenerationBytes());
  `;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    encoding: 'utf8',
  });
  return Number(out.trim());
}

describe('capYoungGeneration', () => {
  it('lets the young generation grow to the cap and stops it there', () => {
    // Without a cap the same load grows it past 4 MB per semi-space: the cap is what holds it.
    expect(youngGenerationAfterLoad(undefined)).toBeGreaterThan(8 * MB);
    expect(youngGenerationAfterLoad(2)).toBe(4 * MB);
    expect(youngGenerationAfterLoad(4)).toBe(8 * MB);
  });
});
