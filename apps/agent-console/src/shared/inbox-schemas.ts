/**
 * The bodies and answers of the console's inbox routes (`/api/inbox`, `/api/conversations/*`):
 * the agent's messaging conversations (SMS, WhatsApp, email, Messenger) as the browser shows them.
 * Like the rest of the console API it is not Omni's wire format: the backend reads Omni's
 * messaging routes through the sdk and answers these, keeping Omni's names (`conversation_id`,
 * `message_id`, `disposition_code`…) wherever the data passes through unchanged.
 *
 * @module
 */

import { dispositionCode, id } from '@omnikit/contracts';
import { z } from 'zod';

/** The channels of Omni's messaging model. */
export const inboxChannel = z.enum(['sms', 'whatsapp', 'email', 'facebook']);
export type InboxChannel = z.infer<typeof inboxChannel>;

/** One conversation in the agent's list: Omni's conversation, the window in words the browser can use, and its last message. */
export const inboxConversation = z.object({
  conversation_id: id,
  channel: inboxChannel,
  customer_address: z
    .string()
    .meta({ description: 'The customer’s number, WhatsApp id, email address or page-scoped id.' }),
  conversation_state: z.enum(['queued', 'assigned', 'closed']),
  user_id: z.number().int().nonnegative().meta({ description: 'The agent who owns it; 0 while queued.' }),
  campaign_id: z.number().int().nonnegative(),
  subject: z.string().meta({ description: 'Email: the thread’s subject; "" elsewhere.' }),
  unread_count: z
    .number()
    .int()
    .nonnegative()
    .meta({ description: 'Customer messages since the agent last marked the conversation read.' }),
  opted_out: z.boolean(),
  window_expires_at: z.string().nullable().meta({
    description: 'When the channel’s 24-hour window closes (Omni system time); null where the channel has none.',
  }),
  window_open: z
    .boolean()
    .meta({ description: 'Whether free text may go now: always on SMS and email; inside the window on the others.' }),
  last_message: z.object({ direction: z.enum(['inbound', 'outbound']), body: z.string(), at: z.string() }).nullable(),
});
export type InboxConversation = z.infer<typeof inboxConversation>;

/** A messaging campaign the agent may join, and the channels it serves. */
export const messagingCampaign = z.object({
  campaign_id: id,
  campaign_name: z.string(),
  channels: z.array(inboxChannel),
  max_concurrent_conversations: z.number().int().nonnegative(),
});
export type MessagingCampaign = z.infer<typeof messagingCampaign>;

/** The agent on the messaging side: its own campaign and state, apart from the voice ones. */
export const messagingAgent = z.object({
  campaign_id: z.number().int().nonnegative().meta({ description: 'The joined messaging campaign; 0 when none.' }),
  messaging_state: z.string().meta({ description: 'logged_out, paused or ready.' }),
  open_conversations: z.number().int().nonnegative(),
});

/** `POST /api/messaging/join`: take conversations from a messaging campaign. */
export const messagingJoinBody = z.object({ campaign_id: id });

/** `POST /api/messaging/state`: ready to be offered conversations, or paused. */
export const messagingStateBody = z
  .object({
    state: z.enum(['ready', 'paused']),
    pause_code: z
      .string()
      .regex(/^[A-Z0-9_]{1,32}$/, 'must be a pause code')
      .optional(),
  })
  .refine((v) => v.state === 'paused' || v.pause_code === undefined, {
    message: 'a pause code goes only with paused',
    path: ['pause_code'],
  });

/**
 * `GET /api/inbox`: the agent's conversations, or why there are none to show. Against a real Omni
 * (TForge has published no messaging API) `available` is false with the reason in words.
 */
export const inboxView = z.discriminatedUnion('available', [
  z.object({
    available: z.literal(true),
    at: z.string().meta({ description: 'Omni system time when the list was read.' }),
    campaigns: z.array(messagingCampaign),
    agent: messagingAgent,
    conversations: z.array(inboxConversation),
  }),
  z.object({ available: z.literal(false), reason: z.string() }),
]);
export type InboxView = z.infer<typeof inboxView>;

/** One message of a thread, as Omni gives it (the fields the thread shows). */
export const threadMessage = z.object({
  message_id: id,
  conversation_id: id,
  channel: inboxChannel,
  direction: z.enum(['inbound', 'outbound']),
  body: z.string(),
  subject: z.string(),
  message_status: z.string(),
  channel_error_code: z.string(),
  channel_error_detail: z.string(),
  segments: z.number().int().nonnegative(),
  template: z.object({ template_name: z.string(), language: z.string(), variables: z.array(z.string()) }).nullable(),
  message_tag: z.string(),
  user_id: z.number().int().nonnegative(),
  created_at: z.string(),
});
export type ThreadMessage = z.infer<typeof threadMessage>;

/** `GET /api/conversations/{conversation_id}`: the conversation, its messages oldest first, and its campaign's dispositions. */
export const threadView = z.object({
  conversation: inboxConversation,
  messages: z.array(threadMessage),
  dispositions: z.array(z.string()),
});
export type ThreadView = z.infer<typeof threadView>;

/** An approved WhatsApp template the agent may send when the window is closed. */
export const inboxTemplate = z.object({
  name: z.string(),
  language: z.string(),
  category: z.string(),
  body: z.string().meta({ description: 'The text with its {{1}}…{{n}} placeholders.' }),
  variable_count: z.number().int().nonnegative().meta({ description: 'How many values it needs.' }),
});
export type InboxTemplate = z.infer<typeof inboxTemplate>;

/** `GET /api/messaging/templates`: approved WhatsApp templates and Messenger's message tags. */
export const templateList = z.object({
  templates: z.array(inboxTemplate),
  message_tags: z.array(z.object({ tag: z.string(), description: z.string() })),
});
export type TemplateList = z.infer<typeof templateList>;

const text = z.string().trim().min(1, 'write a message first').max(4096, 'at most 4096 characters');

/**
 * `POST /api/conversations/{conversation_id}/messages`: free text (a Messenger tag where its window
 * has closed), or a WhatsApp template with a value for each of its variables.
 */
export const replyBody = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('text'),
    text,
    subject: z.string().trim().max(200).optional(),
    message_tag: z
      .string()
      .regex(/^[A-Z_]{1,40}$/, 'must be one of Messenger’s message tags')
      .optional(),
  }),
  z.object({
    kind: z.literal('template'),
    template_name: z.string().regex(/^[a-z0-9_]{1,512}$/, 'must be a template’s name'),
    language: z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'must be a language code like en or en_US'),
    variables: z.array(z.string().trim().min(1, 'give every variable a value').max(1024)).max(20),
  }),
]);
export type ReplyBody = z.infer<typeof replyBody>;

/** `POST /api/conversations/{conversation_id}/close`: a disposition, and notes. */
export const closeConversationBody = z.object({
  disposition_code: dispositionCode,
  notes: z.string().max(2000).optional(),
});
export type CloseConversationBody = z.infer<typeof closeConversationBody>;
