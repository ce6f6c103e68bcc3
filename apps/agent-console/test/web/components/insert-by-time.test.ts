import { describe, expect, it } from 'vitest';
import { insertByTime } from '../../../src/web/components/insert-by-time.js';

const item = (name: string, at: number) => ({ name, at });
const names = (items: { name: string }[]) => items.map((i) => i.name).join(' ');

describe('the feed’s order', () => {
  it('orders by the Omni system’s time, not by arrival', () => {
    let feed: { name: string; at: number }[] = [];
    for (const next of [item('b', 2000), item('d', 4000), item('a', 1000), item('c', 3000)])
      feed = insertByTime(feed, next, 100);
    expect(names(feed)).toBe('a b c d');
  });

  it('keeps arrival order for equal times, and puts a line without a time last', () => {
    let feed: { name: string; at: number }[] = [];
    for (const next of [item('first', 5000), item('none', Number.NaN), item('second', 5000), item('early', 10)])
      feed = insertByTime(feed, next, 100);
    expect(names(feed)).toBe('early first second none');
  });

  it('keeps the newest lines within the limit', () => {
    let feed: { name: string; at: number }[] = [];
    for (const [i, at] of [30, 10, 40, 20].entries()) feed = insertByTime(feed, item(`n${i}`, at), 3);
    expect(names(feed)).toBe('n3 n0 n2');
  });
});
