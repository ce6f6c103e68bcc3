/**
 * Every messaging route and its control routes refuse bad input with the contract's error body and the right 4xx,
 * never a 500: bad path ids, unknown ids, bad bodies and queries, no token, another agent's path.
 */

import { errorBody } from '@omnikit/contracts';
import { messagingRouteList } from '@omnikit/contracts/messaging';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockOmni } from '../../src/index.js';
import { type OmniTestClient, startMock } from '../support/omni-client.js';

let mock: MockOmni;
let c: OmniTestClient;
let token: string;

beforeAll(async () => {
  ({ mock, client: c } = await startMock());
  token = await c.login('agent1');
  await c.request('POST', '/omni/messaging/1/join', { token, body: { campaign_id: 1 } });
});
afterAll(async () => {
  await mock.close();
});

type Case = [method: string, path: string, body: unknown, status: number, code: string, field?: string];

const CASES: Case[] = [
  // send
  [
    'POST',
    '/omni/messaging/1/message',
    { channel: 'sms', to: 'ann@example.com', body: 'x' },
    400,
    'VALIDATION_FAILED',
    'to',
  ],
  [
    'POST',
    '/omni/messaging/1/message',
    { channel: 'fax', to: '0821234567', body: 'x' },
    400,
    'VALIDATION_FAILED',
    'channel',
  ],
  ['POST', '/omni/messaging/1/message', { channel: 'sms', to: '0821234567' }, 400, 'VALIDATION_FAILED', 'body'],
  [
    'POST',
    '/omni/messaging/1/message',
    { channel: 'sms', to: '0821234567', body: 'x', campaign_id: 99 },
    404,
    'NOT_FOUND',
    'campaign_id',
  ],
  [
    'POST',
    '/omni/messaging/x/message',
    { channel: 'sms', to: '0821234567', body: 'x' },
    400,
    'VALIDATION_FAILED',
    'user_id',
  ],
  ['POST', '/omni/messaging/2/message', { channel: 'sms', to: '0821234567', body: 'x' }, 403, 'FORBIDDEN_USER'],
  // lists and reads
  ['GET', '/omni/messaging/conversations?page=0', undefined, 400, 'VALIDATION_FAILED', 'page'],
  ['GET', '/omni/messaging/conversations?channel=fax', undefined, 400, 'VALIDATION_FAILED', 'channel'],
  ['GET', '/omni/messaging/conversations/0', undefined, 400, 'VALIDATION_FAILED', 'conversation_id'],
  ['GET', '/omni/messaging/conversations/999', undefined, 404, 'NOT_FOUND', 'conversation_id'],
  ['GET', '/omni/messaging/conversations/999/messages', undefined, 404, 'NOT_FOUND', 'conversation_id'],
  ['GET', '/omni/messaging/conversations/1/messages?page_size=501', undefined, 400, 'VALIDATION_FAILED', 'page_size'],
  ['GET', '/omni/messaging/messages/999', undefined, 404, 'NOT_FOUND', 'message_id'],
  ['GET', '/omni/messaging/messages/abc', undefined, 400, 'VALIDATION_FAILED', 'message_id'],
  // assign, read, close
  ['POST', '/omni/messaging/1/conversation/999/assign', { to_user_id: 1 }, 404, 'NOT_FOUND', 'conversation_id'],
  ['POST', '/omni/messaging/1/conversation/1/assign', { to_user_id: 0 }, 400, 'VALIDATION_FAILED', 'to_user_id'],
  ['POST', '/omni/messaging/1/conversation/1/assign', { to_user_id: 77 }, 404, 'NOT_FOUND', 'to_user_id'],
  ['POST', '/omni/messaging/1/conversation/1/assign', { to_user_id: 3 }, 403, 'FORBIDDEN_USER'],
  ['POST', '/omni/messaging/1/conversation/1/read', undefined, 409, 'INVALID_STATE'],
  ['POST', '/omni/messaging/1/conversation/999/read', undefined, 404, 'NOT_FOUND', 'conversation_id'],
  [
    'POST',
    '/omni/messaging/1/conversation/1/close',
    { disposition_code: 'sale' },
    400,
    'VALIDATION_FAILED',
    'disposition_code',
  ],
  ['POST', '/omni/messaging/1/conversation/1/close', { disposition_code: 'SALE' }, 409, 'INVALID_STATE'],
  // campaigns and agents
  ['POST', '/omni/messaging/campaign', { campaign_name: 'x', channels: [] }, 400, 'VALIDATION_FAILED', 'channels'],
  [
    'POST',
    '/omni/messaging/campaign',
    { campaign_name: 'x', channels: ['sms', 'sms'] },
    400,
    'VALIDATION_FAILED',
    'channels.1',
  ],
  [
    'POST',
    '/omni/messaging/campaign',
    { campaign_name: 'x', channels: ['sms'], max_concurrent_conversations: 0 },
    400,
    'VALIDATION_FAILED',
    'max_concurrent_conversations',
  ],
  ['GET', '/omni/messaging/campaign/999', undefined, 404, 'NOT_FOUND', 'campaign_id'],
  ['POST', '/omni/messaging/1/join', { campaign_id: 999 }, 404, 'NOT_FOUND', 'campaign_id'],
  ['POST', '/omni/messaging/1/join', { campaign_id: '1' }, 400, 'VALIDATION_FAILED', 'campaign_id'],
  ['POST', '/omni/messaging/1/state', { state: 'on_call' }, 400, 'VALIDATION_FAILED', 'state'],
  ['POST', '/omni/messaging/1/state', { state: 'ready', pause_code: 'LUNCH' }, 400, 'VALIDATION_FAILED', 'pause_code'],
  ['GET', '/omni/messaging/2', undefined, 403, 'FORBIDDEN_USER'],
  // templates
  [
    'POST',
    '/omni/messaging/templates',
    { template_name: 'Bad Name', language: 'en', category: 'UTILITY', body: 'x' },
    400,
    'VALIDATION_FAILED',
    'template_name',
  ],
  [
    'POST',
    '/omni/messaging/templates',
    { template_name: 'gap', language: 'en', category: 'UTILITY', body: 'Hi {{2}} there' },
    400,
    'VALIDATION_FAILED',
    'body',
  ],
  ['GET', '/omni/messaging/templates?template_status=draft', undefined, 400, 'VALIDATION_FAILED', 'template_status'],
  ['GET', '/omni/messaging/templates/999', undefined, 404, 'NOT_FOUND', 'template_id'],
  // control
  [
    'POST',
    '/__mock/messages/inbound',
    { channel: 'email', from: '0821234567', body: 'x' },
    400,
    'VALIDATION_FAILED',
    'from',
  ],
  ['POST', '/__mock/messages/inbound', { channel: 'sms', from: '0821234567' }, 400, 'VALIDATION_FAILED', 'body'],
  [
    'POST',
    '/__mock/messages/inbound',
    { channel: 'email', from: 'ann@example.com', body: 'x', references: 'no ids here' },
    400,
    'VALIDATION_FAILED',
    'references',
  ],
  [
    'POST',
    '/__mock/messages/inbound',
    { channel: 'sms', from: '0821234567', body: 'x', references: '<a@omni.test>' },
    400,
    'VALIDATION_FAILED',
    'references',
  ],
  [
    'POST',
    '/__mock/messages/inbound',
    { channel: 'email', from: 'ann@example.com', body: 'x', references: 42 },
    400,
    'VALIDATION_FAILED',
    'references',
  ],
  [
    'POST',
    '/__mock/messages/inbound',
    { channel: 'email', from: 'ann@example.com', body: 'x', in_reply_to: '<a@omni.test> <b@omni.test>' },
    400,
    'VALIDATION_FAILED',
    'in_reply_to',
  ],
  ['POST', '/__mock/messages/templates/999/review', { template_status: 'approved' }, 404, 'NOT_FOUND', 'template_id'],
  ['POST', '/__mock/messages/templates/1/review', { template_status: 'approved' }, 409, 'INVALID_STATE'],
  [
    'POST',
    '/__mock/messages/templates/3/review',
    { template_status: 'pending' },
    400,
    'VALIDATION_FAILED',
    'template_status',
  ],
];

