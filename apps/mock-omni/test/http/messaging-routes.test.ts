/**
 * The messaging routes in-process on a manual clock: the demo queue offered to a ready agent, a reply and its
 * statuses from the customer model, the rules' refusals with their codes, transfer, read, close with its
 * `conversation_end`, and the template registry.
 */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockOmni } from '../../src/index.js';
import { type OmniTestClient, startMock } from '../support/omni-client.js';

let mock: MockOmni;
let c: OmniTestClient;
let t1: string;
let t2: string;

beforeEach(async () => {
  ({ mock, client: c } = await startMock());
  t1 = await c.login('agent1');
  t2 = await c.login('agent2');
});
afterEach(async () => {
  await mock.close();
});

// biome-ignore lint/suspicious/noExplicitAny: notifications are read loosely and asserted field by field.
async function notifications(type?: string): Promise<any[]> {
  const res = await c.request('GET', `/__mock/webhook/deliveries?limit=1000${type ? `&type=${type}` : ''}`);
  expect(res.status).toBe(200);
  // biome-ignore lint/suspicious/noExplicitAny: as above.
  return (res.body.deliveries as any[]).map((d) => d.notification).reverse();
}

async function joinReady(token: string, userId: number): Promise<void> {
  expect((await c.request('POST', `/omni/messaging/${userId}/join`, { token, body: { campaign_id: 1 } })).status).toBe(
    200,
  );
  expect((await c.request('POST', `/omni/messaging/${userId}/state`, { token, body: { state: 'ready' } })).status).toBe(
    200,
  );
}

describe('the demo queue and offers', () => {
  it('a joined agent is paused and offered nothing; ready, it is offered up to max_concurrent, oldest first', async () => {
    await c.request('POST', '/omni/messaging/1/join', { token: t1, body: { campaign_id: 1 } });
    let me = await c.request('GET', '/omni/messaging/1', { token: t1 });
    expect(me.body).toMatchObject({ messaging_state: 'paused', open_conversations: 0, campaign_id: 1 });
    await c.request('POST', '/omni/messaging/1/state', { token: t1, body: { state: 'ready' } });
    me = await c.request('GET', '/omni/messaging/1', { token: t1 });
    expect(me.body).toMatchObject({ messaging_state: 'ready', open_conversations: 3, conversation_ids: [1, 2, 3] });
    const offers = await notifications('conversation_assigned');
    expect(offers.map((n) => [n.payload.conversation_id, n.payload.user_id, n.payload.reason])).toEqual([
      [1, 1, 'offer'],
      [2, 1, 'offer'],
      [3, 1, 'offer'],
    ]);
    // A fourth customer waits: the agent is at its max of 3.
    const inbound = await c.request('POST', '/__mock/messages/inbound', {
      body: { channel: 'sms', from: '0831112222', body: 'Hello?' },
    });
    expect(inbound.status).toBe(200);
    const conv = await c.request('GET', `/omni/messaging/conversations/${inbound.body.conversation_id}`, { token: t1 });
    expect(conv.body).toMatchObject({ conversation_state: 'queued', user_id: 0, unread_count: 1, campaign_id: 1 });
    // A second agent going ready takes it.
    await joinReady(t2, 2);
    const again = await c.request('GET', `/omni/messaging/conversations/${inbound.body.conversation_id}`, {
      token: t2,
    });
    expect(again.body).toMatchObject({ conversation_state: 'assigned', user_id: 2 });
  });

  it('an agent on a voice call is not offered a conversation unless the campaign allows concurrent chats', async () => {
    const ext = await c.request('POST', '/__mock/phones/1001/register', {});
    expect(ext.status).toBe(200);
    expect(
      (await c.request('POST', '/omni/users/1/login', { token: t1, body: { campaign_id: 3, extension: '1001' } }))
        .status,
    ).toBe(200);
    const call = await c.request('POST', '/omni/voice/1/call', { token: t1, body: { phone_number: '0800555001' } });
    expect(call.status).toBe(200);
    await joinReady(t1, 1);
    expect((await c.request('GET', '/omni/messaging/1', { token: t1 })).body.open_conversations).toBe(0);
    // Hanging up ends the call; wrap-up ends with the disposition: then the queue is offered.
    await c.request('POST', `/omni/voice/1/call/${call.body.call_id}/hangup`, { token: t1 });
    await c.request('POST', `/omni/voice/1/call/${call.body.call_id}/dispose`, {
      token: t1,
      body: { disposition_code: 'SALE' },
    });
    expect((await c.request('GET', '/omni/messaging/1', { token: t1 })).body.open_conversations).toBe(3);
  });

  it('a campaign with concurrent_with_calls offers to an agent on a call', async () => {
    const created = await c.request('POST', '/omni/messaging/campaign', {
      token: t1,
      body: {
        campaign_name: 'Blended',
        channels: ['sms'],
        concurrent_with_calls: true,
        max_concurrent_conversations: 1,
      },
    });
    expect(created.body).toMatchObject({ success: true, campaign_id: 2 });
    await c.request('POST', '/__mock/phones/1001/register', {});
    await c.request('POST', '/omni/users/1/login', { token: t1, body: { campaign_id: 3, extension: '1001' } });
    await c.request('POST', '/omni/voice/1/call', { token: t1, body: { phone_number: '0800555001' } });
    await c.request('POST', '/omni/messaging/1/join', { token: t1, body: { campaign_id: 2 } });
    await c.request('POST', '/omni/messaging/1/state', { token: t1, body: { state: 'ready' } });
    // Inbound SMS goes to the lowest campaign carrying sms (1); a message sent in campaign 2 is the agent's own.
    const sent = await c.request('POST', '/omni/messaging/1/message', {
      token: t1,
      body: { channel: 'sms', to: '0845556666', body: 'Hi from the blended desk', campaign_id: 2 },
    });
    expect(sent.status).toBe(200);
    const campaign = await c.request('GET', '/omni/messaging/campaign/2', { token: t1 });
    expect(campaign.body).toMatchObject({
      agents_joined: 1,
      concurrent_with_calls: true,
      max_concurrent_conversations: 1,
    });
  });
});

