import { getHeapSpaceStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { keepYoungGenerationSmall } from '../../src/cli/young-generation.js';

const newSpace = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0;

/** Allocates while keeping one object in a hundred alive: what makes V8 grow its young generation. */
function churn(): number {
  const kept: object[] = [];
  for (let i = 0; i < 3_000_000; i++) {
    const o = { i, list: [i] };
    if (i % 100 === 0) kept.push(o);
  }
  return kept.length;
}

describe('keepYoungGenerationSmall', () => {
  it('stops the young generation from growing under allocations that would grow it', () => {
    keepYoungGenerationSmall();
    const before = newSpace();
    expect(churn()).toBe(30_000);
    expect(newSpace()).toBeLessThanOrEqual(before);
  });
});
