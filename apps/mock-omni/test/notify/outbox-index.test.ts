/**
 * The ordering rule on its own: index entries in, ids of what may go out.
 *
 * @module
 */

import { describe, expect, it } from 'vitest';
import { type IndexedRow, OutboxIndex } from '../../src/notify/outbox-index.js';
import type { OutboxRow } from '../../src/notify/outbox-port.js';

let seq = 0;
const entry = (id: string, callId: number | null, nextAttemptAt = 0, systemId = 1): IndexedRow => ({
  id,
  systemId,
  callId,
  seq: ++seq,
  nextAttemptAt,
});
const take = (e: IndexedRow) => ({ ...e }) as OutboxRow;
const claim = (index: OutboxIndex<IndexedRow>, now: number, unordered = false, limit = 10) =>
  index.claimDue({ nowOf: () => now, unordered: () => unordered, limit }, take).map((r) => r.id);

describe('the outbox ordering index', () => {
  it('lets one row per call go, earliest due first, and the next of a call once the first leaves', () => {
    const index = new OutboxIndex<IndexedRow>();
    for (const e of [entry('a1', 1, 30), entry('a2', 1, 0), entry('b1', 2, 20), entry('n1', null, 10)]) index.track(e);
    expect(index.earliestDue(() => false)).toEqual(new Map([[1, 10]]));
    expect(claim(index, 100)).toEqual(['n1', 'b1', 'a1']);
    expect(claim(index, 100)).toEqual([]);
    index.untrack('a1');
    expect(claim(index, 100)).toEqual(['a2']);
  });

  it('keeps a call waiting behind a retry, and gives a released claim back', () => {
    const index = new OutboxIndex<IndexedRow>();
    for (const e of [entry('a1', 1), entry('a2', 1)]) index.track(e);
    expect(claim(index, 0)).toEqual(['a1']);
    index.reschedule('a1', 50);
    expect(claim(index, 49)).toEqual([]);
    expect(index.earliestDue(() => false)).toEqual(new Map([[1, 50]]));
    expect(claim(index, 50)).toEqual(['a1']);
    index.release('a1');
    expect(claim(index, 50)).toEqual(['a1']);
  });

  it('ignores the per-call order for an unordered system, and skips a row read back as gone', () => {
    const index = new OutboxIndex<IndexedRow>();
    for (const e of [entry('a1', 1, 5), entry('a2', 1, 1), entry('a3', 1, 9)]) index.track(e);
    expect(index.earliestDue(() => true)).toEqual(new Map([[1, 1]]));
    const gone = (e: IndexedRow) => {
      if (e.id !== 'a2') return take(e);
      index.untrack(e.id);
      return undefined;
    };
    const ids = index.claimDue({ nowOf: () => 5, unordered: () => true, limit: 10 }, gone).map((r) => r.id);
    expect(ids).toEqual(['a1']);
    expect(index.earliestDue(() => true)).toEqual(new Map([[1, 9]]));
  });
});
