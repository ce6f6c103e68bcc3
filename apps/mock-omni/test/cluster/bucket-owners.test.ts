import { describe, expect, it } from 'vitest';
import { bucketMapText, bucketOwners, RING_BUCKETS } from '../../src/cluster/bucket-owners.js';

const share = (owners: number[], w: number) => owners.filter((o) => o === w).length / owners.length;

describe('the ring’s buckets', () => {
  it.each([1, 2, 3, 4, 8])('spreads %i workers evenly (each within 25%% of a fair share)', (n) => {
    const owners = bucketOwners(n);
    expect(owners).toHaveLength(RING_BUCKETS);
    for (let w = 1; w <= n; w++) expect(Math.abs(share(owners, w) * n - 1)).toBeLessThan(0.25);
  });

  it.each([1, 2, 3, 4, 7])('one worker more than %i moves only the buckets the new worker takes', (n) => {
    const before = bucketOwners(n);
    const after = bucketOwners(n + 1);
    const moved = before.filter((owner, b) => after[b] !== owner);
    expect(moved.length).toBeGreaterThan(0);
    before.forEach((owner, b) => {
      if (after[b] !== owner) expect(after[b]).toBe(n + 1);
    });
    expect(Math.abs(moved.length / RING_BUCKETS - 1 / (n + 1))).toBeLessThan(0.1);
  });

  it('is the same table every time (a restart keeps every system where its files are)', () => {
    expect(bucketOwners(4)).toEqual(bucketOwners(4));
  });

  it('writes HAProxy’s map: one "<bucket> worker-<i>" line per bucket', () => {
    const lines = bucketMapText(2).trimEnd().split('\n');
    expect(lines).toHaveLength(RING_BUCKETS);
    for (const [b, line] of lines.entries()) expect(line).toMatch(new RegExp(`^${b} worker-[12]$`));
  });

  it('refuses a worker count that is not a positive integer', () => {
    expect(() => bucketOwners(0)).toThrow(RangeError);
    expect(() => bucketOwners(1.5)).toThrow(RangeError);
  });
});