describe('sending, statuses and the customer model', () => {
  it('a WhatsApp reply inside the window goes queued → sent → delivered → read, in order, and the customer replies', async () => {
    await joinReady(t1, 1);
    const sent = await c.request('POST', '/omni/messaging/1/message', {
      token: t1,
      body: { channel: 'whatsapp', to: '0800556003', body: 'Your order is on its way' },
    });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ success: true, conversation_id: 1, message_status: 'queued', segments: 1 });
    await c.advance(30_000);
    const statuses = (await notifications('message_status'))
      .filter((n) => n.payload.message_id === sent.body.message_id)
      .map((n) => [n.payload.previous_status, n.payload.message_status]);
    expect(statuses).toEqual([
      ['', 'queued'],
      ['queued', 'sent'],
      ['sent', 'delivered'],
      ['delivered', 'read'],
    ]);
    const msg = await c.request('GET', `/omni/messaging/messages/${sent.body.message_id}`, { token: t1 });
    expect(msg.body).toMatchObject({
      message_status: 'read',
      direction: 'outbound',
      from: '0861000100',
      to: '0800556003',
    });
    const replies = (await notifications('message_received')).filter((n) => n.payload.conversation_id === 1);
    expect(replies).toHaveLength(1);
    expect(replies[0].payload.body.length).toBeGreaterThan(0);
    const thread = await c.request('GET', '/omni/messaging/conversations/1/messages?page_size=2&page=2', { token: t1 });
    expect(thread.body).toMatchObject({ conversation_id: 1, page: 2, page_size: 2, total: 3 });
    expect(thread.body.messages.map((m: { direction: string }) => m.direction)).toEqual(['inbound']);
  });

  it('an SMS counts its segments (UCS-2 for an emoji) and a failure carries Twilio’s code', async () => {
    await joinReady(t1, 1);
    const long = await c.request('POST', '/omni/messaging/1/message', {
      token: t1,
      body: { channel: 'sms', to: '0800556010', body: `${'a'.repeat(70)}😀` },
    });
    expect(long.body.segments).toBe(2);
    const m = await c.request('GET', `/omni/messaging/messages/${long.body.message_id}`, { token: t1 });
    expect(m.body.encoding).toBe('UCS-2');
    await c.advance(5_000);
    const after = await c.request('GET', `/omni/messaging/messages/${long.body.message_id}`, { token: t1 });
    expect(after.body).toMatchObject({ message_status: 'undelivered', channel_error_code: '30003' });
  });

  it('STOP opts an SMS customer out: the next send is 409 RECIPIENT_OPTED_OUT, START lets it through again', async () => {
    await joinReady(t1, 1);
    await c.request('POST', '/__mock/messages/inbound', {
      body: { channel: 'sms', from: '0821234567', body: ' stop ' },
    });
    const conv = await c.request('GET', '/omni/messaging/conversations/2', { token: t1 });
    expect(conv.body.opted_out).toBe(true);
    const refused = await c.request('POST', '/omni/messaging/1/message', {
      token: t1,
      body: { channel: 'sms', to: '0821234567', body: 'One more offer' },
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ success: false, error_code: 'RECIPIENT_OPTED_OUT' });
    expect(refused.body.detail).toContain('21610');
    await c.request('POST', '/__mock/messages/inbound', {
      body: { channel: 'sms', from: '0821234567', body: 'START' },
    });
    const okAgain = await c.request('POST', '/omni/messaging/1/message', {
      token: t1,
      body: { channel: 'sms', to: '0821234567', body: 'Welcome back' },
    });
    expect(okAgain.status).toBe(200);
  });

  it('WhatsApp free text to a customer who never wrote is 409 WINDOW_CLOSED_TEMPLATE_REQUIRED; an approved template goes', async () => {
    await joinReady(t1, 1);
    const refused = await c.request('POST', '/omni/messaging/1/message', {
      token: t1,
      body: { channel: 'whatsapp', to: '0829998888', body: 'Hello!' },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error_code).toBe('WINDOW_CLOSED_TEMPLATE_REQUIRED');
    const tpl = await c.request('POST', '/omni/messaging/1/message', {
      token: t1,
      body: {
        channel: 'whatsapp',
        to: '0829998888',
        template: { template_name: 'order_update', language: 'en_US', variables: ['Ann', '4471'] },
      },
    });
    expect(tpl.status).toBe(200);
    const m = await c.request('GET', `/omni/messaging/messages/${tpl.body.message_id}`, { token: t1 });
    expect(m.body.body).toBe('Hi Ann, your order 4471 has shipped.');
    expect(m.body.template).toEqual({ template_name: 'order_update', language: 'en_US', variables: ['Ann', '4471'] });
  });

  it('templates: pending is 409 TEMPLATE_NOT_APPROVED, wrong count 400 TEMPLATE_VARIABLES_MISMATCH, unknown 404', async () => {
    await joinReady(t1, 1);
    const send = (template: object) =>
      c.request('POST', '/omni/messaging/1/message', {
        token: t1,
        body: { channel: 'whatsapp', to: '0829998888', template },
      });
    const pending = await send({ template_name: 'spring_sale', language: 'en_US', variables: ['20%'] });
    expect([pending.status, pending.body.error_code]).toEqual([409, 'TEMPLATE_NOT_APPROVED']);
    const count = await send({ template_name: 'order_update', language: 'en_US', variables: ['Ann'] });
    expect([count.status, count.body.error_code]).toEqual([400, 'TEMPLATE_VARIABLES_MISMATCH']);
    expect(count.body.errors).toEqual([{ field: 'template.variables', message: expect.stringContaining('2') }]);
    const unknown = await send({ template_name: 'nope', language: 'en_US' });
    expect([unknown.status, unknown.body.error_code, unknown.body.errors[0].field]).toEqual([
      404,
      'NOT_FOUND',
      'template.template_name',
    ]);
  });

  it('Messenger outside the window needs a message tag (409 MESSAGE_TAG_REQUIRED); with one it goes', async () => {
    await joinReady(t1, 1);
    await c.request('POST', '/__mock/messages/inbound', { body: { channel: 'facebook', from: '1234567', body: 'hi' } });
    await c.advance(25 * 3_600_000);
    t1 = await c.login('agent1'); // the 8-hour token expired meanwhile
    const refused = await c.request('POST', '/omni/messaging/1/message', {
      token: t1,
      body: { channel: 'facebook', to: '1234567', body: 'Are you there?' },
    });
    expect([refused.status, refused.body.error_code]).toEqual([409, 'MESSAGE_TAG_REQUIRED']);
    const tagged = await c.request('POST', '/omni/messaging/1/message', {
      token: t1,
      body: { channel: 'facebook', to: '1234567', body: 'Are you there?', message_tag: 'HUMAN_AGENT' },
    });
    expect(tagged.status).toBe(200);
  });

  it('email: the first needs a subject; a reply threads on the customer’s Message-ID with Re:', async () => {
    await joinReady(t1, 1);
    const noSubject = await c.request('POST', '/omni/messaging/1/message', {
      token: t1,
      body: { channel: 'email', to: 'new@example.org', body: 'Hello' },
    });
    expect([noSubject.status, noSubject.body.errors?.[0]?.field]).toEqual([400, 'subject']);
    const reply = await c.request('POST', '/omni/messaging/1/message', {
      token: t1,
      body: { channel: 'email', to: 'ann@example.com', body: 'We fixed the VAT number.' },
    });
    expect(reply.status).toBe(200);
    const m = await c.request('GET', `/omni/messaging/messages/${reply.body.message_id}`, { token: t1 });
    expect(m.body).toMatchObject({ subject: 'Re: Invoice question', in_reply_to: '<demo-invoice-1@customer.example>' });
    expect(m.body.email_message_id).toMatch(/^<[0-9a-f]+@omni\.test>$/);
  });
});

