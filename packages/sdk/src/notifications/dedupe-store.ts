/**
 * Remembers which deliveries were handled, by `X-Omni-Notification-Id` (the same on every retry of
 * one notification, B.7). Plug in a shared store (Redis `SET NX`, a database unique key) when
 * several processes receive the same webhook.
 *
 * @example
 * ```ts
 * import { createNotificationHandler, type DedupeStore } from '@omnikit/sdk';
 *
 * // Any store with an atomic "add if absent" fits; a Set stands in here for Redis `SET NX`.
 * const claimed = new Set<string>();
 * const store: DedupeStore = {
 *   claim(id) {
 *     if (claimed.has(id)) return false;
 *     claimed.add(id);
 *     return true;
 *   },
 *   release(id) {
 *     claimed.delete(id);
 *   },
 * };
 * const handler = createNotificationHandler({ secret: 'a-long-random-secret', store, onNotification: () => {} });
 * ```
 */
export interface DedupeStore {
  /** Records `id`; true the first time, false when it was already recorded. */
  claim(id: string): boolean | Promise<boolean>;
  /** Forgets `id`, so that a retry of a delivery whose handling failed is handled again. */
  release(id: string): void | Promise<void>;
}

/**
 * How long (by `now`) the default store keeps an id: Omni's retry schedule (B.7: 10 s, 30 s, 1 m,
 * 2 m, 5 m, 10 m, 20 m, 30 m, 60 m, each ±10%) spans about 2 h 9 min, 2 h 22 min at the most
 * jitter; three hours covers it with a margin. Inferred: the docs give the schedule, not a deadline.
 */
export const DEFAULT_DEDUPE_TTL_MS = 3 * 60 * 60 * 1000;

/**
 * The default store's safety net against unbounded memory: at the cap, about 45 MB of heap for
 * 36-character ids, up to about 130 MB for ids made by `crypto.randomUUID()`, which V8 keeps in a
 * larger form (Node 20). A 100-agent dialler sends about 35 000 notifications in two hours, so the cap is only
 * reached by a much busier endpoint; past it, ids are forgotten oldest first, before their time.
 */
export const DEFAULT_DEDUPE_MAX_ENTRIES = 250_000;

/**
 * How `createMemoryDedupeStore` bounds what it keeps.
 *
 * @example
 * ```ts
 * import { createMemoryDedupeStore, type MemoryDedupeStoreOptions } from '@omnikit/sdk';
 *
 * // A test clock: ids are kept for two hours of it, at most 1000 of them.
 * let clock = Date.parse('2026-01-05T08:00:00Z');
 * const options: MemoryDedupeStoreOptions = { ttlMs: 2 * 3600_000, maxEntries: 1000, now: () => clock };
 * const store = createMemoryDedupeStore(options);
 * store.claim('n-1');
 * clock += 3 * 3600_000;
 * console.log(store.claim('n-1')); // true: past its time, a new delivery
 * ```
 */
export interface MemoryDedupeStoreOptions {
  /**
   * How long an id is kept, in milliseconds of `now`: a delivery with the same id within it is a
   * duplicate. Default three hours (Omni retries for a little over two). `Infinity`: by count only.
   */
  readonly ttlMs?: number;
  /** At most this many ids (the oldest forgotten first, even within `ttlMs`). Default 250 000. */
  readonly maxEntries?: number;
  /** The clock `ttlMs` is measured by, epoch ms. Default `Date.now`. */
  readonly now?: () => number;
}

/**
 * The default store: in memory, each id kept for `ttlMs` (default three hours, the length of
 * Omni's retries with a margin), at most `maxEntries` ids (default 250 000, a safety net for
 * memory). Past the cap the oldest ids are forgotten early, and a retry of one of them would be
 * handled again: give a larger cap, or a shared store, to an endpoint busier than that.
 *
 * @example
 * ```ts
 * import { createMemoryDedupeStore, createNotificationHandler } from '@omnikit/sdk';
 *
 * const handler = createNotificationHandler({
 *   secret: 'a-long-random-secret',
 *   store: createMemoryDedupeStore({ maxEntries: 1_000_000 }),
 *   onNotification: (notification) => console.log(notification.type),
 * });
 * ```
 */
export function createMemoryDedupeStore(
  options: MemoryDedupeStoreOptions = {},
): DedupeStore & { readonly size: number } {
  const maxEntries = options.maxEntries ?? DEFAULT_DEDUPE_MAX_ENTRIES;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError('maxEntries must be a positive integer');
  const ttlMs = options.ttlMs ?? DEFAULT_DEDUPE_TTL_MS;
  if (typeof ttlMs !== 'number' || Number.isNaN(ttlMs) || ttlMs <= 0)
    throw new RangeError('ttlMs must be a number of milliseconds above 0 (Infinity: by count only)');
  const now = options.now ?? Date.now;
  // id → when it expires. A Map iterates in insertion order: with a clock that does not go back,
  // the first entry expires first.
  const seen = new Map<string, number>();
  const purge = (at: number) => {
    for (const [id, expires] of seen) {
      if (expires > at) break;
      seen.delete(id);
    }
  };
  return {
    claim(id) {
      const at = now();
      purge(at);
      const expires = seen.get(id);
      // Past its time but not purged yet (the clock went back for an entry behind it): new again.
      if (expires !== undefined && expires > at) return false;
      seen.delete(id);
      seen.set(id, at + ttlMs);
      if (seen.size > maxEntries) {
        const oldest = seen.keys().next().value;
        if (oldest !== undefined) seen.delete(oldest);
      }
      return true;
    },
    release(id) {
      seen.delete(id);
    },
    get size() {
      return seen.size;
    },
  };
}
