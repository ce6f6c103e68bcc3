/**
 * Records as the messaging routes and notifications show them (the contracts' shapes, B.12).
 *
 * @module
 */

import { formatDateTime } from '@omnikit/contracts';
import type { ConversationView, MessageView, MessagingCampaignView, TemplateView } from '@omnikit/contracts/messaging';
import type { ConversationRecord, MessageRecord, MessagingCampaignRecord, TemplateRecord } from './messaging-store.js';
import { MESSAGING_WINDOW_MS, windowChannel } from './messaging-window.js';

const dateOrNull = (ms: number | null): string | null => (ms === null ? null : formatDateTime(ms));

export function conversationView(c: ConversationRecord, optedOut: boolean): ConversationView {
  return {
    conversation_id: c.conversationId,
    channel: c.channel,
    customer_address: c.customerAddress,
    business_address: c.businessAddress,
    campaign_id: c.campaignId,
    user_id: c.userId,
    conversation_state: c.state,
    subject: c.subject,
    unread_count: c.unreadCount,
    opted_out: optedOut,
    window_expires_at:
      windowChannel(c.channel) && c.lastInboundAt !== null
        ? formatDateTime(c.lastInboundAt + MESSAGING_WINDOW_MS)
        : null,
    last_inbound_at: dateOrNull(c.lastInboundAt),
    last_message_at: formatDateTime(c.lastMessageAt),
    created_at: formatDateTime(c.createdAt),
    closed_at: dateOrNull(c.closedAt),
    disposition_code: c.dispositionCode,
  };
}

export function messageView(m: MessageRecord): MessageView {
  return {
    message_id: m.messageId,
    conversation_id: m.conversationId,
    channel: m.channel,
    direction: m.direction,
    from: m.from,
    to: m.to,
    body: m.body,
    media: m.media,
    message_status: m.status,
    channel_error_code: m.errorCode,
    channel_error_detail: m.errorDetail,
    segments: m.segments,
    encoding: m.encoding,
    subject: m.subject,
    email_message_id: m.emailMessageId,
    in_reply_to: m.inReplyTo,
    references: m.references,
    template: m.template,
    message_tag: m.messageTag as MessageView['message_tag'],
    user_id: m.userId,
    unique_id: m.uniqueId,
    created_at: formatDateTime(m.createdAt),
    updated_at: formatDateTime(m.updatedAt),
  };
}

export function campaignView(c: MessagingCampaignRecord, agentsJoined: number, queued: number): MessagingCampaignView {
  return {
    campaign_id: c.campaignId,
    campaign_name: c.campaignName,
    description: c.description,
    channels: c.channels,
    max_concurrent_conversations: c.maxConcurrent,
    concurrent_with_calls: c.concurrentWithCalls,
    dispositions: c.dispositions,
    agents_joined: agentsJoined,
    conversations_queued: queued,
  };
}

export function templateView(t: TemplateRecord): TemplateView {
  return {
    template_id: t.templateId,
    template_name: t.templateName,
    language: t.language,
    category: t.category,
    body: t.body,
    variable_count: t.variableCount,
    template_status: t.status,
    rejected_reason: t.rejectedReason,
    created_at: formatDateTime(t.createdAt),
    updated_at: formatDateTime(t.updatedAt),
  };
}
