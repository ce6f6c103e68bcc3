/**
 * The messaging notifications (omni-api.md B.12.6), delivered through the same outbox as the voice
 * ones (B.7) and registered in the one notification union. All `inferred`.
 *
 * @module
 */

import { z } from 'zod';
import { dateTimeOut, id, idOrZero } from '../common.js';
import { source } from '../source.js';
import { channel } from './channel.js';
import { mediaItem } from './media.js';
import { messageDirection, messageStatus } from './message-status.js';

const ms = z.number().int().nonnegative();

/** A customer's message. */
export const messageReceivedPayload = z
  .object({
    message_id: id,
    conversation_id: id,
    channel,
    from: z.string(),
    to: z.string(),
    body: z.string(),
    media: z.array(mediaItem),
    subject: z.string(),
    email_message_id: z.string(),
    in_reply_to: z.string(),
    references: z.string(),
    campaign_id: idOrZero,
    user_id: idOrZero.meta({ description: 'The conversation’s owner; 0 while queued.' }),
    timestamp: dateTimeOut,
  })
  .meta({ id: 'MessageReceivedPayload', ...source('inferred') });
export type MessageReceivedPayload = z.infer<typeof messageReceivedPayload>;

/** Each status a message reaches, in order per message. */
export const messageStatusPayload = z
  .object({
    message_id: id,
    conversation_id: id,
    channel,
    direction: messageDirection,
    user_id: idOrZero,
    message_status: messageStatus,
    previous_status: z.union([messageStatus, z.literal('')]),
    channel_error_code: z.string(),
    channel_error_detail: z.string(),
    timestamp: dateTimeOut,
  })
  .meta({ id: 'MessageStatusPayload', ...source('inferred') });
export type MessageStatusPayload = z.infer<typeof messageStatusPayload>;

export const ASSIGNMENT_REASONS = ['offer', 'assign', 'transfer', 'requeue'] as const;

/** A conversation's owner changed: offered to a ready agent, taken, transferred, or back in the queue. */
export const conversationAssignedPayload = z
  .object({
    conversation_id: id,
    channel,
    customer_address: z.string(),
    campaign_id: idOrZero,
    user_id: idOrZero.meta({ description: 'The new owner; 0 when requeued.' }),
    previous_user_id: idOrZero,
    reason: z.enum(ASSIGNMENT_REASONS),
    timestamp: dateTimeOut,
  })
  .meta({ id: 'ConversationAssignedPayload', ...source('inferred') });
export type ConversationAssignedPayload = z.infer<typeof conversationAssignedPayload>;

/** WhatsApp and Messenger: the 24-hour window opened (a customer wrote) or closed (it expired). */
export const conversationWindowPayload = z
  .object({
    conversation_id: id,
    channel,
    customer_address: z.string(),
    user_id: idOrZero,
    window_state: z.enum(['open', 'closed']),
    window_expires_at: dateTimeOut,
    timestamp: dateTimeOut,
  })
  .meta({ id: 'ConversationWindowPayload', ...source('inferred') });
export type ConversationWindowPayload = z.infer<typeof conversationWindowPayload>;

/** The conversation's CDR, on close. Times in milliseconds. */
export const conversationEndPayload = z
  .object({
    conversation_id: id,
    channel,
    customer_address: z.string(),
    business_address: z.string(),
    campaign_id: idOrZero,
    user_id: idOrZero,
    disposition_code: z.string(),
    notes: z.string(),
    start_date_time: dateTimeOut,
    end_date_time: dateTimeOut,
    messages_in: z.number().int().nonnegative(),
    messages_out: z.number().int().nonnegative(),
    first_response_time: ms.meta({ description: 'First inbound to the first agent reply; 0 if none.' }),
    handle_time: ms.meta({ description: 'First assignment to close; 0 if never assigned.' }),
  })
  .meta({ id: 'ConversationEndPayload', ...source('inferred') });
export type ConversationEndPayload = z.infer<typeof conversationEndPayload>;

export const messageReceivedNotification = z.object({
  type: z.literal('message_received'),
  payload: messageReceivedPayload,
});
export const messageStatusNotification = z.object({ type: z.literal('message_status'), payload: messageStatusPayload });
export const conversationAssignedNotification = z.object({
  type: z.literal('conversation_assigned'),
  payload: conversationAssignedPayload,
});
export const conversationWindowNotification = z.object({
  type: z.literal('conversation_window'),
  payload: conversationWindowPayload,
});
export const conversationEndNotification = z.object({
  type: z.literal('conversation_end'),
  payload: conversationEndPayload,
});

/** The messaging types' payloads, by type string. */
export const messagingNotificationPayloads = {
  message_received: messageReceivedPayload,
  message_status: messageStatusPayload,
  conversation_assigned: conversationAssignedPayload,
  conversation_window: conversationWindowPayload,
  conversation_end: conversationEndPayload,
} as const;

export const MESSAGING_NOTIFICATION_TYPES = [
  'message_received',
  'message_status',
  'conversation_assigned',
  'conversation_window',
  'conversation_end',
] as const;
