/**
 * The inbox's routes over real loopback HTTP against the in-process mock (manual clock): a WhatsApp
 * conversation from the customer's first message to its close, as the browser sees it (unread count,
 * last message, the window against Omni's clock, read, reply, statuses, the window closing, the
 * template), every route's bad inputs as 400s naming the field, Omni's messaging refusals in words,
 * and against a real Omni the list saying messaging is not published while every other route answers
 * 404 `NOT_PUBLISHED` before a request reaches Omni.
 *
 * @module
 */

import { afterEach, describe, expect, it } from 'vitest';
import { consoleError } from '../../../src/shared/console-errors.js';
import { inboxView, templateList, threadMessage, threadView } from '../../../src/shared/inbox-schemas.js';
import { ConsoleBrowser, type ConsoleFixture, startConsoleFixture } from '../console-fixture.js';

let fx: ConsoleFixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

const DAY_MS = 24 * 60 * 60 * 1000;
/** A magic address of the mock (apps/mock-omni/docs/messaging-addresses.md): delivered, read 5 s later. */
const READER = '0800666002';

/** Omni's own API as agent5 (system key and token), for what an administrator sets up. */
async function omniAs(fixture: ConsoleFixture) {
  const key = { Authorization: `Key=${fixture.mock.defaultSystemKey}`, 'content-type': 'application/json' };
  const login = await fetch(`${fixture.mockUrl}/omni/user/authorize`, {
    method: 'POST',
    headers: key,
    body: JSON.stringify({ user_name: 'agent5', password: Buffer.from('password5').toString('base64') }),
  });
  const { token_key } = (await login.json()) as { token_key: string };
  return async (method: string, path: string, body?: unknown): Promise<Record<string, unknown>> => {
    const res = await fetch(`${fixture.mockUrl}${path}`, {
      method,
      headers: { ...key, tokenKey: token_key },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
}

/** A messaging campaign carrying WhatsApp (the lowest id: where a new WhatsApp conversation goes). */
async function whatsappCampaign(fixture: ConsoleFixture): Promise<number> {
  const omni = await omniAs(fixture);
  const { campaigns } = (await omni('GET', '/omni/messaging/campaigns')) as {
    campaigns: { campaign_id: number; channels: string[] }[];
  };
  const found = campaigns
    .filter((c) => c.channels.includes('whatsapp'))
    .sort((a, b) => a.campaign_id - b.campaign_id)[0];
  if (found) return found.campaign_id;
  const created = await omni('POST', '/omni/messaging/campaign', {
    campaign_name: 'Messages',
    channels: ['whatsapp', 'sms'],
  });
  return created.campaign_id as number;
}

/**
 * The agent joined and ready; the demo data's waiting customers it is offered at once (the campaign's
 * limit) closed to make room; then a customer writes on WhatsApp and that conversation is offered.
 */
async function conversationWith(fixture: ConsoleFixture, browser: ConsoleBrowser, from = READER): Promise<number> {
  const campaignId = await whatsappCampaign(fixture);
  await browser.json('POST', '/api/messaging/join', { campaign_id: campaignId });
  await browser.json('POST', '/api/messaging/state', { state: 'ready' });
  for (const waiting of (await inbox(browser)).conversations.filter((c) => c.conversation_state === 'assigned'))
    await browser.json('POST', `/api/conversations/${waiting.conversation_id}/close`, { disposition_code: 'NI' });
  const res = await fixture.control('POST', '/__mock/messages/inbound', {
    channel: 'whatsapp',
    from,
    body: 'Where is my parcel?',
  });
  expect(res.status).toBe(200);
  const { conversation_id } = (await res.json()) as { conversation_id: number };
  return conversation_id;
}

async function inbox(browser: ConsoleBrowser) {
  const view = inboxView.parse(await browser.json('GET', '/api/inbox'));
  if (!view.available) throw new Error('the inbox should be available against the mock');
  return view;
}

const errorOf = async (res: Response) => consoleError.parse(await res.json()).error;

describe('the inbox against the mock', () => {
  it('a WhatsApp conversation: unread, read, reply with its statuses, window closed, template, close', async () => {
    fx = await startConsoleFixture();
    const browser = new ConsoleBrowser(fx.url);
    await browser.signIn('agent2', 'password2');
    const before = await inbox(browser);
    expect(before.agent.messaging_state).toBe('logged_out');
    expect(before.campaigns.length).toBeGreaterThan(0);

    const id = await conversationWith(fx, browser);
    const listed = (await inbox(browser)).conversations.find((c) => c.conversation_id === id);
    expect(listed).toMatchObject({
      channel: 'whatsapp',
      customer_address: READER,
      conversation_state: 'assigned',
      unread_count: 1,
      window_open: true,
      last_message: { direction: 'inbound', body: 'Where is my parcel?' },
    });

    const thread = threadView.parse(await browser.json('GET', `/api/conversations/${id}`));
    expect(thread.messages.map((m) => [m.direction, m.body])).toEqual([['inbound', 'Where is my parcel?']]);
    expect(thread.dispositions).toContain('SALE');
    await browser.json('POST', `/api/conversations/${id}/read`);
    expect((await inbox(browser)).conversations.find((c) => c.conversation_id === id)?.unread_count).toBe(0);

    const reply = threadMessage.parse(
      await browser.json('POST', `/api/conversations/${id}/messages`, { kind: 'text', text: 'On its way today.' }),
    );
    expect(reply).toMatchObject({ direction: 'outbound', body: 'On its way today.', message_status: 'queued' });
    expect((await inbox(browser)).conversations.find((c) => c.conversation_id === id)?.last_message).toMatchObject({
      direction: 'outbound',
      body: 'On its way today.',
    });
    // Each status is timed from the one before it: a second at a time, as the clock would run.
    for (let s = 0; s < 10; s++) await fx.advance(1000);
    const statuses = threadView.parse(await browser.json('GET', `/api/conversations/${id}`)).messages;
    expect(statuses.find((m) => m.message_id === reply.message_id)?.message_status).toBe('read');

    // A day later the window has closed (and the agent's 8-hour token has expired: sign in again).
    await fx.advance(DAY_MS);
    await browser.signIn('agent2', 'password2');
    const later = (await inbox(browser)).conversations.find((c) => c.conversation_id === id);
    expect(later?.window_open).toBe(false);
    const refused = await browser.request('POST', `/api/conversations/${id}/messages`, { kind: 'text', text: 'Hi?' });
    expect(refused.status).toBe(409);
    const error = await errorOf(refused);
    expect(error).toMatchObject({ code: 'CONFLICT', omniCode: 'WINDOW_CLOSED_TEMPLATE_REQUIRED' });
    expect(error.message).toMatch(/24 hours/);

    const omni = await omniAs(fx);
    const { template_id } = (await omni('POST', '/omni/messaging/templates', {
      template_name: 'parcel_update',
      language: 'en',
      category: 'UTILITY',
      body: 'Hi {{1}}, parcel {{2}} is out for delivery.',
    })) as { template_id: number };
    const pending = templateList.parse(await browser.json('GET', '/api/messaging/templates'));
    expect(pending.templates.map((t) => t.name)).not.toContain('parcel_update');
    expect(pending.message_tags.map((t) => t.tag)).toContain('HUMAN_AGENT');
    const tooEarly = await browser.request('POST', `/api/conversations/${id}/messages`, {
      kind: 'template',
      template_name: 'parcel_update',
      language: 'en',
      variables: ['Sam', 'P-1'],
    });
    expect([tooEarly.status, (await errorOf(tooEarly)).omniCode]).toEqual([409, 'TEMPLATE_NOT_APPROVED']);

    await fx.control('POST', `/__mock/messages/templates/${template_id}/review`, { template_status: 'approved' });
    const approved = templateList.parse(await browser.json('GET', '/api/messaging/templates'));
    expect(approved.templates.find((t) => t.name === 'parcel_update')).toMatchObject({
      language: 'en',
      category: 'UTILITY',
      variable_count: 2,
    });
    const mismatch = await browser.request('POST', `/api/conversations/${id}/messages`, {
      kind: 'template',
      template_name: 'parcel_update',
      language: 'en',
      variables: ['Sam'],
    });
    expect([mismatch.status, (await errorOf(mismatch)).omniCode]).toEqual([400, 'TEMPLATE_VARIABLES_MISMATCH']);
    const templated = threadMessage.parse(
      await browser.json('POST', `/api/conversations/${id}/messages`, {
        kind: 'template',
        template_name: 'parcel_update',
        language: 'en',
        variables: ['Sam', 'P-1'],
      }),
    );
    expect(templated.body).toBe('Hi Sam, parcel P-1 is out for delivery.');
    expect(templated.template).toMatchObject({ template_name: 'parcel_update', variables: ['Sam', 'P-1'] });

    const noCode = await browser.request('POST', `/api/conversations/${id}/close`, {});
    expect([noCode.status, (await errorOf(noCode)).field]).toEqual([400, 'disposition_code']);
    await browser.json('POST', `/api/conversations/${id}/close`, { disposition_code: 'SALE', notes: 'sent' });
    const closed = (await inbox(browser)).conversations.find((c) => c.conversation_id === id);
    expect(closed?.conversation_state).toBe('closed');
    const afterClose = await browser.request('POST', `/api/conversations/${id}/messages`, { kind: 'text', text: 'x' });
    expect(afterClose.status).toBe(409);
    expect((await errorOf(afterClose)).message).toMatch(/closed/);
  });

  it('refuses bad input with a 400 naming the field, before Omni is asked', async () => {
    fx = await startConsoleFixture();
    const browser = new ConsoleBrowser(fx.url);
    await browser.signIn('agent2', 'password2');
    const id = await conversationWith(fx, browser);
    const cases: [string, string, unknown, string | undefined][] = [
      ['GET', '/api/conversations/0', undefined, 'conversation_id'],
      ['GET', '/api/conversations/abc', undefined, 'conversation_id'],
      ['POST', '/api/conversations/-1/read', undefined, 'conversation_id'],
      ['POST', `/api/conversations/${id}/messages`, {}, 'kind'],
      ['POST', `/api/conversations/${id}/messages`, { kind: 'fax', text: 'x' }, 'kind'],
      ['POST', `/api/conversations/${id}/messages`, { kind: 'text', text: '   ' }, 'text'],
      ['POST', `/api/conversations/${id}/messages`, { kind: 'text', text: 'x'.repeat(4097) }, 'text'],
      [
        'POST',
        `/api/conversations/${id}/messages`,
        { kind: 'text', text: 'x', message_tag: 'whenever' },
        'message_tag',
      ],
      [
        'POST',
        `/api/conversations/${id}/messages`,
        { kind: 'template', template_name: 'Bad Name', language: 'en', variables: [] },
        'template_name',
      ],
      [
        'POST',
        `/api/conversations/${id}/messages`,
        { kind: 'template', template_name: 'ok', language: 'english', variables: [] },
        'language',
      ],
      [
        'POST',
        `/api/conversations/${id}/messages`,
        { kind: 'template', template_name: 'ok', language: 'en', variables: ['a', ' '] },
        'variables.1',
      ],
      // Fields the conversation's channel does not have: WhatsApp has no subject and no tags.
      ['POST', `/api/conversations/${id}/messages`, { kind: 'text', text: 'x', subject: 'Hi' }, 'subject'],
      [
        'POST',
        `/api/conversations/${id}/messages`,
        { kind: 'text', text: 'x', message_tag: 'HUMAN_AGENT' },
        'message_tag',
      ],
      ['POST', `/api/conversations/${id}/close`, { disposition_code: 'not a code' }, 'disposition_code'],
      ['POST', `/api/conversations/${id}/close`, { disposition_code: 'SALE', notes: 'x'.repeat(2001) }, 'notes'],
      ['POST', '/api/messaging/join', { campaign_id: 'one' }, 'campaign_id'],
      ['POST', '/api/messaging/join', {}, 'campaign_id'],
      ['POST', '/api/messaging/state', { state: 'busy' }, 'state'],
      ['POST', '/api/messaging/state', { state: 'ready', pause_code: 'LUNCH' }, 'pause_code'],
    ];
    for (const [method, path, body, field] of cases) {
      const res = await browser.request(method, path, body);
      const error = await errorOf(res);
      expect([method, path, JSON.stringify(body), res.status, error.code, error.field]).toEqual([
        method,
        path,
        JSON.stringify(body),
        400,
        'BAD_REQUEST',
        field,
      ]);
    }
    const notJson = await browser.request('POST', `/api/conversations/${id}/messages`, undefined, { rawBody: '{' });
    expect([notJson.status, (await errorOf(notJson)).message]).toEqual([400, expect.stringMatching(/JSON/)]);
    // Nothing was sent or closed by any of them.
    const thread = threadView.parse(await browser.json('GET', `/api/conversations/${id}`));
    expect(thread.messages).toHaveLength(1);
    expect(thread.conversation.conversation_state).toBe('assigned');
  });

  it('Omni’s refusals in words: an unknown conversation, a join to no campaign, someone else’s conversation', async () => {
    fx = await startConsoleFixture();
    const owner = new ConsoleBrowser(fx.url);
    await owner.signIn('agent2', 'password2');
    const id = await conversationWith(fx, owner);
    const other = new ConsoleBrowser(fx.url);
    await other.signIn('agent3', 'password3');

    const unknown = await other.request('GET', '/api/conversations/999999');
    expect([unknown.status, (await errorOf(unknown)).code]).toEqual([404, 'NOT_FOUND']);
    const noCampaign = await other.request('POST', '/api/messaging/join', { campaign_id: 999999 });
    expect([noCampaign.status, (await errorOf(noCampaign)).code]).toEqual([404, 'NOT_FOUND']);
    // agent3 has joined no messaging campaign: it may not send.
    const notJoined = await other.request('POST', `/api/conversations/${id}/messages`, { kind: 'text', text: 'Hi' });
    const refusal = await errorOf(notJoined);
    expect([notJoined.status, refusal.code]).toEqual([409, 'CONFLICT']);
    expect(refusal.message.length).toBeGreaterThan(10);
    const closeOthers = await other.request('POST', `/api/conversations/${id}/close`, { disposition_code: 'SALE' });
    expect([closeOthers.status, (await errorOf(closeOthers)).code]).toEqual([409, 'CONFLICT']);
  });
});

describe('the inbox against a real Omni', () => {
  it('says messaging is not published; every other inbox route is 404 NOT_PUBLISHED and reaches no Omni', async () => {
    fx = await startConsoleFixture({ args: ['--target', 'omni', '--system-key', 'omni-demo-key'] });
    const browser = new ConsoleBrowser(fx.url);
    await browser.signIn();
    const view = inboxView.parse(await browser.json('GET', '/api/inbox'));
    expect(view).toEqual({ available: false, reason: expect.stringMatching(/not published by TForge/) });
    const journal = async () => {
      const res = await fx?.control('GET', '/__mock/journal?limit=1');
      const body = (await res?.json()) as { entries: { id: number }[] };
      return body.entries[0]?.id ?? 0;
    };
    const before = await journal();
    const routes: [string, string, unknown][] = [
      ['GET', '/api/conversations/1', undefined],
      ['POST', '/api/conversations/1/messages', { kind: 'text', text: 'Hi' }],
      ['POST', '/api/conversations/1/read', undefined],
      ['POST', '/api/conversations/1/close', { disposition_code: 'SALE' }],
      ['GET', '/api/messaging/templates', undefined],
      ['POST', '/api/messaging/join', { campaign_id: 1 }],
      ['POST', '/api/messaging/state', { state: 'ready' }],
      ['POST', '/api/messaging/leave', undefined],
    ];
    for (const [method, path, body] of routes) {
      const res = await browser.request(method, path, body);
      const error = await errorOf(res);
      expect([path, res.status, error.code]).toEqual([path, 404, 'NOT_PUBLISHED']);
      expect(error.message).toMatch(/not published by TForge/);
    }
    expect(await journal()).toBe(before);
  });
});
