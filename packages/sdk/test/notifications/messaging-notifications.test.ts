import { describe, expect, it } from 'vitest';
import {
  createMessageTracker,
  createNotificationHandler,
  type Notification,
  NotificationParseError,
  parseNotification,
  signNotification,
} from '../../src/index.js';
import { settle } from '../support/fake-fetch.js';
import {
  CALL_STATE,
  CONVERSATION_END,
  CONVERSATION_WINDOW,
  MESSAGE_RECEIVED,
  MESSAGE_STATUS,
} from '../support/notifications.js';

const SECRET = 'whsec-0123456789';
const NOW = Date.parse('2026-11-24T10:00:00.000Z');
const TS = Math.floor(NOW / 1000);

describe('messaging notifications', () => {
  it('narrow on type to their own payloads', () => {
    const n = parseNotification(JSON.stringify(CONVERSATION_END));
    if (n.type !== 'conversation_end') throw new Error('not narrowed');
    expect(n.payload.disposition_code).toBe('SALE');
    expect(n.payload.first_response_time).toBe(60_000);
    const m = parseNotification(MESSAGE_RECEIVED);
    if (m.type !== 'message_received') throw new Error('not narrowed');
    expect(m.payload.media[0]?.content_type).toBe('image/jpeg');
  });

  it('read dates and ids back from any wire form: local times in the system’s zone, ids as text', () => {
    const wire = {
      type: 'conversation_window',
      payload: {
        ...CONVERSATION_WINDOW.payload,
        conversation_id: '9',
        user_id: '1',
        window_expires_at: '2026-01-06 10:00:00',
        timestamp: '2026-01-06T10:00:00+02:00',
      },
    };
    expect(parseNotification(JSON.stringify(wire), { timeZone: 'Africa/Johannesburg' })).toEqual(CONVERSATION_WINDOW);
  });

  it('refuse a status the contract does not know, saying where', () => {
    const bad = { ...MESSAGE_STATUS, payload: { ...MESSAGE_STATUS.payload, message_status: 'teleported' } };
    const error = (() => {
      try {
        parseNotification(bad);
      } catch (e) {
        return e;
      }
    })() as NotificationParseError;
    expect(error).toBeInstanceOf(NotificationParseError);
    expect(error.message).toMatch(/^not a valid 'message_status' notification \(payload\.message_status: /);
  });

  it('are verified, parsed and de-duplicated by the receiver like the voice ones', async () => {
    const got: Notification[] = [];
    const handler = createNotificationHandler({
      secret: SECRET,
      now: () => NOW,
      onNotification: (n) => void got.push(n),
    });
    const post = async (body: string, id?: string, signature?: string) =>
      handler(
        new Request('http://crm.test/omni', {
          method: 'POST',
          body,
          headers: {
            ...(id ? { 'X-Omni-Notification-Id': id } : {}),
            'X-Omni-Timestamp': String(TS),
            'X-Omni-Signature': signature ?? (await signNotification(body, SECRET, TS)),
          },
        }),
      );
    const status = JSON.stringify(MESSAGE_STATUS);
    expect((await post(status, 'm-1')).status).toBe(200);
    expect(await (await post(status, 'm-1')).json()).toEqual({ received: true, duplicate: true });
    // Without an id, a repeat is recognised by its content; the next status of the message is new.
    const received = JSON.stringify(MESSAGE_RECEIVED);
    await post(received);
    expect(await (await post(received)).json()).toEqual({ received: true, duplicate: true });
    const read = JSON.stringify({
      ...MESSAGE_STATUS,
      payload: { ...MESSAGE_STATUS.payload, message_status: 'read', previous_status: 'delivered' },
    });
    await post(read);
    expect((await post(read, undefined, 'sha256=00')).status).toBe(401);
    await settle();
    expect(got.map((n) => (n.type === 'message_status' ? n.payload.message_status : n.type))).toEqual([
      'delivered',
      'message_received',
      'read',
    ]);
  });
});

describe('createMessageTracker', () => {
  const status = (message_status: string, timestamp: string, extra: Record<string, unknown> = {}) =>
    ({
      type: 'message_status',
      payload: { ...MESSAGE_STATUS.payload, message_status, timestamp, ...extra },
    }) as Notification;

  it('keeps the furthest status: a delivered that arrives after read is older news', () => {
    const messages = createMessageTracker();
    expect(messages.apply(status('sent', '2026-01-05T08:01:01.000Z'))).toBe('applied');
    expect(messages.apply(status('read', '2026-01-05T08:01:09.000Z'))).toBe('applied');
    expect(messages.apply(status('delivered', '2026-01-05T08:01:02.000Z'))).toBe('stale');
    expect(messages.apply(status('read', '2026-01-05T08:01:09.000Z'))).toBe('stale');
    expect(messages.get(62)).toMatchObject({ message_status: 'read', conversation_id: 9 });
  });

  it('a failure is final and keeps its channel error code', () => {
    const messages = createMessageTracker();
    messages.apply(status('queued', '2026-01-05T08:01:00.000Z'));
    const failed = { channel_error_code: '30003', channel_error_detail: 'Unreachable destination handset' };
    expect(messages.apply(status('undelivered', '2026-01-05T08:01:03.000Z', failed))).toBe('applied');
    expect(messages.apply(status('delivered', '2026-01-05T08:01:04.000Z'))).toBe('stale');
    expect(messages.get(62)).toMatchObject({ message_status: 'undelivered', channel_error_code: '30003' });
  });

  it('email: opened follows delivered, a spam report follows opened', () => {
    const messages = createMessageTracker();
    for (const s of ['delivered', 'opened', 'complained'])
      expect(messages.apply(status(s, '2026-01-05T08:01:00.000Z', { channel: 'email' }))).toBe('applied');
    expect(messages.get(62)?.message_status).toBe('complained');
  });

  it('other notifications are not its business; it forgets the message heard of least recently', () => {
    const messages = createMessageTracker({ maxMessages: 1 });
    expect(messages.apply(CALL_STATE as Notification)).toBe('other');
    expect(messages.apply(parseNotification(MESSAGE_RECEIVED))).toBe('other');
    messages.apply(status('sent', '2026-01-05T08:01:00.000Z'));
    messages.apply(status('sent', '2026-01-05T08:01:00.000Z', { message_id: 63 }));
    expect(messages.size).toBe(1);
    expect(messages.get(62)).toBeUndefined();
    messages.forget(63);
    expect(messages.size).toBe(0);
    expect(() => createMessageTracker({ maxMessages: 0 })).toThrow(RangeError);
  });

  it('a message forgotten (or pushed out by the bound) keeps its place: a late status behind it is stale', () => {
    const messages = createMessageTracker({ maxMessages: 1 });
    messages.apply(status('read', '2026-01-05T08:01:09.000Z'));
    messages.forget(62);
    expect(messages.get(62)).toBeUndefined();
    expect(messages.apply(status('delivered', '2026-01-05T08:01:02.000Z'))).toBe('stale');
    expect(messages.apply(status('read', '2026-01-05T08:01:09.000Z'))).toBe('stale');
    expect(messages.get(62)).toBeUndefined();
    // A status further along is still news.
    expect(messages.apply(status('complained', '2026-01-05T08:02:00.000Z', { channel: 'email' }))).toBe('applied');
    expect(messages.get(62)?.message_status).toBe('complained');
    messages.apply(status('sent', '2026-01-05T08:01:00.000Z', { message_id: 63 }));
    expect(messages.get(62)).toBeUndefined();
    expect(messages.apply(status('opened', '2026-01-05T08:01:30.000Z', { channel: 'email' }))).toBe('stale');
  });
});
