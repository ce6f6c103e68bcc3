import { describe, expect, it, vi } from 'vitest';
import {
  createNotificationHandler,
  type Notification,
  NotificationSignatureError,
  signNotification,
  verifyNotification,
} from '../../src/index.js';
import { settle } from '../support/fake-fetch.js';
import { AGENT_STATE, CALL_STATE, CDR } from '../support/notifications.js';

const SECRET = 'whsec-0123456789';
const NOW = Date.parse('2026-11-24T10:00:00.000Z');
const TS = Math.floor(NOW / 1000);

async function signed(body: string, id: string | undefined, timestamp = TS): Promise<Record<string, string>> {
  return {
    ...(id === undefined ? {} : { 'X-Omni-Notification-Id': id }),
    'X-Omni-Timestamp': String(timestamp),
    'X-Omni-Signature': await signNotification(body, SECRET, timestamp),
  };
}

function post(handler: (r: Request) => Promise<Response>, body: BodyInit, headers: Record<string, string>) {
  return handler(new Request('http://crm.test/omni', { method: 'POST', body, headers, duplex: 'half' } as RequestInit));
}

describe('a notification type this sdk does not know yet', () => {
  it('is acknowledged (200) without reaching the callback, so Omni neither retries it nor holds back the call', async () => {
    const got: Notification[] = [];
    const handler = createNotificationHandler({
      secret: SECRET,
      now: () => NOW,
      onNotification: (n) => void got.push(n),
      onError: () => {}, // the broken cdr below is reported there
    });
    const future = JSON.stringify({ type: 'call_transfer', payload: { call_id: 41, to_user_id: 2 } });
    const res = await post(handler, future, await signed(future, 'f-1'));
    expect([res.status, await res.json()]).toEqual([200, { received: true, ignored: 'unknown_type' }]);
    // It is still verified first: a forged one is refused.
    const forged = await post(handler, future, {
      ...(await signed(future, 'f-2')),
      'X-Omni-Signature': `sha256=${'0'.repeat(64)}`,
    });
    expect(forged.status).toBe(401);
    // A known type that breaks its contract is acknowledged too (see receiver-invalid-payload);
    // a body with no type at all, or no payload, is not a notification: 400.
    const broken = JSON.stringify({ type: 'cdr', payload: {} });
    const brokenRes = await post(handler, broken, await signed(broken, 'f-3'));
    expect([brokenRes.status, await brokenRes.json()]).toEqual([200, { received: true, ignored: 'invalid_payload' }]);
    const payloadless = JSON.stringify({ type: 'cdr' });
    expect((await post(handler, payloadless, await signed(payloadless, 'f-3b'))).status).toBe(400);
    const untyped = JSON.stringify({ payload: {} });
    expect((await post(handler, untyped, await signed(untyped, 'f-4'))).status).toBe(400);
    const body = JSON.stringify(CALL_STATE);
    expect((await post(handler, body, await signed(body, 'f-5'))).status).toBe(200);
    await settle();
    expect(got).toEqual([CALL_STATE]);
  });
});

