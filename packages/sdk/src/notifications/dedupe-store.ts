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
 * The default store: in memory, bounded. When full it forgets the oldest ids; a duplicate older
 * than the last `maxEntries` deliveries would be handled again, which Omni's retry schedule
 * (about two hours in all) makes unlikely at the default size.
 *
 * @example
 * ```ts
 * import { createMemoryDedupeStore, createNotificationHandler } from '@omnikit/sdk';
 *
 * const handler = createNotificationHandler({
 *   secret: 'a-long-random-secret',
 *   store: createMemoryDedupeStore({ maxEntries: 50_000 }),
 *   onNotification: (notification) => console.log(notification.type),
 * });
 * ```
 */
export function createMemoryDedupeStore(
  options: { maxEntries?: number } = {},
): DedupeStore & { readonly size: number } {
  const maxEntries = options.maxEntries ?? 10_000;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError('maxEntries must be a positive integer');
  const seen = new Set<string>();
  return {
    claim(id) {
      if (seen.has(id)) return false;
      seen.add(id);
      if (seen.size > maxEntries) {
        // A Set iterates in insertion order: the first entry is the oldest.
        const oldest = seen.values().next().value;
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
