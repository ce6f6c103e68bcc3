import { describe, expect, it } from 'vitest';
import {
  createCallTracker,
  createNotificationHandler,
  type DeliveryInfo,
  type Notification,
  parseNotification,
  signNotification,
} from '../../src/index.js';
import { settle } from '../support/fake-fetch.js';
import { CALL_STATE, CDR, SHOTGUN_RESULT } from '../support/notifications.js';

/**
 * The receiver under each value of the `notifications`, `dates`, `ids` and `extras` axes: a
 * delivery as that variant writes it on the wire, and what the application's callback gets.
 */

const SECRET = 'whsec-0123456789';
const NOW = Date.parse('2026-01-05T08:00:05.000Z');
const TS = Math.floor(NOW / 1000);

function receiver(options: { secret?: string; timeZone?: string } = {}) {
  const got: Array<[Notification, DeliveryInfo]> = [];
  const handler = createNotificationHandler({
    ...options,
    now: () => NOW,
    onNotification: (n, d) => void got.push([n, d]),
  });
  const post = async (body: unknown, headers: Record<string, string>) => {
    const res = await handler(
      new Request('http://crm.test/omni', { method: 'POST', body: JSON.stringify(body), headers }),
    );
    await settle();
    return res.status;
  };
  return { post, got };
}

async function signed(body: unknown, id: string) {
  return {
    'X-Omni-Notification-Id': id,
    'X-Omni-Timestamp': String(TS),
    'X-Omni-Signature': await signNotification(JSON.stringify(body), SECRET, TS),
  };
}
const unsigned = (id?: string): Record<string, string> => ({
  'X-Omni-Timestamp': String(TS),
  ...(id ? { 'X-Omni-Notification-Id': id } : {}),
});

describe('notifications', () => {
  it('signed, secret configured: verified and handed over', async () => {
    const { post, got } = receiver({ secret: SECRET });
    expect(await post(CDR, await signed(CDR, 'n-1'))).toBe(200);
    expect(got).toEqual([[CDR, { id: 'n-1', timestamp: TS, verified: true }]]);
  });

  it('unsigned, no secret configured: accepted, marked unverified', async () => {
    const { post, got } = receiver();
    expect(await post(CDR, unsigned('n-1'))).toBe(200);
    expect(got).toEqual([[CDR, { id: 'n-1', timestamp: TS, verified: false }]]);
  });

  it('unsigned, secret configured: refused (401), never handed over — no downgrade by dropping the header', async () => {
    const { post, got } = receiver({ secret: SECRET });
    const res = await createNotificationHandler({ secret: SECRET, now: () => NOW, onNotification: () => {} })(
      new Request('http://crm.test/omni', { method: 'POST', body: JSON.stringify(CDR), headers: unsigned('n-1') }),
    );
    expect(await res.json()).toEqual({ error: 'missing_signature' });
    expect(await post(CDR, unsigned('n-1'))).toBe(401);
    expect(got).toEqual([]);
  });

  it('twice, with X-Omni-Notification-Id: the second delivery is acknowledged, not handed over', async () => {
    const { post, got } = receiver({ secret: SECRET });
    const headers = await signed(CALL_STATE, 'n-7');
    expect([await post(CALL_STATE, headers), await post(CALL_STATE, headers)]).toEqual([200, 200]);
    expect(got).toHaveLength(1);
  });

  it('twice, without an id header: the same notification is recognised by its content', async () => {
    const { post, got } = receiver();
    await post(CALL_STATE, unsigned());
    await post(CALL_STATE, unsigned());
    // Another event of the same call is new news.
    const ended = {
      ...CALL_STATE,
      payload: { ...CALL_STATE.payload, call_state: 'ended', previous_state: 'answered' },
    };
    await post(ended, unsigned());
    expect(got.map(([n]) => (n.type === 'call_state' ? n.payload.call_state : n.type))).toEqual(['answered', 'ended']);
  });

  it('twice, without an id header, in another date form the second time: still one notification', async () => {
    const { post, got } = receiver();
    await post(CALL_STATE, unsigned());
    await post({ ...CALL_STATE, payload: { ...CALL_STATE.payload, timestamp: '2026-01-05 08:00:03' } }, unsigned());
    expect(got).toHaveLength(1);
  });

  it('swapped: both deliveries are handed over as they came; the call tracker keeps the newer state', async () => {
    const { post, got } = receiver();
    const ringing = {
      type: 'call_state',
      payload: {
        ...CALL_STATE.payload,
        call_state: 'ringing',
        previous_state: 'initiated',
        timestamp: '2026-01-05T08:00:01.000Z',
      },
    };
    await post(CALL_STATE, unsigned('n-2')); // answered, 08:00:03
    await post(ringing, unsigned('n-1')); // ringing, 08:00:01: sent first, delivered second
    const calls = createCallTracker();
    expect(got.map(([n]) => calls.apply(n))).toEqual(['applied', 'stale']);
    expect(calls.get(41)).toMatchObject({ call_state: 'answered', timestamp: '2026-01-05T08:00:03.000Z' });
  });

  it('at-most-once: the receiver acknowledges at once, so a slow callback does not fail the only attempt', async () => {
    let release: () => void = () => {};
    const handler = createNotificationHandler({
      onNotification: () => new Promise<void>((resolve) => (release = resolve)),
    });
    const res = await handler(
      new Request('http://crm.test/omni', { method: 'POST', body: JSON.stringify(CDR), headers: unsigned('n-1') }),
    );
    expect(res.status).toBe(200);
    release();
  });
});

