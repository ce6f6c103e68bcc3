/**
 * Omni's conversation as the inbox lists it: whether free text may go now (the channel's 24-hour
 * window, read against Omni's clock, not the console's) and its last message.
 *
 * @module
 */

import type { ConversationView, MessageView } from '@omnikit/contracts/messaging';
import type { InboxConversation } from '../../shared/inbox-schemas.js';

/** Channels whose free text needs the customer to have written in the last 24 hours. */
const WINDOWED = new Set(['whatsapp', 'facebook']);

/**
 * Whether free text may be sent now: always on SMS and email; on WhatsApp and Messenger only
 * before `window_expires_at` (none yet: the customer never wrote, so the window is closed).
 */
export function windowOpen(
  conversation: Pick<ConversationView, 'channel' | 'window_expires_at'>,
  now: string,
): boolean {
  if (!WINDOWED.has(conversation.channel)) return true;
  if (conversation.window_expires_at === null) return false;
  return Date.parse(conversation.window_expires_at) > Date.parse(now);
}

export function toInboxConversation(
  conversation: ConversationView,
  last: MessageView | null,
  now: string,
): InboxConversation {
  return {
    conversation_id: conversation.conversation_id,
    channel: conversation.channel,
    customer_address: conversation.customer_address,
    conversation_state: conversation.conversation_state,
    user_id: conversation.user_id,
    campaign_id: conversation.campaign_id,
    subject: conversation.subject,
    unread_count: conversation.unread_count,
    opted_out: conversation.opted_out,
    window_expires_at: conversation.window_expires_at,
    window_open: windowOpen(conversation, now),
    last_message: last ? { direction: last.direction, body: last.body, at: last.created_at } : null,
  };
}