describe('bad input to the messaging routes', () => {
  it.each(CASES)('%s %s → %s', async (method, path, body, status, code, field) => {
    const res = await c.request(method, path, { token, ...(body === undefined ? {} : { body }) });
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(errorBody.parse(res.body).error_code).toBe(code);
    if (field) expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('every messaging route answers 401 MISSING_TOKEN without a token, in the contract’s body', async () => {
    for (const route of messagingRouteList) {
      const path = route.path.replace(/\{[a-z_]+\}/g, '1');
      const res = await c.request(route.method, path, route.body ? { body: {} } : {});
      expect(res.status, `${route.method} ${path}`).toBe(401);
      expect(errorBody.parse(res.body).error_code).toBe('MISSING_TOKEN');
    }
  });

  it('a body that is not JSON is 400, never a 500', async () => {
    const res = await c.request('POST', '/omni/messaging/1/message', { token, raw: '{"channel":' });
    expect(res.status).toBe(400);
    expect(errorBody.parse(res.body).error_code).toBe('VALIDATION_FAILED');
  });

  it('the literal paths are not read as a user id', async () => {
    for (const path of ['/omni/messaging/campaigns', '/omni/messaging/templates', '/omni/messaging/conversations'])
      expect((await c.request('GET', path, { token })).status, path).toBe(200);
  });
});
