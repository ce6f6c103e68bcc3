/**
 * Walks a paged list of Omni's (`page` from 1, `page_size`, `total` and the page's items, as
 * `lists.leads`, `conversations.list` and `conversations.messages` answer) item by item, asking
 * for the next page only when the caller wants more.
 *
 * @module
 */

/** The paging fields every paged answer carries beside its items. */
interface PageFields {
  readonly page: number;
  readonly page_size: number;
  readonly total: number;
}

/**
 * How `paginate` walks: how many pages at most, and how to drop an item seen on an earlier page.
 *
 * @example
 * ```ts
 * import type { PaginateOptions } from '@omnikit/sdk';
 *
 * const options: PaginateOptions<{ conversation_id: number }> = {
 *   maxPages: 20,
 *   idOf: (conversation) => conversation.conversation_id,
 * };
 * ```
 */
export interface PaginateOptions<T> {
  /** Stop after this many pages (default: none, until the last page). */
  readonly maxPages?: number;
  /**
   * An item's identity. A list ordered newest first shifts while it is read (a new conversation
   * pushes the others one place down), so the next page may repeat the last item of this one:
   * with `idOf`, an item already handed over is not handed over again.
   */
  readonly idOf?: (item: T) => string | number;
}

/**
 * Every item of a paged list, page after page: `fetchPage(n)` asks for page `n` (from 1) with
 * whatever query and page size you choose, and the walk ends after the page that reaches `total`,
 * at an empty page, or after `maxPages`. Pages are fetched one at a time, as the loop asks for
 * more; breaking out of the loop fetches no more.
 *
 * @example
 * ```ts
 * import { OmniClient, paginate } from '@omnikit/sdk';
 *
 * const client = new OmniClient({ baseUrl: 'http://127.0.0.1:4010', systemKey: 'omni-demo-key' });
 * const agent = client.agent(await client.authorize('agent1', 'password1'));
 * const open = paginate(
 *   (page) => agent.conversations.list({ channel: 'whatsapp', conversation_state: 'assigned', page, page_size: 100 }),
 *   'conversations',
 *   { idOf: (c) => c.conversation_id },
 * );
 * for await (const conversation of open) console.log(conversation.conversation_id, conversation.unread_count);
 * ```
 */
export async function* paginate<K extends string, P extends PageFields & { readonly [F in K]: readonly unknown[] }>(
  fetchPage: (page: number) => Promise<P>,
  key: K,
  options: PaginateOptions<P[K][number]> = {},
): AsyncGenerator<P[K][number], void, undefined> {
  const maxPages = options.maxPages ?? Number.POSITIVE_INFINITY;
  if (!(maxPages >= 1)) throw new RangeError('paginate: maxPages must be at least 1');
  const seen = options.idOf ? new Set<string | number>() : undefined;
  let handed = 0;
  for (let n = 1; n <= maxPages; n++) {
    const page = await fetchPage(n);
    const items = page[key] as unknown;
    if (!Array.isArray(items)) throw new TypeError(`paginate: page ${n} has no array "${key}"`);
    for (const item of items as P[K][number][]) {
      if (seen && options.idOf) {
        const id = options.idOf(item);
        if (seen.has(id)) continue;
        seen.add(id);
      }
      handed++;
      yield item;
    }
    // The last page: nothing on it, or the pages so far cover the total the server counts.
    if (items.length === 0 || page.page * page.page_size >= page.total || handed >= page.total) return;
  }
}
