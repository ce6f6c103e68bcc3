/**
 * Timeouts for many requests on one timer. Arming and clearing a `setTimeout` per request costs
 * more than the rest of the sdk's work on a fast loopback call (Node keeps one timer list per
 * duration and tears it down whenever it empties), so requests register a deadline here instead:
 * adding and removing one is a Map operation, and one timer, armed for the earliest deadline,
 * wakes up to fire the deadlines that have passed and re-arms for the next one. A deadline that
 * was removed simply is not there when the timer wakes. The timer is unref'd where the runtime
 * allows it: a pending request keeps a Node process alive through its socket, not through this.
 *
 * @module
 */

/** One timer for many deadlines. */
export interface DeadlineTimer {
  /** Calls `onExpire` after `ms` unless the returned function is called first. */
  add(ms: number, onExpire: () => void): () => void;
}

export function createDeadlineTimer(now: () => number = Date.now): DeadlineTimer {
  const entries = new Map<number, { at: number; onExpire: () => void }>();
  let nextId = 0;
  let armedAt = Number.POSITIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const arm = (at: number) => {
    if (timer !== undefined) clearTimeout(timer);
    armedAt = at;
    timer = setTimeout(wake, Math.max(0, at - now()));
    (timer as { unref?: () => void }).unref?.();
  };

  const wake = () => {
    timer = undefined;
    armedAt = Number.POSITIVE_INFINITY;
    const t = now();
    let earliest = Number.POSITIVE_INFINITY;
    const due: Array<() => void> = [];
    for (const [id, entry] of entries) {
      if (entry.at <= t) {
        entries.delete(id);
        due.push(entry.onExpire);
      } else if (entry.at < earliest) {
        earliest = entry.at;
      }
    }
    if (earliest !== Number.POSITIVE_INFINITY) arm(earliest);
    for (const fire of due) fire();
  };

  return {
    add(ms, onExpire) {
      const id = nextId++;
      const at = now() + ms;
      entries.set(id, { at, onExpire });
      if (at < armedAt) arm(at);
      return () => {
        entries.delete(id);
      };
    },
  };
}