describe('dates in notifications', () => {
  it('a bad timeZone is refused when the receiver is made', () => {
    expect(() => createNotificationHandler({ timeZone: 'Nowhere/Land', onNotification: () => {} })).toThrow(TypeError);
  });

  const TABLE = [
    ['iso-z', undefined, '2026-01-05T08:00:03.000Z'],
    ['vicidial, UTC', undefined, '2026-01-05 08:00:03'],
    ['vicidial, Johannesburg', 'Africa/Johannesburg', '2026-01-05 10:00:03'],
    ['iso-offset', 'Africa/Johannesburg', '2026-01-05T10:00:03.000+02:00'],
  ] as const;
  for (const [form, timeZone, wire] of TABLE) {
    it(`${form}: timestamp ${wire} → 2026-01-05T08:00:03.000Z`, async () => {
      const { post, got } = receiver(timeZone ? { timeZone } : {});
      await post({ ...CALL_STATE, payload: { ...CALL_STATE.payload, timestamp: wire } }, unsigned('n-1'));
      expect(got[0]?.[0]).toEqual(CALL_STATE);
    });
  }

  it('the CDR’s two date-times, vicidial in Johannesburg', () => {
    const wire = {
      ...CDR,
      payload: { ...CDR.payload, start_date_time: '2026-01-05 10:00:00', end_date_time: '2026-01-05 10:03:12' },
    };
    expect(parseNotification(JSON.stringify(wire), { timeZone: 'Africa/Johannesburg' })).toEqual(CDR);
  });
});

describe('ids and extras in notifications', () => {
  it('strings: every integer id back to a number, the legs’ included', () => {
    const p = SHOTGUN_RESULT.payload;
    const wire = {
      type: 'shotgun_result',
      payload: {
        ...p,
        shotgun_id: '7',
        user_id: '1',
        winner_call_id: '51',
        legs: p.legs.map((l) => ({ ...l, call_id: String(l.call_id) })),
      },
    };
    expect(parseNotification(wire)).toEqual(SHOTGUN_RESULT);
  });

  it('strings: a CDR’s ids; caller_id is a string field and stays one', () => {
    const wire = {
      ...CDR,
      payload: { ...CDR.payload, call_id: '41', user_id: '1', campaign_id: '3', list_id: '0' },
    };
    expect(parseNotification(wire)).toEqual(CDR);
  });

  it('extra-fields: kept in the envelope and the payload', () => {
    const wire = {
      ...CALL_STATE,
      api_version: '3.4.2',
      payload: { ...CALL_STATE.payload, server_node: 'omni-app-01' },
    };
    expect(parseNotification(JSON.stringify(wire))).toEqual(wire);
  });
});
