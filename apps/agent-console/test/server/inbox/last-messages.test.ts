import type { ConversationView, MessageView } from '@omnikit/contracts/messaging';
import { describe, expect, it } from 'vitest';
import { LastMessages } from '../../../src/server/inbox/last-messages.js';
import type { MessagingApi } from '../../../src/server/inbox/messaging-api.js';

/** A conversation's messages behind the one call LastMessages makes, counting the calls. */
function fakeApi(bodies: string[]) {
  const calls: { page: number; page_size: number }[] = [];
  const api = {
    async messages(conversationId: number, query: { page: number; page_size: number }) {
      calls.push(query);
      const start = (query.page - 1) * query.page_size;
      const messages = bodies
        .slice(start, start + query.page_size)
        .map((body, i) => ({ message_id: start + i + 1, conversation_id: conversationId, body }) as MessageView);
      return {
        conversation_id: conversationId,
        page: query.page,
        page_size: query.page_size,
        total: bodies.length,
        messages,
      };
    },
  } as Pick<MessagingApi, 'messages'> as MessagingApi;
  return { api, calls };
}

const conversation = (at: string, unread = 0) =>
  ({ conversation_id: 4, last_message_at: at, last_inbound_at: null, unread_count: unread }) as ConversationView;

describe('the last message of a conversation', () => {
  it('is the newest one, read again only when the conversation’s last_message_at moves', async () => {
    const bodies = ['one', 'two', 'three'];
    const { api, calls } = fakeApi(bodies);
    const last = new LastMessages();
    expect((await last.of(api, conversation('t1')))?.body).toBe('three');
    expect(calls).toEqual([
      { page: 1, page_size: 1 },
      { page: 3, page_size: 1 },
    ]);
    expect((await last.of(api, conversation('t1')))?.body).toBe('three');
    expect(calls).toHaveLength(2);
    bodies.push('four');
    expect((await last.of(api, conversation('t2')))?.body).toBe('four');
    expect(calls).toHaveLength(4);
    // The same instant (a manual clock), one more unread: read again.
    bodies.push('five');
    expect((await last.of(api, conversation('t2', 1)))?.body).toBe('five');
    // The same instant, nothing else changed, but a message was sent here: forgotten, read again.
    bodies.push('six');
    last.forget(4);
    expect((await last.of(api, conversation('t2', 1)))?.body).toBe('six');
    expect(calls).toHaveLength(8);
  });

  it('is null for a conversation without messages, and one call for a single message', async () => {
    const empty = fakeApi([]);
    expect(await new LastMessages().of(empty.api, conversation('t'))).toBeNull();
    const single = fakeApi(['only']);
    expect((await new LastMessages().of(single.api, conversation('t')))?.body).toBe('only');
    expect(single.calls).toHaveLength(1);
  });
});
