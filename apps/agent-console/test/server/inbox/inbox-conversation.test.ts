import type { ConversationView, MessageView } from '@omnikit/contracts/messaging';
import { describe, expect, it } from 'vitest';
import { toInboxConversation, windowOpen } from '../../../src/server/inbox/inbox-conversation.js';

const NOW = '2026-01-05T09:00:00.000Z';

describe('the reply window, read on Omni’s clock', () => {
  it('is always open on SMS and email', () => {
    expect(windowOpen({ channel: 'sms', window_expires_at: null }, NOW)).toBe(true);
    expect(windowOpen({ channel: 'email', window_expires_at: null }, NOW)).toBe(true);
  });
  it('on WhatsApp and Messenger: open before its expiry only, closed when the customer never wrote', () => {
    expect(windowOpen({ channel: 'whatsapp', window_expires_at: '2026-01-05T09:00:00.001Z' }, NOW)).toBe(true);
    expect(windowOpen({ channel: 'whatsapp', window_expires_at: NOW }, NOW)).toBe(false);
    expect(windowOpen({ channel: 'facebook', window_expires_at: '2026-01-04T09:00:00.000Z' }, NOW)).toBe(false);
    expect(windowOpen({ channel: 'whatsapp', window_expires_at: null }, NOW)).toBe(false);
  });
});

describe('a conversation as the inbox lists it', () => {
  it('keeps Omni’s fields and adds the window and the last message', () => {
    const conversation = {
      conversation_id: 7,
      channel: 'whatsapp',
      customer_address: '0800666002',
      business_address: '0860000000',
      campaign_id: 1,
      user_id: 2,
      conversation_state: 'assigned',
      subject: '',
      unread_count: 3,
      opted_out: false,
      window_expires_at: '2026-01-06T08:00:00.000Z',
      last_inbound_at: '2026-01-05T08:00:00.000Z',
      last_message_at: '2026-01-05T08:30:00.000Z',
      created_at: '2026-01-05T08:00:00.000Z',
      closed_at: null,
      disposition_code: '',
    } satisfies ConversationView;
    const last = { direction: 'outbound', body: 'On its way', created_at: '2026-01-05T08:30:00.000Z' } as MessageView;
    expect(toInboxConversation(conversation, last, NOW)).toEqual({
      conversation_id: 7,
      channel: 'whatsapp',
      customer_address: '0800666002',
      conversation_state: 'assigned',
      user_id: 2,
      campaign_id: 1,
      subject: '',
      unread_count: 3,
      opted_out: false,
      window_expires_at: '2026-01-06T08:00:00.000Z',
      window_open: true,
      last_message: { direction: 'outbound', body: 'On its way', at: '2026-01-05T08:30:00.000Z' },
    });
    expect(toInboxConversation(conversation, null, NOW).last_message).toBeNull();
  });
});
