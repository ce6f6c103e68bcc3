/**
 * The outbox's ordering rule, written once for the memory and the SQLite outbox: which pending row goes next.
 *
 * Within a system, the rows of one call go one at a time in `seq` order (a call's events arrive in the order they
 * happened); rows of no call go on their own. Among the rows that may go — the head of each call's queue and every row
 * of no call — the earliest due goes first, then the lowest `seq`. A system whose chaos setting reorders (`unordered`)
 * ignores the per-call order: every due row may go, earliest due first.
 *
 * Per system the index keeps its pending rows, a queue per call and a heap of the rows that may go next by due time.
 * Heap items are checked when they surface, so an item whose row changed since it was pushed (rescheduled, claimed,
 * gone, no longer its call's head) is simply dropped. A claimed row keeps its call's place until it is completed or
 * released. An entry is owned by the index once tracked: `reschedule` sets its `nextAttemptAt`.
 *
 * @module
 */

import { MinHeap } from '../engine/min-heap.js';
import type { ClaimQuery, OutboxRow } from './outbox-port.js';

/** What the index needs of a pending row. */
export type IndexedRow = Pick<OutboxRow, 'id' | 'systemId' | 'callId' | 'seq' | 'nextAttemptAt'>;

interface HeapItem<E extends IndexedRow> {
  entry: E;
  at: number;
}

interface SystemIndex<E extends IndexedRow> {
  pending: Set<E>;
  callQueues: Map<number, E[]>;
  heap: MinHeap<HeapItem<E>>;
}

const byDue = <E extends IndexedRow>(a: HeapItem<E>, b: HeapItem<E>) =>
  a.at < b.at || (a.at === b.at && a.entry.seq < b.entry.seq);

export class OutboxIndex<E extends IndexedRow> {
  private readonly systems = new Map<number, SystemIndex<E>>();
  private readonly entries = new Map<string, E>();
  private readonly claimed = new Set<string>();

  /** A pending row joins (once: a row already indexed is left as it is). */
  track(e: E): void {
    if (this.entries.has(e.id)) return;
    this.entries.set(e.id, e);
    let x = this.systems.get(e.systemId);
    if (!x) {
      x = { pending: new Set(), callQueues: new Map(), heap: new MinHeap(byDue) };
      this.systems.set(e.systemId, x);
    }
    x.pending.add(e);
    if (e.callId !== null) {
      const queue = x.callQueues.get(e.callId) ?? [];
      let i = queue.length;
      while (i > 0 && (queue[i - 1] as E).seq > e.seq) i--;
      queue.splice(i, 0, e);
      x.callQueues.set(e.callId, queue);
      if (i !== 0) return;
    }
    this.pushEligible(x, e);
  }

  /** A row is no longer pending (delivered, failed, gone): it leaves, and its call's next row may go. */
  untrack(id: string): void {
    this.claimed.delete(id);
    const e = this.entries.get(id);
    if (!e) return;
    this.entries.delete(id);
    const x = this.systems.get(e.systemId) as SystemIndex<E>;
    x.pending.delete(e);
    if (e.callId !== null) {
      const queue = x.callQueues.get(e.callId);
      if (queue) {
        const i = queue.indexOf(e);
        if (i >= 0) queue.splice(i, 1);
        if (queue.length === 0) x.callQueues.delete(e.callId);
        else if (i === 0 && !this.claimed.has((queue[0] as E).id)) this.pushEligible(x, queue[0] as E);
      }
    }
    if (x.pending.size === 0) this.systems.delete(e.systemId);
  }

  /** A claimed row stays pending, due again at `at` (a retry): its claim ends. */
  reschedule(id: string, at: number): void {
    this.claimed.delete(id);
    const e = this.entries.get(id);
    if (!e) return;
    e.nextAttemptAt = at;
    const x = this.systems.get(e.systemId) as SystemIndex<E>;
    if (this.isHead(x, e)) this.pushEligible(x, e);
  }

  /** A claim given back untouched: the row may go again. */
  release(id: string): void {
    if (!this.claimed.delete(id)) return;
    const e = this.entries.get(id);
    if (!e) return;
    const x = this.systems.get(e.systemId) as SystemIndex<E>;
    if (this.isHead(x, e)) this.pushEligible(x, e);
  }

  /**
   * Claims up to `query.limit` due rows, system by system, in the order above. `read` gives the row
   * to hand out, or undefined when the row turned out not to be pending (it has untracked it then).
   */
  claimDue(query: ClaimQuery, read: (e: E) => OutboxRow | undefined): OutboxRow[] {
    const out: OutboxRow[] = [];
    for (const [systemId, x] of this.systems) {
      if (out.length >= query.limit) break;
      const now = query.nowOf(systemId);
      if (query.unordered(systemId)) {
        const due = [...x.pending]
          .filter((e) => !this.claimed.has(e.id) && e.nextAttemptAt <= now)
          .sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || a.seq - b.seq);
        for (const e of due) {
          if (out.length >= query.limit) break;
          this.claim(e, read, out);
        }
        continue;
      }
      while (out.length < query.limit) {
        const top = this.cleanTop(x);
        if (!top || top.at > now) break;
        x.heap.pop();
        this.claim(top.entry, read, out);
      }
    }
    return out;
  }

  /** The earliest time each system has a row that may go (for the worker's wake-up). */
  earliestDue(unordered: (systemId: number) => boolean): Map<number, number> {
    const out = new Map<number, number>();
    for (const [systemId, x] of this.systems) {
      if (unordered(systemId)) {
        let min = Number.POSITIVE_INFINITY;
        for (const e of x.pending) if (!this.claimed.has(e.id) && e.nextAttemptAt < min) min = e.nextAttemptAt;
        if (min < Number.POSITIVE_INFINITY) out.set(systemId, min);
        continue;
      }
      const top = this.cleanTop(x);
      if (top) out.set(systemId, top.at);
    }
    return out;
  }

  private claim(e: E, read: (e: E) => OutboxRow | undefined, out: OutboxRow[]): void {
    const row = read(e);
    if (!row) return;
    this.claimed.add(e.id);
    out.push(row);
  }

  private isHead(x: SystemIndex<E>, e: E): boolean {
    return e.callId === null || x.callQueues.get(e.callId)?.[0] === e;
  }

  private pushEligible(x: SystemIndex<E>, e: E): void {
    x.heap.push({ entry: e, at: e.nextAttemptAt });
  }

  /** Drops heap items that no longer stand for a row that may go; returns the valid top. */
  private cleanTop(x: SystemIndex<E>): HeapItem<E> | undefined {
    for (;;) {
      const top = x.heap.peek();
      if (!top) return undefined;
      const e = top.entry;
      if (this.entries.get(e.id) === e && top.at === e.nextAttemptAt && !this.claimed.has(e.id) && this.isHead(x, e))
        return top;
      x.heap.pop();
    }
  }
}
