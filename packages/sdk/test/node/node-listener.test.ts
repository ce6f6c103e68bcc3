import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createNotificationHandler, type Notification, signNotification } from '../../src/index.js';
import { toNodeListener } from '../../src/node/index.js';
import { CALL_STATE, SHOTGUN_RESULT } from '../support/notifications.js';

const SECRET = 'node-secret-123';
let server: Server | undefined;

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function start(listener: ReturnType<typeof toNodeListener>): Promise<string> {
  server = createServer(listener);
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function deliver(url: string, body: string, id: string, secret = SECRET) {
  const timestamp = Math.floor(Date.now() / 1000);
  return fetch(`${url}/webhooks/omni`, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'X-Omni-Notification-Id': id,
      'X-Omni-Timestamp': String(timestamp),
      'X-Omni-Signature': await signNotification(body, secret, timestamp),
    },
  });
}

describe('toNodeListener over real HTTP', () => {
  it('receives signed notifications, drops a duplicate, refuses a forgery', async () => {
    const got: Notification[] = [];
    const url = await start(
      toNodeListener(createNotificationHandler({ secret: SECRET, onNotification: (n) => void got.push(n) })),
    );
    const body = JSON.stringify(CALL_STATE);
    const first = await deliver(url, body, 'h-1');
    expect([first.status, await first.json()]).toEqual([200, { received: true }]);
    const again = await deliver(url, body, 'h-1');
    expect(await again.json()).toEqual({ received: true, duplicate: true });
    const other = JSON.stringify(SHOTGUN_RESULT);
    expect((await deliver(url, other, 'h-2')).status).toBe(200);
    const forged = await deliver(url, other, 'h-3', 'not-the-secret');
    expect([forged.status, await forged.json()]).toEqual([401, { error: 'mismatch' }]);
    await new Promise((r) => setTimeout(r, 10));
    expect(got).toEqual([CALL_STATE, SHOTGUN_RESULT]);
  });

  it('keeps the raw bytes exact (multi-byte text) and refuses oversized bodies with 413', async () => {
    const got: Notification[] = [];
    const url = await start(
      toNodeListener(createNotificationHandler({ secret: SECRET, onNotification: (n) => void got.push(n) }), {
        maxBodyBytes: 2048,
      }),
    );
    const accented = { ...CALL_STATE, payload: { ...CALL_STATE.payload, unique_id: 'Zoë — 東京' } };
    const res = await deliver(url, JSON.stringify(accented), 'u-1');
    expect(res.status).toBe(200);
    const big = await deliver(url, JSON.stringify({ pad: 'x'.repeat(5000) }), 'u-2');
    expect(big.status).toBe(413);
    await new Promise((r) => setTimeout(r, 10));
    expect(got).toEqual([accented]);
  });

  it('answers 500 when the web handler throws', async () => {
    const url = await start(
      toNodeListener(async () => {
        throw new Error('bug');
      }),
    );
    const res = await fetch(url, { method: 'POST', body: '{}' });
    expect(res.status).toBe(500);
  });
});
