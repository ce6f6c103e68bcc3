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
 * A system that plays `notifications=swapped` (`swapped`) delivers the first two notifications of every call in
 * swapped order. The rule reads the call's opening — its first two rows ever, in any state — from the outbox
 * (`CallOpening`), so it holds nothing in memory and survives a restart: while the call's first row is its queue's
 * head and its second is pending, the second goes first; once the second is settled (delivered, dead, filtered), the
 * first goes; a first row with no second yet waits `SWAP_HOLD_MS` on the system's clock from its creation, then goes
 * alone. Only one row of a call is in flight at a time, as in order. Like `unordered`, this path scans the system's
 * pending rows on each claim: a variant for trying integrations, not for load.
 *
 * @module
 */

import type { DeliveryState } from '@omnikit/contracts/control';
import { MinHeap } from '../engine/min-heap.js';
import type { ClaimQuery, OutboxRow } from './outbox-port.js';

/** What the index needs of a pending row. */
export type IndexedRow = Pick<OutboxRow, 'id' | 'systemId' | 'callId' | 'seq' | 'nextAttemptAt' | 'createdAt'>;

/**
 * How long (system clock ms) a call's first notification waits for its second under `swapped` before it goes alone:
 * a click-2-dial records its first two (`initiated`, the agent's `on_call`) at the same instant; 2 s covers a
 * callee's first event (ringing at 0.5 s) without holding a lone notification for long.
 */
export const SWAP_HOLD_MS = 2_000;

/** The first two rows a call ever had in the outbox (any state); the second is absent while there is none. */
export interface CallOpening {
  firstSeq: number;
  second: { seq: number; state: DeliveryState } | undefined;
}

/** Reads a call's opening from the outbox (only asked for systems that swap). */
export type OpeningReader = (systemId: number, callId: number) => CallOpening | undefined;

interface Candidate<E> {
  entry: E;
  at: number;
  /** Held for its successor until `at` (the call's first row with no second yet). */
  held: boolean;
}

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
  /** Rows whose hold under `swapped` was announced (`ClaimQuery.onHold`), so it is announced once. */
  private readonly holdAnnounced = new Set<string>();

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
    this.holdAnnounced.delete(id);
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
  claimDue(query: ClaimQuery, read: (e: E) => OutboxRow | undefined, opening?: OpeningReader): OutboxRow[] {
    const out: OutboxRow[] = [];
    for (const [systemId, x] of this.systems) {
      if (out.length >= query.limit) break;
      // This system's share of the claim: what is left of the whole, within its own limit.
      const end = out.length + Math.min(query.limit - out.length, query.limitOf?.(systemId) ?? query.limit);
      if (end <= out.length) continue;
      const now = query.nowOf(systemId);
      if (opening && query.swapped?.(systemId) && !query.unordered(systemId)) {
        const due = this.swapCandidates(systemId, x, opening).sort((a, b) => a.at - b.at || a.entry.seq - b.entry.seq);
        for (const c of due) {
          if (c.at > now) {
            if (c.held && !this.holdAnnounced.has(c.entry.id)) {
              this.holdAnnounced.add(c.entry.id);
              query.onHold?.(systemId, c.entry.id, c.at);
            }
            continue;
          }
          if (out.length >= end) break;
          this.claim(c.entry, read, out);
        }
        continue;
      }
      if (query.unordered(systemId)) {
        const due = [...x.pending]
          .filter((e) => !this.claimed.has(e.id) && e.nextAttemptAt <= now)
          .sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || a.seq - b.seq);
        for (const e of due) {
          if (out.length >= end) break;
          this.claim(e, read, out);
        }
        continue;
      }
      while (out.length < end) {
        const top = this.cleanTop(x);
        if (!top || top.at > now) break;
        x.heap.pop();
        this.claim(top.entry, read, out);
      }
    }
    return out;
  }

  /** The earliest time each system has a row that may go (for the worker's wake-up). */
  earliestDue(
    unordered: (systemId: number) => boolean,
    swapped?: (systemId: number) => boolean,
    opening?: OpeningReader,
  ): Map<number, number> {
    const out = new Map<number, number>();
    for (const [systemId, x] of this.systems) {
      if (opening && swapped?.(systemId) && !unordered(systemId)) {
        const first = Math.min(...this.swapCandidates(systemId, x, opening).map((c) => c.at));
        if (first < Number.POSITIVE_INFINITY) out.set(systemId, first);
        continue;
      }
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

  /** Under `swapped`: the rows that may go next (each with when), per the rule in the header. */
  private swapCandidates(systemId: number, x: SystemIndex<E>, opening: OpeningReader): Candidate<E>[] {
    const out: Candidate<E>[] = [];
    for (const e of x.pending) {
      if (e.callId === null && !this.claimed.has(e.id)) out.push({ entry: e, at: e.nextAttemptAt, held: false });
    }
    for (const [callId, queue] of x.callQueues) {
      const head = queue[0] as E;
      const next = queue[1];
      if (this.claimed.has(head.id) || (next && this.claimed.has(next.id))) continue;
      const o = opening(systemId, callId);
      if (!o || head.seq !== o.firstSeq) {
        out.push({ entry: head, at: head.nextAttemptAt, held: false });
      } else if (o.second === undefined) {
        const until = head.createdAt + SWAP_HOLD_MS;
        out.push({ entry: head, at: Math.max(head.nextAttemptAt, until), held: head.nextAttemptAt < until });
      } else if (o.second.state !== 'pending') {
        out.push({ entry: head, at: head.nextAttemptAt, held: false });
      } else if (next && next.seq === o.second.seq) {
        out.push({ entry: next, at: next.nextAttemptAt, held: false });
      }
      // else: the second is recorded but not committed yet; the commit wakes the worker.
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
