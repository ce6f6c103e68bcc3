/**
 * Email threading through `POST /__mock/messages/inbound` and the customer model: a reply is placed by its
 * `In-Reply-To`, else its `References`, else its sender; the headers are stored and notified as sent, and the
 * agent's answer continues them. Bad threading headers are 400s naming the field, the conversations untouched.
 *
 * @module
 */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockOmni } from '../../src/index.js';
import { type OmniTestClient, startMock } from '../support/omni-client.js';

let mock: MockOmni;
let c: OmniTestClient;
let token: string;

beforeEach(async () => {
  ({ mock, client: c } = await startMock());
  token = await c.login('agent1');
  expect((await c.request('POST', '/omni/messaging/1/join', { token, body: { campaign_id: 1 } })).status).toBe(200);
});
afterEach(async () => {
  await mock.close();
});

// biome-ignore lint/suspicious/noExplicitAny: answers are read loosely and asserted field by field.
const get = async (path: string): Promise<any> => {
  const res = await c.request('GET', path, { token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
// biome-ignore lint/suspicious/noExplicitAny: as above.
const inbound = async (body: Record<string, unknown>): Promise<any> => {
  const res = await c.request('POST', '/__mock/messages/inbound', { body: { channel: 'email', ...body } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
const send = async (body: Record<string, unknown>): Promise<{ message_id: number; conversation_id: number }> => {
  const res = await c.request('POST', '/omni/messaging/1/message', { token, body: { channel: 'email', ...body } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

describe('an inbound email on its thread', () => {
  it('In-Reply-To from another address joins the open thread; the headers are on the message and its notification', async () => {
    const answer = await send({ to: 'ann@example.com', body: 'We fixed the VAT number.' });
    const answerId = (await get(`/omni/messaging/messages/${answer.message_id}`)).email_message_id;
    const references = `<demo-invoice-1@customer.example> ${answerId}`;
    const r = await inbound({ from: 'ann.work@example.net', body: 'Thanks!', in_reply_to: answerId, references });
    expect(r.conversation_id).toBe(answer.conversation_id);
    expect(await get(`/omni/messaging/messages/${r.message_id}`)).toMatchObject({
      from: 'ann.work@example.net',
      subject: 'Re: Invoice question',
      in_reply_to: answerId,
      references,
    });
    expect(await get(`/omni/messaging/conversations/${r.conversation_id}`)).toMatchObject({
      customer_address: 'ann@example.com',
    });
    const deliveries = await c.request('GET', '/__mock/webhook/deliveries?type=message_received&limit=10');
    const received = deliveries.body.deliveries.map(
      (d: { notification: { payload: unknown } }) => d.notification.payload,
    );
    expect(received).toContainEqual(
      expect.objectContaining({ message_id: r.message_id, in_reply_to: answerId, references }),
    );

    // The agent's answer continues the thread: In-Reply-To the customer's message, References extended by it.
    const second = await send({ to: 'ann@example.com', body: 'You are welcome.' });
    const customerId = (await get(`/omni/messaging/messages/${r.message_id}`)).email_message_id;
    expect(await get(`/omni/messaging/messages/${second.message_id}`)).toMatchObject({
      subject: 'Re: Invoice question',
      in_reply_to: customerId,
      references: `${references} ${customerId}`,
    });
  });

  it('References alone place it from the newest id; an unknown id goes by the sender', async () => {
    const bob = await send({ to: 'bob@example.org', subject: 'Your delivery', body: 'It ships Monday.' });
    const bobId = (await get(`/omni/messaging/messages/${bob.message_id}`)).email_message_id;
    const viaRefs = await inbound({
      from: 'carol@example.com',
      body: 'Bob forwarded this',
      references: `<demo-invoice-1@customer.example> ${bobId}`,
    });
    expect(viaRefs.conversation_id).toBe(bob.conversation_id);
    const unknown = await inbound({
      from: 'carol@example.com',
      body: 'New topic',
      in_reply_to: '<gone@elsewhere.test>',
    });
    expect(unknown.conversation_id).not.toBe(bob.conversation_id);
    expect(await get(`/omni/messaging/conversations/${unknown.conversation_id}`)).toMatchObject({
      customer_address: 'carol@example.com',
    });
  });

  it('the customer model’s email reply threads: after the conversation closed, a new one under Re: its subject', async () => {
    const sent = await send({ to: 'replies@omnikit.test', subject: 'Your quote', body: 'Attached.' });
    const sentId = (await get(`/omni/messaging/messages/${sent.message_id}`)).email_message_id;
    const closed = await c.request('POST', `/omni/messaging/1/conversation/${sent.conversation_id}/close`, {
      token,
      body: { disposition_code: 'SALE' },
    });
    expect(closed.status).toBe(200);
    await c.advance(30_000);
    token = await c.login('agent1');
    const replies = await c.request('GET', '/omni/messaging/conversations?channel=email&conversation_state=queued', {
      token,
    });
    const next = replies.body.conversations.find(
      (x: { customer_address: string }) => x.customer_address === 'replies@omnikit.test',
    );
    expect(next).toMatchObject({ subject: 'Re: Your quote' });
    expect(next.conversation_id).not.toBe(sent.conversation_id);
    const thread = await get(`/omni/messaging/conversations/${next.conversation_id}/messages`);
    expect(thread.messages).toHaveLength(1);
    expect(thread.messages[0]).toMatchObject({
      direction: 'inbound',
      subject: 'Re: Your quote',
      in_reply_to: sentId,
      references: sentId,
    });
  });
});

describe('bad threading headers', () => {
  it('are refused with 400 naming the field, and nothing is stored', async () => {
    const before = (await get('/omni/messaging/conversations')).total;
    for (const [body, field] of [
      [{ channel: 'email', from: 'ann@example.com', body: 'x', references: 'no ids here' }, 'references'],
      [{ channel: 'email', from: 'ann@example.com', body: 'x', references: '' }, 'references'],
      [{ channel: 'whatsapp', from: '0821234567', body: 'x', references: '<a@omni.test>' }, 'references'],
      [{ channel: 'sms', from: '0821234567', body: 'x', in_reply_to: '<a@omni.test>' }, 'in_reply_to'],
      [{ channel: 'email', from: 'ann@example.com', body: 'x', in_reply_to: 'a@omni.test' }, 'in_reply_to'],
    ] as const) {
      const res = await c.request('POST', '/__mock/messages/inbound', { body });
      expect([res.status, res.body.error_code], JSON.stringify(body)).toEqual([400, 'VALIDATION_FAILED']);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect((await get('/omni/messaging/conversations')).total).toBe(before);
  });
});
