import { describe, expect, it } from 'vitest';
import { createMemoryOutbox } from '../../src/notify/memory-outbox.js';
import { deliver, expectListsNewestFirst, ids, now, ordered, row } from './support/outbox-rows.js';

describe('the in-memory outbox', () => {
  it('assigns seq in insertion order and refuses a duplicate id', () => {
    const o = createMemoryOutbox();
    expect([o.insert(row('a', 1)).seq, o.insert(row('b', 1)).seq, o.insert(row('c', null)).seq]).toEqual([1, 2, 3]);
    expect(() => o.insert(row('a', 2))).toThrow(/already/);
  });

  it('claims only the head of each call and every row of no call; a claimed row is not claimed twice', () => {
    const o = createMemoryOutbox();
    for (const r of [row('a1', 1), row('a2', 1), row('b1', 2), row('n1', null), row('n2', null)]) o.insert(r);
    const first = o.claimDue({ ...ordered, limit: 10 });
    expect(ids(first)).toEqual(['a1', 'b1', 'n1', 'n2']);
    expect(o.claimDue({ ...ordered, limit: 10 })).toEqual([]);
    deliver(o, first);
    expect(ids(o.claimDue({ ...ordered, limit: 10 }))).toEqual(['a2']);
  });

  it('a retrying head holds back its call until due; release gives a claim back', () => {
    const o = createMemoryOutbox();
    o.insert(row('a1', 1));
    o.insert(row('a2', 1));
    const [a1] = o.claimDue({ ...ordered, limit: 1 });
    o.complete([
      { update: { id: 'a1', state: 'pending', attempts: 1, nextAttemptAt: 5_000, firstAttemptAt: 0 }, attempts: [] },
    ]);
    expect(o.claimDue({ ...ordered, limit: 10 })).toEqual([]);
    expect(o.earliestDue(() => false)).toEqual(new Map([[1, 5_000]]));
    const later = o.claimDue({ nowOf: () => 5_000, unordered: () => false, limit: 10 });
    expect(ids(later)).toEqual(['a1']);
    expect(a1?.id).toBe('a1');
    o.release(['a1']);
    expect(ids(o.claimDue({ nowOf: () => 5_000, unordered: () => false, limit: 10 }))).toEqual(['a1']);
  });

  it('each system is due on its own clock', () => {
    const o = createMemoryOutbox();
    o.insert(row('s1', 1, 1, 500));
    o.insert(row('s2', 1, 2, 500));
    const claimed = o.claimDue({ nowOf: (s) => (s === 1 ? 400 : 600), unordered: () => false, limit: 10 });
    expect(ids(claimed)).toEqual(['s2']);
  });

  it('unordered (chaos reorder) makes every pending row of the system claimable', () => {
    const o = createMemoryOutbox();
    for (const r of [row('a1', 1), row('a2', 1), row('a3', 1)]) o.insert(r);
    expect(ids(o.claimDue({ nowOf: now, unordered: () => true, limit: 10 }))).toEqual(['a1', 'a2', 'a3']);
  });

  it('a replayed notification goes back in its call’s order and starts a new round', () => {
    const o = createMemoryOutbox();
    o.insert(row('a1', 1));
    deliver(o, o.claimDue({ ...ordered, limit: 10 }));
    o.insert(row('a2', 1));
    o.requeue(['a1'], 2_000);
    expect(o.get('a1')).toMatchObject({
      state: 'pending',
      round: 1,
      attempts: 0,
      nextAttemptAt: 2_000,
      firstAttemptAt: null,
    });
    // a1 is the older one: a2 waits for it again.
    expect(o.claimDue({ ...ordered, limit: 10 })).toEqual([]);
    const later = o.claimDue({ nowOf: () => 2_000, unordered: () => false, limit: 10 });
    expect(ids(later)).toEqual(['a1']);
    deliver(o, later);
    expect(ids(o.claimDue({ nowOf: () => 2_000, unordered: () => false, limit: 10 }))).toEqual(['a2']);
  });

  it('lists a system’s rows newest first with filters and a total', () => {
    expectListsNewestFirst(createMemoryOutbox(), 9);
  });
});
