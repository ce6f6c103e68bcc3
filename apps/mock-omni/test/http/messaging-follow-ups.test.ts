/**
 * What a CRM meets after the first exchange: a follow-up once the agent has closed the conversation (the 24-hour
 * windows are the customer's, not one conversation's), the CDR's first response time in a conversation the agent
 * opened, the control route's `to`, and the demo templates' variable counts.
 */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockOmni } from '../../src/index.js';
import { type OmniTestClient, startMock } from '../support/omni-client.js';

let mock: MockOmni;
let c: OmniTestClient;
let t1: string;

beforeEach(async () => {
  ({ mock, client: c } = await startMock());
  t1 = await c.login('agent1');
  expect((await c.request('POST', '/omni/messaging/1/join', { token: t1, body: { campaign_id: 1 } })).status).toBe(200);
});
afterEach(async () => {
  await mock.close();
});

const send = (body: object) => c.request('POST', '/omni/messaging/1/message', { token: t1, body });
const inbound = (body: object) => c.request('POST', '/__mock/messages/inbound', { body });

/** The customer writes, agent 1 takes the conversation and closes it: its id. */
async function writeAndClose(channel: string, from: string): Promise<number> {
  const arrived = await inbound({ channel, from, body: 'Hello, a question' });
  expect(arrived.status).toBe(200);
  const id = arrived.body.conversation_id as number;
  const path = `/omni/messaging/1/conversation/${id}`;
  expect((await c.request('POST', `${path}/assign`, { token: t1, body: { to_user_id: 1 } })).status).toBe(200);
  expect((await c.request('POST', `${path}/close`, { token: t1, body: { disposition_code: 'NI' } })).status).toBe(200);
  return id;
}

describe('a follow-up after the conversation closed', () => {
  it('WhatsApp free text goes while the customer’s window is open, in a new conversation', async () => {
    const closed = await writeAndClose('whatsapp', '0831234567');
    await c.advance(60_000);
    const followUp = await send({ channel: 'whatsapp', to: '0831234567', body: 'One more thing' });
    expect(followUp.status).toBe(200);
    expect(followUp.body.conversation_id).not.toBe(closed);
  });

  it('WhatsApp free text 24 h after the customer’s last message is refused, naming when the window closed', async () => {
    await writeAndClose('whatsapp', '0831234567');
    await c.advance(24 * 3_600_000);
    t1 = await c.login('agent1');
    const refused = await send({ channel: 'whatsapp', to: '0831234567', body: 'Still there?' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ success: false, error_code: 'WINDOW_CLOSED_TEMPLATE_REQUIRED' });
    expect(refused.body.detail).toContain('closed at 2026-01-06T08:00:00.000Z');
  });

  it('Messenger text goes inside the standard window, and HUMAN_AGENT within 7 days', async () => {
    await writeAndClose('facebook', '1234567');
    expect((await send({ channel: 'facebook', to: '1234567', body: 'Following up' })).status).toBe(200);
    const id = (await c.request('GET', '/omni/messaging/1', { token: t1 })).body.conversation_ids[0] as number;
    await c.request('POST', `/omni/messaging/1/conversation/${id}/close`, {
      token: t1,
      body: { disposition_code: 'NI' },
    });
    await c.advance(2 * 24 * 3_600_000);
    t1 = await c.login('agent1');
    const tagged = await send({ channel: 'facebook', to: '1234567', body: 'Your case', message_tag: 'HUMAN_AGENT' });
    expect(tagged.status).toBe(200);
  });
});

describe('Messenger to a person who never wrote to the Page', () => {
  it('is 409 INVALID_STATE with or without a tag: no tag lets a Page start a conversation', async () => {
    for (const tag of [undefined, 'HUMAN_AGENT', 'CONFIRMED_EVENT_UPDATE']) {
      const refused = await send({ channel: 'facebook', to: '7654321', body: 'Hi', message_tag: tag });
      expect([refused.status, refused.body.error_code]).toEqual([409, 'INVALID_STATE']);
      expect(refused.body.detail).toContain('never written to the Page');
    }
  });
});

describe('conversation_end', () => {
  it('first_response_time runs from the customer’s first message, in a conversation the agent opened', async () => {
    const opened = await send({ channel: 'sms', to: '0831234000', body: 'Your appointment is tomorrow' });
    const id = opened.body.conversation_id as number;
    await c.advance(10_000);
    await inbound({ channel: 'sms', from: '0831234000', body: 'Can we move it?' });
    await c.advance(60_000);
    await send({ channel: 'sms', to: '0831234000', body: 'Sure, when?' });
    await c.advance(30_000);
    await inbound({ channel: 'sms', from: '0831234000', body: 'Friday' });
    await c.advance(30_000);
    await c.request('POST', `/omni/messaging/1/conversation/${id}/close`, {
      token: t1,
      body: { disposition_code: 'CALLBK' },
    });
    const ends = await c.request('GET', '/__mock/webhook/deliveries?type=conversation_end');
    const end = ends.body.deliveries[0].notification.payload;
    expect(end).toMatchObject({
      conversation_id: id,
      messages_in: 2,
      messages_out: 2,
      first_response_time: 60_000,
      handle_time: 130_000,
    });
  });
});

describe('the control route’s inbound message', () => {
  it('refuses a `to` that is not the channel’s address with 400 naming it, and stores nothing', async () => {
    const bad = await inbound({ channel: 'sms', from: '0831112222', to: 'garbage!!', body: 'help' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ success: false, error_code: 'VALIDATION_FAILED' });
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['to']);
    const list = await c.request('GET', '/omni/messaging/conversations?channel=sms', { token: t1 });
    expect(list.body.total).toBe(1);
  });
});

describe('the demo templates', () => {
  it('each says as many variables as its body has placeholders', async () => {
    const list = await c.request('GET', '/omni/messaging/templates', { token: t1 });
    expect(list.body.templates.length).toBeGreaterThan(0);
    for (const t of list.body.templates as { body: string; variable_count: number }[]) {
      const placeholders = new Set(t.body.match(/\{\{\d+\}\}/g) ?? []).size;
      expect(t.variable_count, t.body).toBe(placeholders);
    }
  });
});