describe('assign, read, close', () => {
  it('transfer, mark read, close with a disposition: conversation_end carries the counts', async () => {
    await joinReady(t1, 1);
    await c.request('POST', '/omni/messaging/2/join', { token: t2, body: { campaign_id: 1 } });
    const moved = await c.request('POST', '/omni/messaging/1/conversation/2/assign', {
      token: t1,
      body: { to_user_id: 2 },
    });
    expect(moved.status).toBe(200);
    const notOwner = await c.request('POST', '/omni/messaging/1/conversation/2/close', {
      token: t1,
      body: { disposition_code: 'SALE' },
    });
    expect([notOwner.status, notOwner.body.error_code]).toEqual([409, 'INVALID_STATE']);
    const read = await c.request('POST', '/omni/messaging/2/conversation/2/read', { token: t2 });
    expect(read.status).toBe(200);
    expect((await c.request('GET', '/omni/messaging/conversations/2', { token: t2 })).body.unread_count).toBe(0);
    await c.request('POST', '/omni/messaging/2/message', {
      token: t2,
      body: { channel: 'sms', to: '0821234567', body: 'Yes, send us the new address.' },
    });
    await c.advance(60_000);
    const badDisposition = await c.request('POST', '/omni/messaging/2/conversation/2/close', {
      token: t2,
      body: { disposition_code: 'NOPE' },
    });
    expect([badDisposition.status, badDisposition.body.errors?.[0]?.field]).toEqual([400, 'disposition_code']);
    const closed = await c.request('POST', '/omni/messaging/2/conversation/2/close', {
      token: t2,
      body: { disposition_code: 'SALE', notes: 'address changed' },
    });
    expect(closed.status).toBe(200);
    const end = (await notifications('conversation_end'))[0];
    expect(end.payload).toMatchObject({
      conversation_id: 2,
      user_id: 2,
      disposition_code: 'SALE',
      notes: 'address changed',
      messages_in: 1,
      messages_out: 1,
      handle_time: 60_000,
    });
    const again = await c.request('POST', '/omni/messaging/2/conversation/2/close', {
      token: t2,
      body: { disposition_code: 'SALE' },
    });
    expect([again.status, again.body.error_code]).toEqual([409, 'INVALID_STATE']);
    // The customer writes again: a new conversation, never the closed one.
    const next = await c.request('POST', '/__mock/messages/inbound', {
      body: { channel: 'sms', from: '0821234567', body: 'Thanks!' },
    });
    expect(next.body.conversation_id).not.toBe(2);
  });

  it('leaving puts the agent’s conversations back in the queue (requeue) and a ready agent gets them', async () => {
    await joinReady(t1, 1);
    await c.request('POST', '/omni/messaging/1/leave', { token: t1 });
    const requeued = (await notifications('conversation_assigned')).filter((n) => n.payload.reason === 'requeue');
    expect(requeued).toHaveLength(3);
    await joinReady(t2, 2);
    expect((await c.request('GET', '/omni/messaging/2', { token: t2 })).body.open_conversations).toBe(3);
  });
});

