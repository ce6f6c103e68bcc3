import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
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

/** What a body parser (express.json(), express.raw()) does before the route: read the stream, set req.body. */
function afterBodyParser(listener: ReturnType<typeof toNodeListener>, parse: (raw: Buffer) => unknown) {
  return (req: IncomingMessage, res: Parameters<ReturnType<typeof toNodeListener>>[1]) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      (req as IncomingMessage & { body?: unknown }).body = parse(Buffer.concat(chunks));
      listener(req, res);
    });
  };
}

describe('toNodeListener behind a body parser that has already read the request', () => {
  it('answers at once with a 500 that says why, instead of waiting forever for a body already read', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const handler = createNotificationHandler({ secret: SECRET, onNotification: () => {} });
      const url = await start(afterBodyParser(toNodeListener(handler), (raw) => JSON.parse(raw.toString('utf8'))));
      const res = await Promise.race([
        deliver(url, JSON.stringify(CALL_STATE), 'p-1'),
        new Promise<'no answer'>((resolve) => setTimeout(() => resolve('no answer'), 2000)),
      ]);
      if (res === 'no answer') throw new Error('no answer within 2 s');
      expect(res.status).toBe(500);
      expect(await res.json()).toMatchObject({ error: 'body_already_read', detail: expect.stringMatching(/raw/) });
      expect(consoleError).toHaveBeenCalledTimes(1);
    } finally {
      consoleError.mockRestore();
    }
  });

  it('takes the raw bytes a parser kept (express.raw(): a Buffer in req.body) and verifies them', async () => {
    const got: Notification[] = [];
    const handler = createNotificationHandler({ secret: SECRET, onNotification: (n) => void got.push(n) });
    const url = await start(afterBodyParser(toNodeListener(handler), (raw) => raw));
    const res = await deliver(url, JSON.stringify(SHOTGUN_RESULT), 'p-2');
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 10));
    expect(got).toEqual([SHOTGUN_RESULT]);
  });
});

describe('toNodeListener and bad input', () => {
  it('a maxBodyBytes that is NaN or below 1 is a TypeError, never no limit', () => {
    const handler = async () => new Response(null);
    expect(() => toNodeListener(handler, { maxBodyBytes: Number(undefined) })).toThrow(
      /toNodeListener: maxBodyBytes must be/,
    );
    expect(() => toNodeListener(handler, { maxBodyBytes: 0 })).toThrow(TypeError);
  });

  it('a Host header that makes no URL is a 400, not a 500', async () => {
    const url = await start(toNodeListener(async () => new Response('ok')));
    const { port } = new URL(url);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1');
      let text = '';
      socket.on('data', (d) => {
        text += d.toString();
      });
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
      socket.write('POST / HTTP/1.1\r\nHost: a b\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}');
    });
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
  });
});
