import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createNotificationHandler,
  type Notification,
  type NotificationHandlerOptions,
  NotificationParseError,
  signNotification,
  type UnrecognizedNotification,
} from '../../src/index.js';
import { toNodeListener } from '../../src/node/index.js';
import { CALL_STATE } from '../support/notifications.js';

const SECRET = 'invalid-payload-secret';
let server: Server | undefined;

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function start(options: NotificationHandlerOptions): Promise<string> {
  server = createServer(toNodeListener(createNotificationHandler(options)));
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/omni`;
}

async function deliver(url: string, body: string, id: string, secret = SECRET) {
  const timestamp = Math.floor(Date.now() / 1000);
  const res = await fetch(url, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'X-Omni-Notification-Id': id,
      'X-Omni-Timestamp': String(timestamp),
      'X-Omni-Signature': await signNotification(body, secret, timestamp),
    },
  });
  return [res.status, await res.json()] as const;
}

const tick = () => new Promise((r) => setTimeout(r, 20));
// A value Omni may add to the call_state enum after this sdk was built.
const TRANSFERRING = JSON.stringify({ ...CALL_STATE, payload: { ...CALL_STATE.payload, call_state: 'transferring' } });

describe('a known type whose payload fails its schema, over real HTTP', () => {
  it('is acknowledged 200 (so Omni stops retrying) and handed to onUnrecognized with the body and the issues', async () => {
    const got: Notification[] = [];
    const unrecognized: UnrecognizedNotification[] = [];
    const ids: (string | undefined)[] = [];
    const url = await start({
      secret: SECRET,
      onNotification: (n) => void got.push(n),
      onUnrecognized: (u, delivery) => {
        unrecognized.push(u);
        ids.push(delivery.id);
      },
    });
    expect(await deliver(url, TRANSFERRING, 't-1')).toEqual([200, { received: true, ignored: 'invalid_payload' }]);
    // Omni may still deliver it twice: handed over once.
    expect(await deliver(url, TRANSFERRING, 't-1')).toEqual([200, { received: true, duplicate: true }]);
    // Signature first, as for every delivery: a forged one is refused and reaches no callback.
    expect(await deliver(url, TRANSFERRING, 't-2', 'not-the-secret')).toEqual([401, { error: 'mismatch' }]);
    // Not a notification at all stays a 400: not JSON, no type, no payload.
    expect((await deliver(url, 'not json', 't-3'))[0]).toBe(400);
    expect((await deliver(url, JSON.stringify({ payload: {} }), 't-4'))[0]).toBe(400);
    expect((await deliver(url, JSON.stringify({ type: 'call_state' }), 't-5'))[0]).toBe(400);
    // An unknown type reaches the same callback, told apart by its reason.
    const future = JSON.stringify({ type: 'call_transfer', payload: { call_id: 41 } });
    expect(await deliver(url, future, 't-6')).toEqual([200, { received: true, ignored: 'unknown_type' }]);
    await tick();
    expect(got).toEqual([]);
    expect(ids).toEqual(['t-1', 't-6']);
    expect(unrecognized[0]).toMatchObject({
      reason: 'invalid_payload',
      type: 'call_state',
      body: JSON.parse(TRANSFERRING),
      raw: TRANSFERRING,
    });
    expect(unrecognized[0]?.issues.map((i) => i.path)).toEqual(['payload.call_state']);
    expect(unrecognized[1]).toMatchObject({ reason: 'unknown_type', type: 'call_transfer', issues: [] });
  });

  it('without onUnrecognized is still acknowledged, and reported to onError rather than lost silently', async () => {
    const errors: unknown[] = [];
    const got: Notification[] = [];
    const url = await start({
      secret: SECRET,
      onNotification: (n) => void got.push(n),
      onError: (error) => void errors.push(error),
    });
    expect(await deliver(url, TRANSFERRING, 'u-1')).toEqual([200, { received: true, ignored: 'invalid_payload' }]);
    expect(await deliver(url, JSON.stringify(CALL_STATE), 'u-2')).toEqual([200, { received: true }]);
    await tick();
    expect(got).toEqual([CALL_STATE]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(NotificationParseError);
    expect((errors[0] as NotificationParseError).issues.map((i) => i.path)).toEqual(['payload.call_state']);
  });

  it('with awaitHandler, a failing onUnrecognized answers 500 so Omni retries it', async () => {
    let fail = true;
    const url = await start({
      secret: SECRET,
      awaitHandler: true,
      onNotification: () => {},
      onUnrecognized: () => {
        if (fail) throw new Error('crm down');
      },
      onError: () => {},
    });
    expect(await deliver(url, TRANSFERRING, 'w-1')).toEqual([500, { error: 'handler_failed' }]);
    fail = false;
    expect(await deliver(url, TRANSFERRING, 'w-1')).toEqual([200, { received: true, ignored: 'invalid_payload' }]);
  });
});
