import { describe, expect, it } from 'vitest';
import { paginate } from '../src/index.js';

interface Page {
  page: number;
  page_size: number;
  total: number;
  conversations: { conversation_id: number }[];
}

/** A server's paged list of `ids`, in that order, counting the pages asked for. */
function pagedList(ids: () => number[], pageSize: number) {
  const asked: number[] = [];
  const fetchPage = async (page: number): Promise<Page> => {
    asked.push(page);
    const all = ids();
    const start = (page - 1) * pageSize;
    return {
      page,
      page_size: pageSize,
      total: all.length,
      conversations: all.slice(start, start + pageSize).map((conversation_id) => ({ conversation_id })),
    };
  };
  return { fetchPage, asked };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('paginate', () => {
  it('hands over every item, page after page, and asks for no page past the total', async () => {
    const list = pagedList(() => range(1, 12), 5);
    const ids = (await collect(paginate(list.fetchPage, 'conversations'))).map((c) => c.conversation_id);
    expect(ids).toEqual(range(1, 12));
    expect(list.asked).toEqual([1, 2, 3]);
  });

  it('asks for one page when the first holds everything, and ends at an empty page', async () => {
    const exact = pagedList(() => range(1, 5), 5);
    expect(await collect(paginate(exact.fetchPage, 'conversations'))).toHaveLength(5);
    expect(exact.asked).toEqual([1]);
    const empty = pagedList(() => [], 5);
    expect(await collect(paginate(empty.fetchPage, 'conversations'))).toEqual([]);
    expect(empty.asked).toEqual([1]);
  });

  it('fetches lazily: breaking out of the loop asks for no more pages', async () => {
    const list = pagedList(() => range(1, 100), 10);
    for await (const c of paginate(list.fetchPage, 'conversations')) if (c.conversation_id === 12) break;
    expect(list.asked).toEqual([1, 2]);
  });

  it('stops after maxPages, and refuses a maxPages below 1', async () => {
    const list = pagedList(() => range(1, 100), 10);
    expect(await collect(paginate(list.fetchPage, 'conversations', { maxPages: 3 }))).toHaveLength(30);
    expect(list.asked).toEqual([1, 2, 3]);
    await expect(collect(paginate(list.fetchPage, 'conversations', { maxPages: 0 }))).rejects.toThrow(RangeError);
  });

  it('with idOf, an item a shifting list repeats on the next page is handed over once', async () => {
    // Newest first: a new conversation (13) arrives after page 1 is read, pushing 8 onto page 2.
    let ids = range(1, 12).reverse();
    const list = pagedList(() => ids, 5);
    const seen: number[] = [];
    for await (const c of paginate(list.fetchPage, 'conversations', { idOf: (x) => x.conversation_id })) {
      seen.push(c.conversation_id);
      if (seen.length === 5) ids = [13, ...ids];
    }
    expect(seen).toEqual(range(1, 12).reverse());
    const withoutId = pagedList(() => ids, 5);
    ids = range(1, 12).reverse();
    const repeated: number[] = [];
    for await (const c of paginate(withoutId.fetchPage, 'conversations')) {
      repeated.push(c.conversation_id);
      if (repeated.length === 5) ids = [13, ...ids];
    }
    expect(repeated.filter((id) => id === 8)).toHaveLength(2);
  });

  it('says which page lacks the items it was told to read', async () => {
    const broken = async (page: number) => ({ page, page_size: 5, total: 9, conversations: 'none' as unknown as [] });
    await expect(collect(paginate(broken, 'conversations'))).rejects.toThrow('page 1 has no array "conversations"');
  });
});
