import { messagingRoutes } from '@omnikit/contracts/messaging';
import { describe, expect, it } from 'vitest';
import {
  InvalidStateError,
  MESSAGING_METHOD_NAMES,
  MessageTagRequiredError,
  OmniClient,
  RecipientOptedOutError,
  ServerError,
  TemplateNotApprovedError,
  TemplateRequiredError,
  TemplateVariablesError,
  ValidationError,
} from '../src/index.js';
import { fakeFetch, json, omniError, type Responder, T0, tokenData } from './support/fake-fetch.js';

const MESSAGE = {
  message_id: 42,
  conversation_id: 7,
  channel: 'whatsapp',
  direction: 'outbound',
  from: '0215550100',
  to: '0821234567',
  body: 'Your order has shipped',
  media: [],
  message_status: 'delivered',
  channel_error_code: '',
  channel_error_detail: '',
  segments: 1,
  encoding: '',
  subject: '',
  email_message_id: '',
  in_reply_to: '',
  references: '',
  template: null,
  message_tag: '',
  user_id: 3,
  unique_id: 'crm-7',
  created_at: '2026-01-05T08:00:00.000Z',
  updated_at: '2026-01-05T08:00:02.000Z',
};

function agentWith(responder: Responder, extra: { validateResponses?: boolean; timeZone?: string } = {}) {
  const { fetch, seen } = fakeFetch(responder);
  const client = new OmniClient({
    baseUrl: 'http://omni.test',
    systemKey: 'k',
    fetch,
    now: () => T0,
    maxRetries: 1,
    retryDelay: { baseMs: 1, maxMs: 1 },
    validateResponses: false,
    ...extra,
  });
  return { agent: client.agent(client.restoreSession(tokenData('tok', T0 + 3600_000, 3))), seen, client };
}

const ok = () => json(200, { success: true, detail: 'done' });

describe('messaging methods', () => {
  it('every messaging route of the contracts has a method, where MESSAGING_METHOD_NAMES puts it', () => {
    const { agent } = agentWith(ok);
    expect(Object.keys(MESSAGING_METHOD_NAMES).sort()).toEqual(Object.keys(messagingRoutes).sort());
    for (const [group, name] of Object.values(MESSAGING_METHOD_NAMES)) {
      const holder = (agent as unknown as Record<string, Record<string, unknown>>)[group];
      expect(typeof holder?.[name], `${group}.${name}`).toBe('function');
    }
  });

  it('sends each request to its route: the session fills {user_id}, ids go in the path, queries in the URL', async () => {
    const { agent, seen } = agentWith(ok);
    await agent.messaging.send({ channel: 'whatsapp', to: '0821234567', body: 'Hi', unique_id: 'crm-7' });
    await agent.messaging.join({ campaign_id: 2 });
    await agent.messaging.state({ state: 'ready' });
    await agent.messaging.get();
    await agent.messaging.leave();
    await agent.conversations.list({ channel: 'sms', conversation_state: 'queued', page: 2, page_size: 20 });
    await agent.conversations.get(7);
    await agent.conversations.messages(7, { page: 3 });
    await agent.conversations.assign(7, { to_user_id: 4 });
    await agent.conversations.markRead(7);
    await agent.conversations.close(7, { disposition_code: 'SALE', notes: 'booked' });
    await agent.messages.get(42);
    await agent.messagingCampaigns.create({ campaign_name: 'Chats', channels: ['whatsapp'] });
    await agent.messagingCampaigns.get(2);
    await agent.messagingCampaigns.list();
    await agent.templates.create({
      template_name: 'order_update',
      language: 'en',
      category: 'UTILITY',
      body: 'Hi {{1}}',
    });
    await agent.templates.list({ template_status: 'approved' });
    await agent.templates.get(5);
    expect(seen.map((s) => `${s.method} ${s.url.pathname}${s.url.search}`)).toEqual([
      'POST /omni/messaging/3/message',
      'POST /omni/messaging/3/join',
      'POST /omni/messaging/3/state',
      'GET /omni/messaging/3',
      'POST /omni/messaging/3/leave',
      'GET /omni/messaging/conversations?channel=sms&conversation_state=queued&page=2&page_size=20',
      'GET /omni/messaging/conversations/7',
      'GET /omni/messaging/conversations/7/messages?page=3',
      'POST /omni/messaging/3/conversation/7/assign',
      'POST /omni/messaging/3/conversation/7/read',
      'POST /omni/messaging/3/conversation/7/close',
      'GET /omni/messaging/messages/42',
      'POST /omni/messaging/campaign',
      'GET /omni/messaging/campaign/2',
      'GET /omni/messaging/campaigns',
      'POST /omni/messaging/templates',
      'GET /omni/messaging/templates?template_status=approved',
      'GET /omni/messaging/templates/5',
    ]);
    expect(JSON.parse(seen[0]?.body ?? '')).toEqual({
      channel: 'whatsapp',
      to: '0821234567',
      body: 'Hi',
      unique_id: 'crm-7',
    });
    expect(JSON.parse(seen[8]?.body ?? '')).toEqual({ to_user_id: 4 });
    expect(JSON.parse(seen[10]?.body ?? '')).toEqual({ disposition_code: 'SALE', notes: 'booked' });
    for (const s of seen) {
      expect(s.headers.get('authorization')).toBe('Key=k');
      expect(s.headers.get('tokenKey')).toBe('tok');
    }
  });

  it('retries a read after a 503 but never a send (sending twice would message the customer twice)', async () => {
    const { agent, seen } = agentWith((_, n) =>
      n === 1 ? omniError(503, 'SERVICE_UNAVAILABLE', 'service unavailable') : json(200, MESSAGE),
    );
    expect((await agent.messages.get(42)).message_status).toBe('delivered');
    expect(seen).toHaveLength(2);
    const send = agentWith(() => omniError(503, 'SERVICE_UNAVAILABLE', 'service unavailable'));
    await expect(send.agent.messaging.send({ channel: 'sms', to: '0821234567', body: 'Hi' })).rejects.toBeInstanceOf(
      ServerError,
    );
    expect(send.seen).toHaveLength(1);
  });

  it('reads a message back in the contract’s form whatever form the dates and ids came in', async () => {
    const local = {
      ...MESSAGE,
      message_id: '42',
      conversation_id: '7',
      user_id: '3',
      created_at: '2026-01-05 10:00:00',
      updated_at: '2026-01-05T10:00:02.000+02:00',
    };
    const { agent } = agentWith(() => json(200, local), { validateResponses: true, timeZone: 'Africa/Johannesburg' });
    expect(await agent.messages.get(42)).toEqual(MESSAGE);
  });

  it('checks answers against the contract when validation is on', async () => {
    const { agent } = agentWith(() => json(200, { ...MESSAGE, message_status: 'teleported' }), {
      validateResponses: true,
    });
    await expect(agent.messages.get(42)).rejects.toMatchObject({ name: 'ResponseValidationError' });
  });
});

