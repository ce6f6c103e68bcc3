import { describe, expect, it } from 'vitest';
import { createNotificationIdSource } from '../../src/notify/notification-id.js';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('notification ids (UUID version 7)', () => {
  it('are version-7 UUIDs whose first 48 bits are the wall-clock millisecond', () => {
    const id = createNotificationIdSource(() => 0x0190_1234_5678)();
    expect(id).toMatch(V7);
    expect(id.slice(0, 13)).toBe('01901234-5678');
  });

  it('only grow, within one millisecond, across 4,096 ids of it, and when the clock steps back', () => {
    let wall = 1_700_000_000_000;
    const next = createNotificationIdSource(() => wall);
    const ids: string[] = [];
    for (let i = 0; i < 5_000; i++) ids.push(next());
    wall -= 10_000;
    for (let i = 0; i < 10; i++) ids.push(next());
    wall += 60_000;
    ids.push(next());
    for (const id of ids) expect(id).toMatch(V7);
    const sorted = [...ids].sort();
    expect(sorted).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('differ between two sources on the same millisecond (random tail)', () => {
    const a = createNotificationIdSource(() => 5)();
    const b = createNotificationIdSource(() => 5)();
    expect(a.slice(0, 18)).toBe(b.slice(0, 18));
    expect(a).not.toBe(b);
  });
});
