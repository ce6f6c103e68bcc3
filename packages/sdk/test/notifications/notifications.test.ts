import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  createMemoryDedupeStore,
  createNotificationHandler,
  type DeliveryInfo,
  type Notification,
  NotificationParseError,
  NotificationSignatureError,
  parseNotification,
  signNotification,
  verifyNotification,
} from '../../src/index.js';
import { settle } from '../support/fake-fetch.js';
import { ALL, CDR, INBOUND } from '../support/notifications.js';

const SECRET = 'whsec-0123456789';
const NOW = Date.parse('2026-11-24T10:00:00.000Z');
const TS = Math.floor(NOW / 1000);

async function signedHeaders(body: string, timestamp = TS, secret = SECRET, id = 'n-1') {
  return {
    'X-Omni-Notification-Id': id,
    'X-Omni-Timestamp': String(timestamp),
    'X-Omni-Signature': await signNotification(body, secret, timestamp),
  };
}

describe('parseNotification', () => {
  for (const sample of ALL) {
    it(`parses ${sample.type} from text, bytes and objects`, () => {
      const text = JSON.stringify(sample);
      expect(parseNotification(text)).toEqual(sample);
      expect(parseNotification(new TextEncoder().encode(text))).toEqual(sample);
      expect(parseNotification(JSON.parse(text))).toEqual(sample);
    });
  }

  it('keeps the documented misspelling dispostion_code, typed', () => {
    const n = parseNotification(JSON.stringify(CDR));
    if (n.type !== 'cdr') throw new Error('expected a cdr');
    expectTypeOf(n.payload.dispostion_code).toEqualTypeOf<string>();
    expect(n.payload.dispostion_code).toBe('SALE');
    expect('disposition_code' in n.payload).toBe(false);
  });

  it('accepts the CDR variants reference_id, end_time_time and wrapup_time', () => {
    const { unique_id, end_date_time, wrap_time, ...rest } = CDR.payload;
    const variant = {
      type: 'cdr',
      payload: { ...rest, reference_id: unique_id, end_time_time: end_date_time, wrapup_time: wrap_time },
    };
    expect(parseNotification(JSON.stringify(variant))).toEqual(CDR);
  });

  it('accepts the inbound variants unique_id and number_called', () => {
    const { reference_id, DNIS, ...rest } = INBOUND.payload;
    const variant = { type: 'inbound', payload: { ...rest, unique_id: reference_id, number_called: DNIS } };
    expect(parseNotification(variant)).toEqual(INBOUND);
  });

  it('narrows on type', () => {
    const n: Notification = parseNotification(INBOUND);
    if (n.type === 'inbound') expectTypeOf(n.payload.DNIS).toEqualTypeOf<string>();
    expect(n.type).toBe('inbound');
  });

  it('rejects what is not a notification, saying where', () => {
    expect(() => parseNotification('{not json')).toThrow(NotificationParseError);
    expect(() => parseNotification({ type: 'weather', payload: {} })).toThrow(NotificationParseError);
    const missing = { type: 'cdr', payload: { ...CDR.payload, call_id: 'x' } };
    const error = (() => {
      try {
        parseNotification(missing);
      } catch (e) {
        return e as NotificationParseError;
      }
      throw new Error('no error');
    })();
    expect(error.message).toMatch(/'cdr'.*payload\.call_id/);
    expect(error.issues[0]?.path).toBe('payload.call_id');
  });
});

