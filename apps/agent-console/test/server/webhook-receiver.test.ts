/**
 * The webhook takes Omni's notifications signed or not (TForge documents no signature): a signed
 * delivery is verified; an unsigned one is taken only with the endpoint URL's own key, and no
 * longer once Omni has signed one.
 *
 * @module
 */

import { NOTIFICATION_HEADERS, type Notification } from '@omnikit/contracts';
import { signNotification } from '@omnikit/sdk';
import { describe, expect, it } from 'vitest';
import { createWebhookReceiver } from '../../src/server/webhook-receiver.js';

const SECRET = 'the-console-secret';
const KEY = 'the-console-key';
const URL_WITH_KEY = `http://127.0.0.1:4020/webhooks/omni?key=${KEY}`;

const body = (n: number) =>
  JSON.stringify({
    type: 'agent_state',
    payload: {
      user_id: 1,
      campaign_id: 1,
      extension: '1001',
      agent_state: 'ready',
      previous_state: 'paused',
      pause_code: '',
      reason: 'agent',
      timestamp: `2026-01-05T08:00:0${n}.000Z`,
    },
  });

function receiver() {
  const received: Notification[] = [];
  const logs: string[] = [];
  const receive = createWebhookReceiver({
    secret: SECRET,
    key: KEY,
    now: Date.now,
    timeZone: undefined,
    onNotification: (n) => received.push(n),
    log: (m) => logs.push(m),
  });
  return { receive, received, logs };
}

async function post(
  receive: (r: Request) => Promise<Response>,
  url: string,
  n: number,
  secret?: string,
): Promise<number> {
  const text = body(n);
  const ts = Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    [NOTIFICATION_HEADERS.id]: `delivery-${n}`,
    [NOTIFICATION_HEADERS.timestamp]: String(ts),
  };
  if (secret !== undefined) headers[NOTIFICATION_HEADERS.signature] = await signNotification(text, secret, ts);
  return (await receive(new Request(url, { method: 'POST', headers, body: text }))).status;
}

const settle = () => new Promise((r) => setTimeout(r, 10));

describe('the console’s webhook', () => {
  it('takes an unsigned delivery with the URL’s key, and says once that Omni does not sign', async () => {
    const { receive, received, logs } = receiver();
    expect(await post(receive, URL_WITH_KEY, 1)).toBe(200);
    expect(await post(receive, URL_WITH_KEY, 2)).toBe(200);
    await settle();
    expect(received).toHaveLength(2);
    expect(logs.filter((l) => l.includes('unsigned'))).toHaveLength(1);
  });

  it('refuses an unsigned delivery without the key or with another one', async () => {
    const { receive, received } = receiver();
    expect(await post(receive, 'http://127.0.0.1:4020/webhooks/omni', 1)).toBe(401);
    expect(await post(receive, 'http://127.0.0.1:4020/webhooks/omni?key=guessed', 2)).toBe(401);
    expect(await post(receive, `http://127.0.0.1:4020/webhooks/omni?key=${KEY}x`, 3)).toBe(401);
    await settle();
    expect(received).toEqual([]);
  });

  it('verifies a signed delivery, and takes no unsigned one after Omni has signed', async () => {
    const { receive, received } = receiver();
    expect(await post(receive, URL_WITH_KEY, 1, 'not-the-secret')).toBe(401);
    expect(await post(receive, URL_WITH_KEY, 2, SECRET)).toBe(200);
    // This Omni signs: an unsigned delivery, key or not, is not from it.
    expect(await post(receive, URL_WITH_KEY, 3)).toBe(401);
    await settle();
    expect(received).toHaveLength(1);
  });
});
