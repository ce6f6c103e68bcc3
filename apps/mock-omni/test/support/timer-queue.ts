/**
 * The simulation harness's stand-in for the durable timer service: timers in (due time, order set) order, cancelled by
 * (kind, ref) like `TimerService.cancel`. Cancelled entries stay in the heap, marked, and are skipped when they reach
 * the top.
 *
 * @module
 */

import { MinHeap } from '../../src/engine/min-heap.js';

export interface QueuedTimer {
  dueAt: number;
  seq: number;
  kind: string;
  ref: string;
  payload: unknown;
  cancelled: boolean;
}

export class TimerQueue {
  private readonly heap = new MinHeap<QueuedTimer>(
    (a, b) => a.dueAt < b.dueAt || (a.dueAt === b.dueAt && a.seq < b.seq),
  );
  private readonly byRef = new Map<string, QueuedTimer[]>();
  private seq = 0;
  private live = 0;

  /** Timers set and not yet run or cancelled. */
  get size(): number {
    return this.live;
  }

  schedule(dueAt: number, kind: string, ref: string, payload: unknown): void {
    const t: QueuedTimer = { dueAt, seq: this.seq++, kind, ref, payload, cancelled: false };
    this.heap.push(t);
    this.live++;
    if (ref === '') return;
    const key = `${kind}\u0000${ref}`;
    const list = this.byRef.get(key);
    if (list) list.push(t);
    else this.byRef.set(key, [t]);
  }

  cancel(kind: string, ref: string): number {
    const key = `${kind}\u0000${ref}`;
    const list = this.byRef.get(key);
    if (!list) return 0;
    this.byRef.delete(key);
    let n = 0;
    for (const t of list)
      if (!t.cancelled) {
        t.cancelled = true;
        this.live--;
        n++;
      }
    return n;
  }

  /** The earliest live timer's due time. */
  peekDue(): number | undefined {
    this.skipCancelled();
    return this.heap.peek()?.dueAt;
  }

  /** Takes the earliest live timer if it is due at or before `upTo`. */
  popDue(upTo: number): QueuedTimer | undefined {
    this.skipCancelled();
    const t = this.heap.peek();
    if (!t || t.dueAt > upTo) return undefined;
    this.heap.pop();
    this.live--;
    t.cancelled = true;
    if (t.ref !== '') {
      const key = `${t.kind}\u0000${t.ref}`;
      const list = this.byRef.get(key);
      if (list) {
        const i = list.indexOf(t);
        if (i >= 0) list.splice(i, 1);
        if (list.length === 0) this.byRef.delete(key);
      }
    }
    return t;
  }

  private skipCancelled(): void {
    for (let t = this.heap.peek(); t?.cancelled; t = this.heap.peek()) this.heap.pop();
  }
}
