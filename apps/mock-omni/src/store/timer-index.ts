import type { TimerRecord } from '../engine/ports.js';

/** Whether `a` runs before `b`: by due time, ties by id (the order the table's `timers_due` index gives). */
const runsBefore = (a: TimerRecord, b: TimerRecord): boolean =>
  a.dueAt < b.dueAt || (a.dueAt === b.dueAt && a.timerId < b.timerId);

const refKey = (kind: string, ref: string): string => `${kind}\u0000${ref}`;

/**
 * One system's pending timers in memory, in the order they run, found by id and by (kind, ref). A system has a few
 * hundred pending timers at most, so a sorted array (binary search, splice) beats a heap: the earliest is its head and
 * a cancelled timer leaves at once instead of lingering as a tombstone.
 */
export class TimerIndex {
  private readonly ordered: TimerRecord[] = [];
  private readonly byId = new Map<number, TimerRecord>();
  private readonly byRef = new Map<string, Set<number>>();

  get size(): number {
    return this.byId.size;
  }

  get(timerId: number): TimerRecord | undefined {
    return this.byId.get(timerId);
  }

  /** The timer that runs first. */
  first(): TimerRecord | undefined {
    return this.ordered[0];
  }

  add(timer: TimerRecord): void {
    if (this.byId.has(timer.timerId)) throw new Error(`timer ${timer.timerId} is already pending`);
    // Timers mostly arrive in running order: try the tail before searching.
    const last = this.ordered[this.ordered.length - 1];
    if (!last || runsBefore(last, timer)) this.ordered.push(timer);
    else this.ordered.splice(this.position(timer), 0, timer);
    this.byId.set(timer.timerId, timer);
    const key = refKey(timer.kind, timer.ref);
    let ids = this.byRef.get(key);
    if (!ids) {
      ids = new Set();
      this.byRef.set(key, ids);
    }
    ids.add(timer.timerId);
  }

  /** Takes the timer out; undefined when it is not pending. */
  remove(timerId: number): TimerRecord | undefined {
    const timer = this.byId.get(timerId);
    if (!timer) return undefined;
    if (this.ordered[0] === timer) this.ordered.shift();
    else this.ordered.splice(this.position(timer), 1);
    this.byId.delete(timerId);
    const key = refKey(timer.kind, timer.ref);
    const ids = this.byRef.get(key);
    ids?.delete(timerId);
    if (ids?.size === 0) this.byRef.delete(key);
    return timer;
  }

  /** The ids of the pending timers of `kind` with `ref`. */
  withRef(kind: string, ref: string): number[] {
    const ids = this.byRef.get(refKey(kind, ref));
    return ids ? [...ids] : [];
  }

  /** The first index whose timer does not run before `timer` (where it is, or would go). */
  private position(timer: TimerRecord): number {
    let lo = 0;
    let hi = this.ordered.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (runsBefore(this.ordered[mid] as TimerRecord, timer)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