describe('verifyNotification', () => {
  const body = JSON.stringify(CDR);

  it('accepts a genuine delivery (headers as Headers or a Node-style record)', async () => {
    const headers = await signedHeaders(body);
    await expect(verifyNotification(body, new Headers(headers), SECRET, { now: () => NOW })).resolves.toBeUndefined();
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    await expect(
      verifyNotification(new TextEncoder().encode(body), lower, SECRET, { now: () => NOW }),
    ).resolves.toBeUndefined();
  });

  it('matches an HMAC-SHA256 computed independently (node:crypto)', async () => {
    const { createHmac } = await import('node:crypto');
    const hex = createHmac('sha256', SECRET).update(`${TS}.${body}`).digest('hex');
    expect(await signNotification(body, SECRET, TS)).toBe(`sha256=${hex}`);
  });

  const cases: Array<[string, () => Promise<[string, Record<string, string>]>, string]> = [
    ['a tampered body', async () => [body.replace('SALE', 'NI'), await signedHeaders(body)], 'mismatch'],
    [
      'a tampered timestamp',
      async () => [body, { ...(await signedHeaders(body)), 'X-Omni-Timestamp': String(TS + 1) }],
      'mismatch',
    ],
    ['another secret', async () => [body, await signedHeaders(body, TS, 'another-secret')], 'mismatch'],
    ['a stale timestamp (301 s old)', async () => [body, await signedHeaders(body, TS - 301)], 'stale_timestamp'],
    [
      'a timestamp from the future (301 s ahead)',
      async () => [body, await signedHeaders(body, TS + 301)],
      'stale_timestamp',
    ],
    [
      'no signature',
      async () => [body, { 'X-Omni-Timestamp': String(TS), 'X-Omni-Notification-Id': 'n' }],
      'missing_signature',
    ],
    [
      'a signature without sha256=',
      async () => {
        const h = await signedHeaders(body);
        return [body, { ...h, 'X-Omni-Signature': h['X-Omni-Signature'].slice(7) }];
      },
      'malformed_signature',
    ],
    [
      'no timestamp',
      async () => {
        const { 'X-Omni-Timestamp': _, ...h } = await signedHeaders(body);
        return [body, h];
      },
      'missing_timestamp',
    ],
    [
      'a timestamp in milliseconds-with-letters',
      async () => [body, { ...(await signedHeaders(body)), 'X-Omni-Timestamp': '17x' }],
      'malformed_timestamp',
    ],
  ];
  for (const [name, make, reason] of cases) {
    it(`refuses ${name}: ${reason}`, async () => {
      const [raw, headers] = await make();
      const error = await verifyNotification(raw, headers, SECRET, { now: () => NOW }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NotificationSignatureError);
      expect((error as NotificationSignatureError).reason).toBe(reason);
    });
  }

  it('accepts a timestamp exactly at the tolerance, and honours a custom tolerance', async () => {
    const edge = await signedHeaders(body, TS - 300);
    await expect(verifyNotification(body, edge, SECRET, { now: () => NOW })).resolves.toBeUndefined();
    const old = await signedHeaders(body, TS - 3600);
    await expect(
      verifyNotification(body, old, SECRET, { now: () => NOW, toleranceSeconds: 7200 }),
    ).resolves.toBeUndefined();
  });
});

