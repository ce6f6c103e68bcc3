/**
 * Who acts on a conversation (B.12.4): the read receipt names the agent who read the messages, an agent takes a
 * queued conversation for itself only (another agent's is 403 `FORBIDDEN_USER`), only the owner transfers, and the
 * slot a transfer frees is offered the queue at once.
 */

import { errorBody } from '@omnikit/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockOmni } from '../../src/index.js';
import { type OmniTestClient, startMock } from '../support/omni-client.js';

let mock: MockOmni;
let c: OmniTestClient;
let t1: string;
let t2: string;
let t3: string;

beforeEach(async () => {
  ({ mock, client: c } = await startMock());
  t1 = await c.login('agent1');
  t2 = await c.login('agent2');
  t3 = await c.login('agent3');
});
afterEach(async () => {
  await mock.close();
});

// biome-ignore lint/suspicious/noExplicitAny: notifications are read loosely and asserted field by field.
async function notifications(type: string): Promise<any[]> {
  const res = await c.request('GET', `/__mock/webhook/deliveries?limit=1000&type=${type}`);
  expect(res.status).toBe(200);
  // biome-ignore lint/suspicious/noExplicitAny: as above.
  return (res.body.deliveries as any[]).map((d) => d.notification).reverse();
}

async function join(token: string, userId: number, ready: boolean): Promise<void> {
  expect((await c.request('POST', `/omni/messaging/${userId}/join`, { token, body: { campaign_id: 1 } })).status).toBe(
    200,
  );
  if (ready)
    expect(
      (await c.request('POST', `/omni/messaging/${userId}/state`, { token, body: { state: 'ready' } })).status,
    ).toBe(200);
}

const assign = (token: string, userId: number, conversationId: number, toUserId: number) =>
  c.request('POST', `/omni/messaging/${userId}/conversation/${conversationId}/assign`, {
    token,
    body: { to_user_id: toUserId },
  });

describe('the read receipt', () => {
  it('names the agent who marked the conversation read, whoever owned it when the messages arrived', async () => {
    // Agent 1 is offered the demo queue: its customers wrote while no one owned their conversations.
    await join(t1, 1, true);
    expect((await c.request('POST', '/omni/messaging/1/conversation/1/read', { token: t1 })).status).toBe(200);
    // A second message on conversation 2 arrives while agent 1 owns it; agent 2 reads both after a transfer.
    const later = await c.request('POST', '/__mock/messages/inbound', {
      body: { channel: 'sms', from: '0821234567', body: 'Any news?' },
    });
    expect(later.body.conversation_id).toBe(2);
    await join(t2, 2, false);
    expect((await assign(t1, 1, 2, 2)).status).toBe(200);
    expect((await c.request('POST', '/omni/messaging/2/conversation/2/read', { token: t2 })).status).toBe(200);

    const receipts = (await notifications('message_status')).filter(
      (n) => n.payload.direction === 'inbound' && n.payload.message_status === 'read',
    );
    expect(receipts.map((n) => [n.payload.conversation_id, n.payload.message_id, n.payload.user_id])).toEqual([
      [1, 1, 1],
      [2, 2, 2],
      [2, later.body.message_id, 2],
    ]);
  });
});

describe('assigning a conversation', () => {
  it('a queued conversation is taken for oneself only: assigning it to another agent is 403 FORBIDDEN_USER', async () => {
    await join(t1, 1, false);
    await join(t2, 2, false);
    const refused = await assign(t1, 1, 1, 2);
    expect(refused.status).toBe(403);
    expect(errorBody.parse(refused.body)).toMatchObject({ success: false, error_code: 'FORBIDDEN_USER' });
    expect(refused.body.detail).toContain('queued');
    // Nothing moved: the conversation still waits, and no one was told it was assigned.
    const still = await c.request('GET', '/omni/messaging/conversations/1', { token: t1 });
    expect(still.body).toMatchObject({ conversation_state: 'queued', user_id: 0 });
    expect(await notifications('conversation_assigned')).toEqual([]);

    // Agent 2 takes it; agent 2, its owner, may transfer it to agent 1.
    expect((await assign(t2, 2, 1, 2)).status).toBe(200);
    expect((await assign(t2, 2, 1, 1)).status).toBe(200);
    const moves = await notifications('conversation_assigned');
    expect(moves.map((n) => [n.payload.user_id, n.payload.previous_user_id, n.payload.reason])).toEqual([
      [2, 0, 'assign'],
      [1, 2, 'transfer'],
    ]);
  });

  it('an agent not in the campaign cannot take a queued conversation (409 AGENT_NOT_LOGGED_IN), nor receive one', async () => {
    await join(t1, 1, false);
    const notJoined = await assign(t3, 3, 2, 3);
    expect([notJoined.status, errorBody.parse(notJoined.body).error_code]).toEqual([409, 'AGENT_NOT_LOGGED_IN']);
    expect((await assign(t1, 1, 2, 1)).status).toBe(200);
    const toOutsider = await assign(t1, 1, 2, 3);
    expect([toOutsider.status, errorBody.parse(toOutsider.body).error_code]).toEqual([409, 'AGENT_NOT_LOGGED_IN']);
  });

  it('a transfer frees a slot of a ready agent at its maximum: the oldest queued conversation is offered to it', async () => {
    await join(t1, 1, true);
    expect((await c.request('GET', '/omni/messaging/1', { token: t1 })).body.open_conversations).toBe(3);
    const waiting = await c.request('POST', '/__mock/messages/inbound', {
      body: { channel: 'sms', from: '0831112222', body: 'Hello?' },
    });
    await join(t2, 2, false);
    expect((await assign(t1, 1, 1, 2)).status).toBe(200);
    const me = await c.request('GET', '/omni/messaging/1', { token: t1 });
    expect(me.body).toMatchObject({ open_conversations: 3, conversation_ids: [2, 3, waiting.body.conversation_id] });
    const offer = (await notifications('conversation_assigned')).at(-1);
    expect(offer.payload).toMatchObject({
      conversation_id: waiting.body.conversation_id,
      user_id: 1,
      reason: 'offer',
    });
  });
});
