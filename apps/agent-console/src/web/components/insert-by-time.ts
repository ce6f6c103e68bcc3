/**
 * The feed's order: by the Omni system's time each notification carries, not by when it reached
 * the browser (Omni delivers a call's notifications in order, but different calls' independently,
 * and a retried delivery comes late). Equal times keep their arrival order; a line without a
 * readable time goes after the others, in arrival order.
 *
 * @module
 */

export interface Timed {
  /** Milliseconds since the epoch on the Omni system's clock, NaN when the notification had none. */
  at: number;
}

/** `items` (already in order) with `item` put in its place, keeping at most `limit` (the newest). */
export function insertByTime<T extends Timed>(items: readonly T[], item: T, limit: number): T[] {
  let index = items.length;
  if (!Number.isNaN(item.at)) {
    while (index > 0) {
      const before = items[index - 1] as T;
      if (!Number.isNaN(before.at) && before.at <= item.at) break;
      index -= 1;
    }
  }
  const next = [...items.slice(0, index), item, ...items.slice(index)];
  return next.length > limit ? next.slice(next.length - limit) : next;
}