describe('createNotificationHandler', () => {
  function receiver(extra: Partial<Parameters<typeof createNotificationHandler>[0]> = {}) {
    const got: Array<[Notification, DeliveryInfo]> = [];
    const handler = createNotificationHandler({
      secret: SECRET,
      now: () => NOW,
      onNotification: (n, d) => {
        got.push([n, d]);
      },
      ...extra,
    });
    return { handler, got };
  }

  async function post(handler: (r: Request) => Promise<Response>, body: string, headers: Record<string, string>) {
    return handler(new Request('http://crm.test/omni/webhook', { method: 'POST', body, headers }));
  }

  it('verifies, parses and hands over the typed notification with its delivery info', async () => {
    const { handler, got } = receiver();
    const body = JSON.stringify(CDR);
    const res = await post(handler, body, await signedHeaders(body, TS, SECRET, 'n-41'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: true });
    await settle();
    expect(got).toEqual([[CDR, { id: 'n-41', timestamp: TS, verified: true }]]);
  });

  it('drops duplicates by X-Omni-Notification-Id but still acknowledges them', async () => {
    const { handler, got } = receiver();
    const body = JSON.stringify(CDR);
    const headers = await signedHeaders(body, TS, SECRET, 'dup-1');
    const answers = await Promise.all([post(handler, body, headers), post(handler, body, headers)]);
    const third = await post(handler, body, headers);
    expect([...answers, third].map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await third.json()).toEqual({ received: true, duplicate: true });
    const other = JSON.stringify(INBOUND);
    await post(handler, other, await signedHeaders(other, TS, SECRET, 'dup-2'));
    await settle();
    expect(got.map(([n, d]) => [n.type, d.id])).toEqual([
      ['cdr', 'dup-1'],
      ['inbound', 'dup-2'],
    ]);
  });

  it('acknowledges before the callback finishes', async () => {
    let finish: () => void = () => {};
    let started = false;
    const handler = createNotificationHandler({
      secret: SECRET,
      now: () => NOW,
      onNotification: () =>
        new Promise<void>((resolve) => {
          started = true;
          finish = resolve;
        }),
    });
    const body = JSON.stringify(CDR);
    const res = await post(handler, body, await signedHeaders(body));
    expect(res.status).toBe(200);
    await settle();
    expect(started).toBe(true);
    finish();
  });

  it('refuses bad signatures (401), non-notifications (400), other methods (405), big bodies (413)', async () => {
    const { handler, got } = receiver({ maxBodyBytes: 4096 });
    const body = JSON.stringify(CDR);
    const forged = await post(handler, body.replace('SALE', 'NI'), await signedHeaders(body));
    expect([forged.status, await forged.json()]).toEqual([401, { error: 'mismatch' }]);
    const stale = await post(handler, body, await signedHeaders(body, TS - 3600));
    expect([stale.status, await stale.json()]).toEqual([401, { error: 'stale_timestamp' }]);
    const junk = JSON.stringify({ type: 'cdr', payload: 'not an object' });
    const bad = await post(handler, junk, await signedHeaders(junk));
    expect(bad.status).toBe(400);
    const get = await handler(new Request('http://crm.test/omni/webhook'));
    expect([get.status, get.headers.get('allow')]).toEqual([405, 'POST']);
    const big = 'x'.repeat(5000);
    expect((await post(handler, big, await signedHeaders(big))).status).toBe(413);
    await settle();
    expect(got).toEqual([]);
  });

  it('a forged delivery does not burn the id of the genuine one', async () => {
    const { handler, got } = receiver();
    const body = JSON.stringify(CDR);
    const genuine = await signedHeaders(body, TS, SECRET, 'id-9');
    await post(handler, body, { ...genuine, 'X-Omni-Signature': `sha256=${'0'.repeat(64)}` });
    await post(handler, body, genuine);
    await settle();
    expect(got).toHaveLength(1);
  });

  it('without a secret, deliveries are taken unchecked', async () => {
    const { handler, got } = receiver({ secret: undefined });
    const res = await post(handler, JSON.stringify(INBOUND), { 'X-Omni-Notification-Id': 'u-1' });
    expect(res.status).toBe(200);
    await settle();
    expect(got).toEqual([[INBOUND, { id: 'u-1', timestamp: undefined, verified: false }]]);
  });

  it('awaitHandler: answers 500 when the callback throws, and the retry is handled again', async () => {
    let fail = true;
    const calls: string[] = [];
    const errors: unknown[] = [];
    const handler = createNotificationHandler({
      secret: SECRET,
      now: () => NOW,
      awaitHandler: true,
      onError: (e) => errors.push(e),
      onNotification: (_, d) => {
        calls.push(d.id ?? '');
        if (fail) throw new Error('database down');
      },
    });
    const body = JSON.stringify(CDR);
    const headers = await signedHeaders(body, TS, SECRET, 'r-1');
    expect((await post(handler, body, headers)).status).toBe(500);
    fail = false;
    expect((await post(handler, body, headers)).status).toBe(200);
    expect((await post(handler, body, headers)).status).toBe(200);
    expect(calls).toEqual(['r-1', 'r-1']);
    expect(errors).toEqual([new Error('database down')]);
  });

  it('reports a failing callback in fast-ack mode to onError', async () => {
    const errors: Array<[unknown, DeliveryInfo]> = [];
    const handler = createNotificationHandler({
      onNotification: async () => {
        throw new Error('boom');
      },
      onError: (e, d) => errors.push([e, d]),
    });
    const res = await post(handler, JSON.stringify(INBOUND), { 'X-Omni-Notification-Id': 'f-1' });
    expect(res.status).toBe(200);
    await settle();
    expect(errors).toEqual([[new Error('boom'), { id: 'f-1', timestamp: undefined, verified: false }]]);
  });

  it('uses a pluggable store', async () => {
    const claimed: string[] = [];
    const handler = createNotificationHandler({
      onNotification: () => {},
      store: {
        claim: async (id) => {
          claimed.push(id);
          return id !== 'seen-elsewhere';
        },
        release: () => {},
      },
    });
    const a = await post(handler, JSON.stringify(INBOUND), { 'X-Omni-Notification-Id': 'seen-elsewhere' });
    expect(await a.json()).toEqual({ received: true, duplicate: true });
    expect(claimed).toEqual(['seen-elsewhere']);
  });
});

describe('createMemoryDedupeStore', () => {
  it('claims once, forgets on release, and keeps at most maxEntries ids (oldest go first)', () => {
    const store = createMemoryDedupeStore({ maxEntries: 3 });
    expect(['a', 'b', 'a', 'c'].map((id) => store.claim(id))).toEqual([true, true, false, true]);
    store.release('a');
    expect(store.claim('a')).toBe(true);
    expect(store.claim('d')).toBe(true);
    expect(store.size).toBe(3);
    expect(store.claim('b')).toBe(true);
    expect(store.claim('d')).toBe(false);
    expect(() => createMemoryDedupeStore({ maxEntries: 0 })).toThrow(RangeError);
  });
});
