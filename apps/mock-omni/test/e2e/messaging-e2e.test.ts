/**
 * A WhatsApp conversation end to end over real HTTP: the mock on 127.0.0.1 with a manual clock, a webhook receiver
 * in another process checking every signature. The customer writes (the control API), the agent takes the
 * conversation and replies inside the window, the customer's phone reports delivered and read, the agent marks the
 * thread read; a day later the window closes on the clock, free text is refused and an approved template goes.
 *
 * @module
 */

import type { Notification } from '@omnikit/contracts';
import { describe, expect, it } from 'vitest';
import { parsed, T0, ts, useMockWithReceiver } from './support/mock-with-receiver.js';

const SECRET = 'e2e-messaging-secret';
const stage = useMockWithReceiver(SECRET);

const MESSAGING_TYPES = new Set([
  'message_received',
  'message_status',
  'conversation_assigned',
  'conversation_window',
  'conversation_end',
]);

/** A messaging notification as one comparable line: type, its state word, the time from T0. */
function line(n: Notification): string {
  const p = n.payload as Record<string, unknown>;
  const word =
    n.type === 'message_status'
      ? `${p.direction}:${p.message_status}`
      : n.type === 'conversation_assigned'
        ? `${p.reason}:${p.user_id}`
        : n.type === 'conversation_window'
          ? String(p.window_state)
          : n.type === 'message_received'
            ? String(p.from)
            : String(p.disposition_code);
  const at = 'timestamp' in p ? Date.parse(String(p.timestamp)) - T0 : Date.parse(String(p.end_date_time)) - T0;
  return `${n.type} ${word} +${at}`;
}

describe('a WhatsApp conversation end to end', () => {
  it('inbound, agent reply, read receipt, window expiry, template send: every notification signed and in order', async () => {
    const { api, token, receiver } = await stage.setup();
    await api.ok('POST', '/omni/messaging/1/join', { campaign_id: 1 }, token);

    // The customer writes: a new conversation (the demo has 1–3), queued while the agent is paused.
    const inbound = await api.ok('POST', '/__mock/messages/inbound', {
      channel: 'whatsapp',
      from: '0800666002',
      body: 'Hi, is my order ready?',
    });
    expect(inbound).toMatchObject({ success: true, conversation_id: 4 });
    await api.ok('POST', '/omni/messaging/1/conversation/4/assign', { to_user_id: 1 }, token);

    // The agent answers inside the window; 0800666002's phone has it 1 s after the send and reads it 5 s later.
    await api.advance(1_000);
    const reply = await api.ok(
      'POST',
      '/omni/messaging/1/message',
      { channel: 'whatsapp', to: '0800666002', body: 'Yes, it ships today.' },
      token,
    );
    expect(reply).toMatchObject({ conversation_id: 4, message_status: 'queued' });
    await api.advance(10_000);
    await api.ok('POST', '/omni/messaging/1/conversation/4/read', undefined, token);
    const thread = await api.ok('GET', '/omni/messaging/conversations/4', undefined, token);
    expect(thread).toMatchObject({
      conversation_state: 'assigned',
      unread_count: 0,
      window_expires_at: ts(24 * 3_600_000),
    });

    // A day later the window has closed on the clock: free text is refused, a template goes.
    await api.advance(24 * 3_600_000);
    const fresh = await api.authorize('agent1', 'password1');
    const refused = await api.request(
      'POST',
      '/omni/messaging/1/message',
      { channel: 'whatsapp', to: '0800666002', body: 'Anything else?' },
      fresh,
    );
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ success: false, error_code: 'WINDOW_CLOSED_TEMPLATE_REQUIRED' });
    const template = await api.ok(
      'POST',
      '/omni/messaging/1/message',
      {
        channel: 'whatsapp',
        to: '0800666002',
        template: { template_name: 'order_update', language: 'en_US', variables: ['Ann', '4471'] },
      },
      fresh,
    );
    await api.advance(10_000);
    const sent = await api.ok('GET', `/omni/messaging/messages/${template.message_id}`, undefined, fresh);
    expect(sent).toMatchObject({ body: 'Hi Ann, your order 4471 has shipped.', message_status: 'read' });

    const day = 24 * 3_600_000 + 11_000;
    const expected = [
      'message_received 0800666002 +0',
      'conversation_window open +0',
      'conversation_assigned assign:1 +0',
      'message_status outbound:queued +1000',
      'message_status outbound:sent +1500',
      'message_status outbound:delivered +2000',
      'message_status outbound:read +7000',
      'message_status inbound:read +11000',
      'conversation_window closed +86400000',
      `message_status outbound:queued +${day}`,
      `message_status outbound:sent +${day + 500}`,
      `message_status outbound:delivered +${day + 1_000}`,
      `message_status outbound:read +${day + 6_000}`,
    ];
    const got = await receiver.until(
      'every messaging notification',
      (r) =>
        r.filter(
          (d) => MESSAGING_TYPES.has(JSON.parse(d.body).type) && JSON.parse(d.body).payload.conversation_id === 4,
        ).length >= expected.length,
    );
    const mine = got.filter((d) => {
      const body = JSON.parse(d.body);
      return MESSAGING_TYPES.has(body.type) && body.payload.conversation_id === 4;
    });
    expect(mine.every((d) => d.signatureValid && d.status === 200)).toBe(true);
    expect(mine.map((d) => line(parsed(d)))).toEqual(expected);
  });
});
