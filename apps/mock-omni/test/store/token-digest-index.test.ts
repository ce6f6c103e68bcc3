import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TokenDigestIndex } from '../../src/store/token-digest-index.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest();
/** A digest sharing `base`'s first 8 bytes (the index's key) but not the rest. */
const samePrefix = (base: Buffer, last: number) => {
  const d = Buffer.from(base);
  d[31] = last;
  return d;
};

describe('token digest index', () => {
  it('gives every candidate of a prefix to the check, and only what the check accepts', () => {
    const index = new TokenDigestIndex();
    const a = sha256('a');
    const twin = samePrefix(a, (a[31] as number) ^ 1);
    index.add(a, 1);
    index.add(twin, 2);
    index.add(sha256('b'), 3);
    // The rows the caller would read: id → digest.
    const rows = new Map([
      [1, a],
      [2, twin],
      [3, sha256('b')],
    ]);
    const lookup = (d: Buffer) => index.find(d, (id) => rows.get(id)?.equals(d) === true);
    expect(lookup(a)).toBe(1);
    expect(lookup(twin)).toBe(2);
    expect(lookup(sha256('b'))).toBe(3);
    expect(lookup(sha256('never added'))).toBeUndefined();
    const offered: number[] = [];
    index.find(a, (id) => {
      offered.push(id);
      return false;
    });
    expect(offered.sort()).toEqual([1, 2]);
  });

  it('skips a stale entry (its row rolled back or reused) and finds the live one after it', () => {
    const index = new TokenDigestIndex();
    const d = sha256('undone, then stored again');
    index.add(d, 7); // the row 7 was rolled back; 7 now holds another token
    index.add(d, 9);
    const rows = new Map([
      [7, sha256('another')],
      [9, d],
    ]);
    expect(index.find(d, (id) => rows.get(id)?.equals(d) === true)).toBe(9);
  });

  it('keeps every entry as it grows, sized for what it was told to expect', () => {
    const index = new TokenDigestIndex();
    const digests = Array.from({ length: 5000 }, (_, i) => sha256(`t${i}`));
    for (const [i, d] of digests.entries()) index.add(d, i + 1);
    expect(index.size).toBe(5000);
    // At most 70% full: 8,192 slots of 12 bytes.
    expect(index.bytes).toBe(8192 * 12);
    for (const [i, d] of digests.entries()) expect(index.find(d, (id) => id === i + 1)).toBe(i + 1);
    expect(new TokenDigestIndex(100_000).bytes).toBe(262_144 * 12);
  });

  it('refuses an id that is not a rowid it can hold', () => {
    const index = new TokenDigestIndex();
    for (const id of [0, -1, 1.5, 2 ** 32]) expect(() => index.add(sha256('x'), id)).toThrow(/out of range/);
  });
});