/** Each rule's refusal: its code and status, and a detail as the mock writes it. */
const RULES = [
  [
    'WINDOW_CLOSED_TEMPLATE_REQUIRED',
    409,
    'the customer service window closed at 2026-01-06T08:00:00.000Z: only an approved template may be sent',
    TemplateRequiredError,
    InvalidStateError,
  ],
  [
    'MESSAGE_TAG_REQUIRED',
    409,
    'more than 24 hours since the person last wrote: the message needs a message tag',
    MessageTagRequiredError,
    InvalidStateError,
  ],
  [
    'RECIPIENT_OPTED_OUT',
    409,
    '0821234567 replied with an opt-out keyword to this sender; it receives nothing until it replies START',
    RecipientOptedOutError,
    InvalidStateError,
  ],
  [
    'TEMPLATE_NOT_APPROVED',
    409,
    'template order_update (en) is pending, not approved',
    TemplateNotApprovedError,
    InvalidStateError,
  ],
  [
    'TEMPLATE_VARIABLES_MISMATCH',
    400,
    'template order_update takes 2 parameter(s); 1 given',
    TemplateVariablesError,
    ValidationError,
  ],
] as const;

describe('the messaging rules’ refusals are their own classes, however Omni says them', () => {
  const send = (agent: ReturnType<typeof agentWith>['agent']) =>
    agent.messaging.send({ channel: 'whatsapp', to: '0821234567', body: 'Hi' }).catch((e: unknown) => e);

  for (const [code, status, detail, cls, parent] of RULES) {
    it(`${code}: coded, status-only and 200 { success: false } all give ${cls.name}`, async () => {
      const coded = await send(agentWith(() => omniError(status, code, detail)).agent);
      expect(coded).toBeInstanceOf(cls);
      expect(coded).toBeInstanceOf(parent);
      expect(coded).toMatchObject({ status, errorCode: code, detail });
      const statusOnly = await send(agentWith(() => json(status, { success: false, detail })).agent);
      expect(statusOnly).toBeInstanceOf(cls);
      expect(statusOnly).toMatchObject({ status, errorCode: undefined });
      const okFalse = await send(agentWith(() => json(200, { success: false, detail })).agent);
      expect(okFalse).toBeInstanceOf(cls);
      expect(okFalse).toMatchObject({ status: 200, errorCode: undefined });
    });
  }

  it('a code decides over the words; a status that is not the rule’s keeps its own class', async () => {
    const other = await send(
      agentWith(() => omniError(409, 'INVALID_STATE', 'only an approved template may be sent')).agent,
    );
    expect(other).toBeInstanceOf(InvalidStateError);
    expect(other).not.toBeInstanceOf(TemplateRequiredError);
    const wrongStatus = await send(
      agentWith(() => json(400, { success: false, detail: 'only an approved template may be sent' })).agent,
    );
    expect(wrongStatus).toBeInstanceOf(ValidationError);
    expect(wrongStatus).not.toBeInstanceOf(TemplateRequiredError);
    const plain = await send(agentWith(() => omniError(409, 'INVALID_STATE', 'the conversation is closed')).agent);
    expect(plain?.constructor).toBe(InvalidStateError);
  });
});
