import { type MessagingRouteId, messagingRoutes } from '@omnikit/contracts/messaging';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AgentResources,
  InvalidStateError,
  MESSAGING_METHOD_NAMES,
  NotFoundError,
  type OmniClient,
  paginate,
  RecipientOptedOutError,
  TemplateNotApprovedError,
  TemplateRequiredError,
  TemplateVariablesError,
  ValidationError,
} from '../../src/index.js';
import { type MockTarget, startTarget, TRANSPORTS } from '../support/mock-target.js';

/** The messaging routes this file calls through their methods (every one: checked below). */
const called = new Set<MessagingRouteId>();

/**
 * The messaging methods end to end against the mock, in-process and over real HTTP, with response
 * validation on: a campaign joined, a customer's message offered, paged, read, answered and closed;
 * templates reviewed; the channels' rules refused with their own classes.
 */
describe.each(TRANSPORTS)('messaging against the mock (%s)', (transport) => {
  let target: MockTarget;
  let client: OmniClient;
  let agent: AgentResources;
  let other: AgentResources;
  let campaignId = 0;

  const inbound = async (body: Record<string, unknown>) => {
    const res = await target.control('POST', '/__mock/messages/inbound', body);
    expect(res.status).toBe(200);
    return (await res.json()) as { message_id: number; conversation_id: number };
  };

  beforeAll(async () => {
    target = await startTarget(transport);
    client = target.client({ validateResponses: true });
    agent = client.agent(await client.authorize('agent1', 'password1'));
    other = client.agent(await client.authorize('agent2', 'password2'));
  });
  afterAll(() => target.close());

  it('messaging campaigns: create, get, list; agents join, go ready and are offered the queue', async () => {
    const created = await agent.messagingCampaigns.create({
      campaign_name: 'E2E chats',
      channels: ['whatsapp', 'sms', 'email'],
      max_concurrent_conversations: 5,
    });
    called.add('createMessagingCampaign');
    expect(await agent.messagingCampaigns.get(created.campaign_id)).toMatchObject({
      campaign_id: created.campaign_id,
      campaign_name: 'E2E chats',
      max_concurrent_conversations: 5,
    });
    called.add('getMessagingCampaign');
    const { campaigns } = await agent.messagingCampaigns.list();
    called.add('listMessagingCampaigns');
    expect(campaigns.map((c) => c.campaign_id)).toContain(created.campaign_id);
    await expect(agent.messagingCampaigns.get(99_999)).rejects.toBeInstanceOf(NotFoundError);
    // The demo campaign (the lowest id on every channel) is where customers' new conversations queue.
    campaignId = Math.min(...campaigns.map((c) => c.campaign_id));

    expect(await agent.messaging.join({ campaign_id: campaignId })).toMatchObject({ success: true });
    called.add('joinMessaging');
    expect(await agent.messaging.get()).toMatchObject({ campaign_id: campaignId, messaging_state: 'paused' });
    called.add('getMessagingAgent');
    await other.messaging.join({ campaign_id: campaignId });
    // A third agent goes ready: the demo customers waiting in the queue are offered to it.
    const third = client.agent(await client.authorize('agent3', 'password3'));
    await third.messaging.join({ campaign_id: campaignId });
    await third.messaging.state({ state: 'ready' });
    called.add('setMessagingState');
    const offered = await third.messaging.get();
    expect(offered.messaging_state).toBe('ready');
    expect(offered.open_conversations).toBeGreaterThan(0);
    expect(offered.conversation_ids).toHaveLength(offered.open_conversations);
    await third.messaging.state({ state: 'paused' });
  });

  it('a customer’s message queues; the agent takes it, pages, reads, replies, transfers; the other closes it', async () => {
    const { conversation_id, message_id } = await inbound({
      channel: 'whatsapp',
      from: '0800666002',
      body: 'Hi, has my order shipped?',
    });
    const conversation = await agent.conversations.get(conversation_id);
    called.add('getConversation');
    expect(conversation).toMatchObject({ channel: 'whatsapp', customer_address: '0800666002', unread_count: 1 });
    expect(await agent.messages.get(message_id)).toMatchObject({ direction: 'inbound', message_status: 'received' });
    called.add('getMessage');

    // Paging: three more customers, then every whatsapp conversation, two a page.
    for (const from of ['0821110001', '0821110002', '0821110003'])
      await inbound({ channel: 'whatsapp', from, body: 'Hello' });
    const firstPage = await agent.conversations.list({ channel: 'whatsapp', page: 1, page_size: 2 });
    called.add('listConversations');
    expect(firstPage).toMatchObject({ page: 1, page_size: 2 });
    expect(firstPage.conversations).toHaveLength(2);
    const all: number[] = [];
    for await (const c of paginate(
      (page) => agent.conversations.list({ channel: 'whatsapp', page, page_size: 2 }),
      'conversations',
      { idOf: (c) => c.conversation_id },
    ))
      all.push(c.conversation_id);
    expect(all).toHaveLength(firstPage.total);
    expect(all).toContain(conversation_id);

    expect(conversation).toMatchObject({ conversation_state: 'queued', user_id: 0 });
    await agent.conversations.assign(conversation_id, { to_user_id: agent.userId });
    called.add('assignConversation');
    expect((await agent.conversations.get(conversation_id)).user_id).toBe(agent.userId);
    await agent.conversations.markRead(conversation_id);
    called.add('markConversationRead');
    expect((await agent.conversations.get(conversation_id)).unread_count).toBe(0);

    const sent = await agent.messaging.send({ channel: 'whatsapp', to: '0800666002', body: 'It ships today.' });
    called.add('sendMessage');
    expect(sent).toMatchObject({ success: true, conversation_id, message_status: 'queued', segments: 1 });
    await target.advance(8_000); // delivered, then read 5 s later
    expect((await agent.messages.get(sent.message_id)).message_status).toBe('read');
    const thread = await agent.conversations.messages(conversation_id, { page: 1, page_size: 50 });
    called.add('listMessages');
    expect(thread.messages.map((m) => m.direction)).toEqual(['inbound', 'outbound']);

    await agent.conversations.assign(conversation_id, { to_user_id: other.userId });
    expect((await agent.conversations.get(conversation_id)).user_id).toBe(other.userId);
    await expect(agent.conversations.close(conversation_id, { disposition_code: 'SALE' })).rejects.toBeInstanceOf(
      InvalidStateError,
    );
    await other.conversations.close(conversation_id, { disposition_code: 'SALE', notes: 'shipping date given' });
    called.add('closeConversation');
    expect(await agent.conversations.get(conversation_id)).toMatchObject({
      conversation_state: 'closed',
      disposition_code: 'SALE',
    });
  });

  it('templates: pending until reviewed, then sent outside the window; the rules refuse with their classes', async () => {
    const { template_id } = await agent.templates.create({
      template_name: `order_update_${transport === 'http' ? 'h' : 'i'}`,
      language: 'en',
      category: 'UTILITY',
      body: 'Hi {{1}}, your order {{2}} is on its way.',
    });
    called.add('createTemplate');
    expect(await agent.templates.get(template_id)).toMatchObject({ template_status: 'pending', variable_count: 2 });
    called.add('getTemplate');
    const name = (await agent.templates.get(template_id)).template_name;
    const template = { template_name: name, language: 'en', variables: ['Thandi', 'A-1001'] };

    const never = '0821230000';
    await expect(agent.messaging.send({ channel: 'whatsapp', to: never, body: 'Hello?' })).rejects.toMatchObject({
      constructor: TemplateRequiredError,
      status: 409,
      errorCode: 'WINDOW_CLOSED_TEMPLATE_REQUIRED',
    });
    await expect(agent.messaging.send({ channel: 'whatsapp', to: never, template })).rejects.toBeInstanceOf(
      TemplateNotApprovedError,
    );
    expect(
      (
        await target.control('POST', `/__mock/messages/templates/${template_id}/review`, {
          template_status: 'approved',
        })
      ).status,
    ).toBe(200);
    expect((await agent.templates.list({ template_status: 'approved' })).templates.map((t) => t.template_id)).toContain(
      template_id,
    );
    called.add('listTemplates');
    const wrongCount = await agent.messaging
      .send({ channel: 'whatsapp', to: never, template: { ...template, variables: ['Thandi'] } })
      .catch((e: unknown) => e);
    expect(wrongCount).toBeInstanceOf(TemplateVariablesError);
    expect(wrongCount).toBeInstanceOf(ValidationError);
    const ok = await agent.messaging.send({ channel: 'whatsapp', to: never, template });
    expect((await agent.messages.get(ok.message_id)).body).toBe('Hi Thandi, your order A-1001 is on its way.');

    // SMS: the customer answers STOP; the next text is refused.
    await inbound({ channel: 'sms', from: '0821239999', body: 'STOP' });
    await expect(agent.messaging.send({ channel: 'sms', to: '0821239999', body: 'Hi again' })).rejects.toBeInstanceOf(
      RecipientOptedOutError,
    );
    // A bad address for its channel is a 400 naming the field, checked before anything is sent.
    const bad = await agent.messaging
      .send({ channel: 'email', to: 'not-an-address', body: 'x', subject: 's' })
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ValidationError);
  });

  it('leaving hands the agent’s open conversations back; every messaging route was called', async () => {
    await other.messaging.leave();
    called.add('leaveMessaging');
    expect((await other.messaging.get()).messaging_state).toBe('logged_out');
    if (transport === TRANSPORTS.at(-1))
      expect([...called].sort()).toEqual((Object.keys(messagingRoutes) as MessagingRouteId[]).sort());
    expect(Object.keys(MESSAGING_METHOD_NAMES).sort()).toEqual(Object.keys(messagingRoutes).sort());
  });
});