describe('a failure while reporting a failed callback', () => {
  it('never becomes an unhandled rejection (which ends a Node process) in fast-ack mode', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const reported: unknown[] = [];
      const releaseFails = createNotificationHandler({
        onNotification: () => {
          throw new Error('database down');
        },
        store: {
          claim: () => true,
          release: async () => {
            throw new Error('redis down');
          },
        },
        onError: (error) => void reported.push(error),
      });
      const body = JSON.stringify(CDR);
      expect((await post(releaseFails, body, { 'X-Omni-Notification-Id': 'c-1' })).status).toBe(200);
      const onErrorThrows = createNotificationHandler({
        onNotification: () => {
          throw new Error('database down');
        },
        onError: () => {
          throw new Error('the logger is broken');
        },
      });
      expect((await post(onErrorThrows, body, { 'X-Omni-Notification-Id': 'c-2' })).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
      // The callback's error is reported first, then the store's.
      expect(reported).toEqual([new Error('database down'), new Error('redis down')]);
      // An onError that throws: both errors go to console.error instead.
      expect(consoleError).toHaveBeenCalledWith(
        expect.stringMatching(/onError threw/),
        new Error('the logger is broken'),
        new Error('database down'),
      );
    } finally {
      consoleError.mockRestore();
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('with awaitHandler, a release that fails still answers 500 (Omni retries)', async () => {
    const handler = createNotificationHandler({
      awaitHandler: true,
      onNotification: () => {
        throw new Error('database down');
      },
      store: {
        claim: () => true,
        release: () => {
          throw new Error('redis down');
        },
      },
      onError: () => {},
    });
    expect((await post(handler, JSON.stringify(CDR), { 'X-Omni-Notification-Id': 'c-3' })).status).toBe(500);
  });
});

describe('awaitHandler and a retry that arrives while the first delivery is still being handled', () => {
  it('the retry gets the first one’s answer: a 500 when it failed, so the notification is not lost', async () => {
    let calls = 0;
    let fail = true;
    const handler = createNotificationHandler({
      secret: SECRET,
      now: () => NOW,
      awaitHandler: true,
      onError: () => {},
      onNotification: async () => {
        calls++;
        await new Promise((resolve) => setTimeout(resolve, 30));
        if (fail) throw new Error('database down');
      },
    });
    const body = JSON.stringify(CDR);
    const headers = await signed(body, 'a-1');
    const first = post(handler, body, headers);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const retry = post(handler, body, headers);
    expect([(await first).status, (await retry).status]).toEqual([500, 500]);
    expect(calls).toBe(1);
    // The next retry is handled again; one that overlaps a success is acknowledged as a duplicate.
    fail = false;
    const third = post(handler, body, headers);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const fourth = post(handler, body, headers);
    expect([(await third).status, (await fourth).status]).toEqual([200, 200]);
    expect(await (await fourth).json()).toEqual({ received: true, duplicate: true });
    expect(calls).toBe(2);
  });
});

describe('an empty X-Omni-Notification-Id', () => {
  it('is no id: two different notifications with an empty id are both handled', async () => {
    const got: Notification[] = [];
    const handler = createNotificationHandler({
      secret: SECRET,
      now: () => NOW,
      onNotification: (n) => void got.push(n),
    });
    const a = JSON.stringify(CALL_STATE);
    const b = JSON.stringify(AGENT_STATE);
    await post(handler, a, await signed(a, ''));
    const second = await post(handler, b, await signed(b, ' '));
    expect(await second.json()).toEqual({ received: true });
    // A repeat is still recognised, by its content.
    expect(await (await post(handler, b, await signed(b, ''))).json()).toEqual({ received: true, duplicate: true });
    await settle();
    expect(got).toEqual([CALL_STATE, AGENT_STATE]);
  });
});

describe('the body limit of the web-standard handler', () => {
  it('stops reading a streamed (chunked) body once it passes maxBodyBytes, and answers 413', async () => {
    // 32 MiB in 16 KiB chunks, as a chunked upload arrives (no Content-Length to refuse it by).
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(16 * 1024));
        if (pulled === 2048) controller.close();
      },
    });
    const handler = createNotificationHandler({ maxBodyBytes: 64 * 1024, onNotification: () => {} });
    const res = await post(handler, endless, { 'X-Omni-Notification-Id': 'big-1' });
    expect(res.status).toBe(413);
    expect(pulled).toBeLessThan(10);
  });
});

describe('options that would quietly turn a check off', () => {
  it('a toleranceSeconds or maxBodyBytes that is NaN, negative or a string is a TypeError naming it', () => {
    const make = (extra: object) => () => createNotificationHandler({ onNotification: () => {}, ...extra });
    expect(make({ toleranceSeconds: Number(undefined) })).toThrow(
      /createNotificationHandler: toleranceSeconds must be/,
    );
    expect(make({ toleranceSeconds: -1 })).toThrow(TypeError);
    expect(make({ toleranceSeconds: '60' })).toThrow(TypeError);
    expect(make({ maxBodyBytes: Number.NaN })).toThrow(/maxBodyBytes must be/);
    expect(make({ maxBodyBytes: 0 })).toThrow(TypeError);
    expect(make({ toleranceSeconds: 0, maxBodyBytes: 1 })).not.toThrow();
    expect(make({ toleranceSeconds: Number.POSITIVE_INFINITY })).not.toThrow();
  });

  it('verifyNotification refuses a NaN tolerance instead of accepting a day-old delivery', async () => {
    const body = JSON.stringify(CDR);
    const old = TS - 86_400;
    const headers = await signed(body, 'o-1', old);
    await expect(
      verifyNotification(body, headers, SECRET, { now: () => NOW, toleranceSeconds: Number.NaN }),
    ).rejects.toThrow(TypeError);
  });

  it('an empty secret is a TypeError when the handler is made, not a failure of every delivery', async () => {
    expect(() => createNotificationHandler({ secret: '', onNotification: () => {} })).toThrow(
      /createNotificationHandler: secret must be a non-empty string/,
    );
    const body = JSON.stringify(CDR);
    await expect(verifyNotification(body, await signed(body, 's-1'), '', { now: () => NOW })).rejects.toThrow(
      /secret must be a non-empty string/,
    );
  });
});

describe('verifyNotification and a body a framework has already parsed', () => {
  it('says to pass the raw body, instead of calling a genuine delivery a mismatch', async () => {
    const body = JSON.stringify(CDR);
    const headers = await signed(body, 'p-1');
    const error = await verifyNotification(JSON.parse(body) as string, headers, SECRET, { now: () => NOW }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TypeError);
    expect(error).not.toBeInstanceOf(NotificationSignatureError);
    expect((error as Error).message).toMatch(/raw body/);
    // A Node Buffer and an ArrayBuffer are raw bodies.
    await expect(verifyNotification(Buffer.from(body), headers, SECRET, { now: () => NOW })).resolves.toBeUndefined();
    const bytes = new TextEncoder().encode(body);
    await expect(
      verifyNotification(bytes.buffer as ArrayBuffer, headers, SECRET, { now: () => NOW }),
    ).resolves.toBeUndefined();
  });
});
