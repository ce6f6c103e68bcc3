/**
 * A conversation (omni-api.md B.12.2): one open conversation per customer address per channel,
 * `queued` (waiting for an agent) → `assigned` → `closed` (final; a new message opens a new one).
 *
 * @module
 */

import { z } from 'zod';
import { dateTimeOut, id, idOrZero } from '../common.js';
import { dispositionCode } from '../enums.js';
import { source } from '../source.js';
import { channel } from './channel.js';

export const CONVERSATION_STATES = ['queued', 'assigned', 'closed'] as const;
export const conversationState = z.enum(CONVERSATION_STATES);
export type ConversationState = z.infer<typeof conversationState>;

export const conversationView = z
  .object({
    conversation_id: id,
    channel,
    customer_address: z.string(),
    business_address: z.string().meta({ description: 'The system’s number, address or page id on the channel.' }),
    campaign_id: idOrZero,
    user_id: idOrZero.meta({ description: 'The owning agent; 0 while queued.' }),
    conversation_state: conversationState,
    subject: z.string().meta({ description: 'Email: the thread’s subject; `""` elsewhere.' }),
    unread_count: z.number().int().nonnegative(),
    opted_out: z.boolean().meta({ description: 'The customer address has opted out on this channel.' }),
    window_expires_at: dateTimeOut
      .nullable()
      .meta({ description: 'WhatsApp and Messenger: the last inbound + 24 h; null elsewhere or before any inbound.' }),
    last_inbound_at: dateTimeOut.nullable(),
    last_message_at: dateTimeOut,
    created_at: dateTimeOut,
    closed_at: dateTimeOut.nullable(),
    disposition_code: z.union([dispositionCode, z.literal('')]),
  })
  .meta({ id: 'Conversation', ...source('inferred') });
export type ConversationView = z.infer<typeof conversationView>;
