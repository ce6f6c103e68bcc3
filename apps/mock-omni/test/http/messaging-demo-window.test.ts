/**
 * The demo's WhatsApp customer (conversation 1) wrote at the seed's instant: its 24-hour window closes on the system's
 * clock with a `conversation_window` notification, as a conversation a customer's message opened through the API
 * does, in a new system and after a reset.
 */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockOmni } from '../../src/index.js';
import { type OmniTestClient, startMock } from '../support/omni-client.js';

let mock: MockOmni;
let c: OmniTestClient;

beforeEach(async () => {
  ({ mock, client: c } = await startMock());
});
afterEach(async () => {
  await mock.close();
});

const DAY = 24 * 3_600_000;

/** The `conversation_window` notifications that closed a window: [conversation, expiry, notified at]. */
async function closedWindows(): Promise<[number, string, string][]> {
  const res = await c.request('GET', '/__mock/webhook/deliveries?limit=1000&type=conversation_window');
  expect(res.status).toBe(200);
  // biome-ignore lint/suspicious/noExplicitAny: notifications are read loosely and asserted field by field.
  return (res.body.deliveries as any[])
    .map((d) => d.notification.payload)
    .filter((p) => p.window_state === 'closed')
    .reverse()
    .map((p) => [p.conversation_id, p.window_expires_at, p.timestamp]);
}

describe('the seeded WhatsApp conversation’s window', () => {
  it('closes 24 h after the seed with conversation_window closed, like one a customer’s message opened', async () => {
    const token = await c.login('agent1');
    const seeded = await c.request('GET', '/omni/messaging/conversations/1', { token });
    expect(seeded.body).toMatchObject({ channel: 'whatsapp', window_expires_at: '2026-01-06T08:00:00.000Z' });
    const opened = await c.request('POST', '/__mock/messages/inbound', {
      body: { channel: 'whatsapp', from: '0831234567', body: 'Hello' },
    });
    expect(opened.status).toBe(200);

    await c.advance(DAY - 1);
    expect(await closedWindows()).toEqual([]);
    await c.advance(1);
    expect(await closedWindows()).toEqual([
      [1, '2026-01-06T08:00:00.000Z', '2026-01-06T08:00:00.000Z'],
      [opened.body.conversation_id, '2026-01-06T08:00:00.000Z', '2026-01-06T08:00:00.000Z'],
    ]);
  });

  it('the customer writing again moves it: one closing, 24 h after the last message', async () => {
    await c.advance(3_600_000);
    await c.request('POST', '/__mock/messages/inbound', {
      body: { channel: 'whatsapp', from: '0800666003', body: 'Any news on 4471?' },
    });
    await c.advance(DAY);
    expect(await closedWindows()).toEqual([[1, '2026-01-06T09:00:00.000Z', '2026-01-06T09:00:00.000Z']]);
  });

  it('a reset seeds it again with its window timer', async () => {
    await c.advance(3_600_000);
    expect((await c.request('POST', '/__mock/system/reset', { body: {} })).status).toBe(200);
    await c.advance(DAY);
    expect(await closedWindows()).toEqual([[1, '2026-01-06T08:00:00.000Z', '2026-01-06T08:00:00.000Z']]);
  });
});
