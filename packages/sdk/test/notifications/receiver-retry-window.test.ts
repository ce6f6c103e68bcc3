import { describe, expect, it } from 'vitest';
import { createMemoryDedupeStore, createNotificationHandler, type Notification } from '../../src/index.js';
import { settle } from '../support/fake-fetch.js';
import { CALL_STATE } from '../support/notifications.js';

const HOUR = 3_600_000;

function post(handler: (r: Request) => Promise<Response>, id: string) {
  return handler(
    new Request('http://crm.test/omni', {
      method: 'POST',
      body: JSON.stringify(CALL_STATE),
      headers: { 'X-Omni-Notification-Id': id },
    }),
  );
}

describe('the default dedupe store keeps ids for Omni’s retry window, not the last 10 000', () => {
  it('drops a retry that comes within two hours after more than 10 000 other deliveries; accepts it after the window', async () => {
    let clock = Date.parse('2026-01-05T08:00:00.000Z');
    const got: Notification[] = [];
    const handler = createNotificationHandler({ now: () => clock, onNotification: (n) => void got.push(n) });
    expect(await (await post(handler, 'first')).json()).toEqual({ received: true });
    // A busy centre: 12 000 other notifications over the next 1 h 50 min.
    for (let i = 0; i < 12_000; i++) {
      clock += 550;
      expect((await post(handler, `other-${i}`)).status).toBe(200);
    }
    clock += 5 * 60_000; // Omni's 60-minute retry, late: 1 h 55 min after the first attempt
    expect(await (await post(handler, 'first')).json()).toEqual({ received: true, duplicate: true });
    clock += 3 * HOUR; // long past every retry: an id is not kept for ever
    expect(await (await post(handler, 'first')).json()).toEqual({ received: true });
    await settle();
    expect(got).toHaveLength(12_002);
  });

  it('forgets an id after ttlMs by its clock, and beyond maxEntries oldest first', () => {
    let clock = 0;
    const store = createMemoryDedupeStore({ now: () => clock, ttlMs: 2 * HOUR, maxEntries: 3 });
    expect(store.claim('a')).toBe(true);
    clock = 2 * HOUR - 1;
    expect(store.claim('a')).toBe(false);
    clock = 2 * HOUR;
    expect(store.claim('a')).toBe(true); // expired: a new delivery
    expect([store.claim('b'), store.claim('c'), store.claim('d')]).toEqual([true, true, true]);
    expect(store.size).toBe(3);
    expect(store.claim('a')).toBe(true); // the cap forgot the oldest, 'a', early
    expect(store.claim('d')).toBe(false);
    clock += 2 * HOUR;
    expect(store.claim('e')).toBe(true);
    expect(store.size).toBe(1); // the expired ones are gone, not only hidden
    expect(() => createMemoryDedupeStore({ ttlMs: 0 })).toThrow(RangeError);
    expect(() => createMemoryDedupeStore({ ttlMs: Number.NaN })).toThrow(RangeError);
  });
});
