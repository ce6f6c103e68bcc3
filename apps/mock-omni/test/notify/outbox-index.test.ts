/**
 * The ordering rule on its own: index entries in, ids of what may go out.
 *
 * @module
 */

import type { DeliveryState } from '@omnikit/contracts/control';
import { describe, expect, it } from 'vitest';
import {
  type CallOpening,
  type IndexedRow,
  type OpeningReader,
  OutboxIndex,
  SWAP_HOLD_MS,
} from '../../src/notify/outbox-index.js';
import type { OutboxRow } from '../../src/notify/outbox-port.js';

let seq = 0;
const entry = (id: string, callId: number | null, nextAttemptAt = 0, systemId = 1): IndexedRow => ({
  id,
  systemId,
  callId,
  seq: ++seq,
  nextAttemptAt,
  createdAt: nextAttemptAt,
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

  describe('swapped (notifications=swapped): the first two rows of each call change places', () => {
    /** A call's rows as the outbox holds them: seq and state; the opening is read from these. */
    function swapIndex(rows: Array<[IndexedRow, DeliveryState]>) {
      const states = new Map(rows.map(([e, st]) => [e.id, st]));
      const index = new OutboxIndex<IndexedRow>();
      for (const [e, st] of rows) if (st === 'pending') index.track(e);
      const opening: OpeningReader = (_, callId) => {
        const of = rows.filter(([e]) => e.callId === callId).sort(([a], [b]) => a.seq - b.seq);
        const [first, second] = of;
        if (!first) return undefined;
        const o: CallOpening = {
          firstSeq: first[0].seq,
          second: second ? { seq: second[0].seq, state: states.get(second[0].id) ?? 'pending' } : undefined,
        };
        return o;
      };
      const holds: Array<[string, number]> = [];
      const swapClaim = (now: number) =>
        index
          .claimDue(
            {
              nowOf: () => now,
              unordered: () => false,
              swapped: () => true,
              onHold: (_, id, until) => holds.push([id, until]),
              limit: 10,
            },
            take,
            opening,
          )
          .map((r) => r.id);
      const settle = (id: string) => {
        states.set(id, 'delivered');
        index.untrack(id);
      };
      return { index, opening, holds, swapClaim, settle };
    }

    it('the second goes first, then the first, then the rest in order; rows of no call as usual', () => {
      const rows: Array<[IndexedRow, DeliveryState]> = [
        [entry('c1', 7, 0), 'pending'],
        [entry('c2', 7, 0), 'pending'],
        [entry('c3', 7, 0), 'pending'],
        [entry('n1', null, 0), 'pending'],
      ];
      const x = swapIndex(rows);
      expect(x.swapClaim(0)).toEqual(['c2', 'n1']);
      expect(x.swapClaim(0)).toEqual([]);
      x.settle('c2');
      expect(x.swapClaim(0)).toEqual(['c1']);
      x.settle('c1');
      expect(x.swapClaim(0)).toEqual(['c3']);
      expect(x.holds).toEqual([]);
    });

    it(`a lone first waits ${SWAP_HOLD_MS} ms from its creation (told once), then goes alone`, () => {
      const x = swapIndex([[entry('c1', 8, 100), 'pending']]);
      expect(x.swapClaim(100 + SWAP_HOLD_MS - 1)).toEqual([]);
      expect(x.swapClaim(100 + SWAP_HOLD_MS - 1)).toEqual([]);
      expect(x.holds).toEqual([['c1', 100 + SWAP_HOLD_MS]]);
      expect(
        x.index.earliestDue(
          () => false,
          () => true,
          x.opening,
        ),
      ).toEqual(new Map([[1, 100 + SWAP_HOLD_MS]]));
      expect(x.swapClaim(100 + SWAP_HOLD_MS)).toEqual(['c1']);
    });

    it('a first whose second is settled (or not the call’s first) goes as due; a second not yet known waits', () => {
      const settled = swapIndex([
        [entry('d1', 9, 0), 'pending'],
        [entry('d2', 9, 0), 'filtered'],
        [entry('d3', 9, 0), 'pending'],
      ]);
      expect(settled.swapClaim(0)).toEqual(['d1']);
      const notFirst = swapIndex([
        [entry('e1', 10, 0), 'delivered'],
        [entry('e2', 10, 0), 'delivered'],
        [entry('e3', 10, 0), 'pending'],
        [entry('e4', 10, 0), 'pending'],
      ]);
      expect(notFirst.swapClaim(0)).toEqual(['e3']);
      // The second is in the outbox, pending, but not committed (not tracked) yet: nothing of the call goes.
      const rows: Array<[IndexedRow, DeliveryState]> = [[entry('f1', 11, 0), 'pending']];
      const unknown = swapIndex(rows);
      rows.push([entry('f2', 11, 0), 'pending']);
      expect(unknown.swapClaim(SWAP_HOLD_MS * 2)).toEqual([]);
    });
  });
});