describe('the template registry', () => {
  it('submits pending, lists by status, approves once through the control API', async () => {
    const created = await c.request('POST', '/omni/messaging/templates', {
      token: t1,
      body: { template_name: 'payment_due', language: 'en', category: 'UTILITY', body: 'Hi {{1}}, {{2}} is due.' },
    });
    expect(created.body).toMatchObject({ success: true, template_id: 4, template_status: 'pending' });
    const dup = await c.request('POST', '/omni/messaging/templates', {
      token: t1,
      body: { template_name: 'payment_due', language: 'en', category: 'UTILITY', body: 'Again {{1}} now.' },
    });
    expect([dup.status, dup.body.error_code]).toEqual([409, 'INVALID_STATE']);
    const pending = await c.request('GET', '/omni/messaging/templates?template_status=pending', { token: t1 });
    expect(pending.body.templates.map((t: { template_name: string }) => t.template_name)).toEqual([
      'spring_sale',
      'payment_due',
    ]);
    const review = await c.request('POST', '/__mock/messages/templates/4/review', {
      body: { template_status: 'approved' },
    });
    expect(review.status).toBe(200);
    const t = await c.request('GET', '/omni/messaging/templates/4', { token: t1 });
    expect(t.body).toMatchObject({ template_status: 'approved', variable_count: 2 });
    const twice = await c.request('POST', '/__mock/messages/templates/4/review', {
      body: { template_status: 'rejected', rejected_reason: 'LATE' },
    });
    expect([twice.status, twice.body.error_code]).toEqual([409, 'INVALID_STATE']);
  });
});
