/**
 * The messaging routes (omni-api.md B.12.4), every one `inferred`: TForge lists messaging as
 * upcoming and publishes no API. They sit under `/omni/messaging`, take the system key and a user's
 * `tokenKey` like their voice counterparts, and `{user_id}` is the token's own user.
 *
 * @module
 */

import { z } from 'zod';
import { commandResult, id, pathId } from '../common.js';
import { dispositionCode } from '../enums.js';
import { defineRoute, type RouteDef } from '../route.js';
import { channel } from './channel.js';
import { conversationState, conversationView } from './conversation.js';
import { messageView } from './message.js';
import { joinMessagingBody, messagingAgentView, messagingStateBody } from './messaging-agent.js';
import { createMessagingCampaignBody, messagingCampaignCreated, messagingCampaignView } from './messaging-campaign.js';
import { messageSent, sendMessageBody } from './send-message.js';
import { createTemplateBody, templateCreated, templateListQuery, templateView } from './template.js';

const messaging = { source: 'inferred', auth: 'user', group: 'messaging' } as const;

const page = z.coerce.number().int().min(1).max(1_000_000).default(1);
const pageSize = z.coerce.number().int().min(1).max(500).default(50);

export const userIdParams = z.object({ user_id: pathId });
export const conversationIdParams = z.object({ conversation_id: pathId });
export const userConversationParams = z.object({ user_id: pathId, conversation_id: pathId });
export const messageIdParams = z.object({ message_id: pathId });
export const messagingCampaignIdParams = z.object({ campaign_id: pathId });
export const templateIdParams = z.object({ template_id: pathId });

export const conversationListQuery = z.object({
  channel: channel.optional(),
  conversation_state: conversationState.optional(),
  user_id: z.coerce.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
  campaign_id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  page,
  page_size: pageSize,
});

export const messageListQuery = z.object({ page, page_size: pageSize });

export const conversationPage = z
  .object({
    page: z.number().int(),
    page_size: z.number().int(),
    total: z.number().int().nonnegative(),
    conversations: z.array(conversationView),
  })
  .meta({ id: 'ConversationPage' });

export const messagePage = z
  .object({
    conversation_id: id,
    page: z.number().int(),
    page_size: z.number().int(),
    total: z.number().int().nonnegative(),
    messages: z.array(messageView),
  })
  .meta({ id: 'MessagePage' });

export const assignConversationBody = z.object({
  to_user_id: id.meta({ description: 'The agent to own it: the caller (take a queued one) or another (transfer).' }),
});

export const closeConversationBody = z.object({
  disposition_code: dispositionCode,
  notes: z.string().max(4000).optional(),
});
export type CloseConversationBody = z.output<typeof closeConversationBody>;

export const sendMessage = defineRoute({
  ...messaging,
  id: 'sendMessage',
  method: 'POST',
  path: '/omni/messaging/{user_id}/message',
  summary: 'Send a message on a channel (a reply, or the first of a new conversation)',
  description:
    'Joins the open conversation with `to` on that channel, or opens one assigned to the caller. WhatsApp free text needs the customer to have written in the last 24 h (else a template); Messenger outside its 24 h needs a `message_tag`; SMS to an opted-out address is refused. The answer is `queued`; each later status is a `message_status` notification.',
  idempotent: false,
  params: userIdParams,
  body: sendMessageBody,
  responses: { 200: messageSent },
  errors: [
    'INVALID_STATE',
    'AGENT_NOT_LOGGED_IN',
    'WINDOW_CLOSED_TEMPLATE_REQUIRED',
    'MESSAGE_TAG_REQUIRED',
    'RECIPIENT_OPTED_OUT',
    'TEMPLATE_NOT_APPROVED',
    'TEMPLATE_VARIABLES_MISMATCH',
  ],
});

export const listConversations = defineRoute({
  ...messaging,
  id: 'listConversations',
  method: 'GET',
  path: '/omni/messaging/conversations',
  summary: 'A page of the system’s conversations, newest activity first',
  idempotent: true,
  query: conversationListQuery,
  responses: { 200: conversationPage },
});

export const getConversation = defineRoute({
  ...messaging,
  id: 'getConversation',
  method: 'GET',
  path: '/omni/messaging/conversations/{conversation_id}',
  summary: 'One conversation',
  idempotent: true,
  params: conversationIdParams,
  responses: { 200: conversationView },
});

export const listMessages = defineRoute({
  ...messaging,
  id: 'listMessages',
  method: 'GET',
  path: '/omni/messaging/conversations/{conversation_id}/messages',
  summary: 'A page of a conversation’s messages, oldest first',
  idempotent: true,
  params: conversationIdParams,
  query: messageListQuery,
  responses: { 200: messagePage },
});

export const getMessage = defineRoute({
  ...messaging,
  id: 'getMessage',
  method: 'GET',
  path: '/omni/messaging/messages/{message_id}',
  summary: 'One message with its status',
  idempotent: true,
  params: messageIdParams,
  responses: { 200: messageView },
});

export const assignConversation = defineRoute({
  ...messaging,
  id: 'assignConversation',
  method: 'POST',
  path: '/omni/messaging/{user_id}/conversation/{conversation_id}/assign',
  summary: 'Take a queued conversation, or transfer one the caller owns',
  idempotent: false,
  params: userConversationParams,
  body: assignConversationBody,
  responses: { 200: commandResult },
  errors: ['INVALID_STATE', 'AGENT_NOT_LOGGED_IN'],
});

export const markConversationRead = defineRoute({
  ...messaging,
  id: 'markConversationRead',
  method: 'POST',
  path: '/omni/messaging/{user_id}/conversation/{conversation_id}/read',
  summary: 'Mark a conversation’s inbound messages read (WhatsApp and Messenger tell the customer)',
  idempotent: true,
  params: userConversationParams,
  responses: { 200: commandResult },
  errors: ['INVALID_STATE'],
});

export const closeConversation = defineRoute({
  ...messaging,
  id: 'closeConversation',
  method: 'POST',
  path: '/omni/messaging/{user_id}/conversation/{conversation_id}/close',
  summary: 'Close a conversation with a disposition (sends `conversation_end`)',
  idempotent: false,
  params: userConversationParams,
  body: closeConversationBody,
  responses: { 200: commandResult },
  errors: ['INVALID_STATE'],
});

export const createMessagingCampaign = defineRoute({
  ...messaging,
  id: 'createMessagingCampaign',
  method: 'POST',
  path: '/omni/messaging/campaign',
  summary: 'Create a messaging campaign (a queue of conversations on its channels)',
  idempotent: false,
  body: createMessagingCampaignBody,
  responses: { 200: messagingCampaignCreated },
});

export const getMessagingCampaign = defineRoute({
  ...messaging,
  id: 'getMessagingCampaign',
  method: 'GET',
  path: '/omni/messaging/campaign/{campaign_id}',
  summary: 'A messaging campaign with its joined agents and queued conversations',
  idempotent: true,
  params: messagingCampaignIdParams,
  responses: { 200: messagingCampaignView },
});

export const listMessagingCampaigns = defineRoute({
  ...messaging,
  id: 'listMessagingCampaigns',
  method: 'GET',
  path: '/omni/messaging/campaigns',
  summary: 'Every messaging campaign of the system',
  idempotent: true,
  responses: {
    200: z.object({ campaigns: z.array(messagingCampaignView) }).meta({ id: 'MessagingCampaignList' }),
  },
});

export const joinMessaging = defineRoute({
  ...messaging,
  id: 'joinMessaging',
  method: 'POST',
  path: '/omni/messaging/{user_id}/join',
  summary: 'Join a messaging campaign (the agent starts paused)',
  idempotent: false,
  params: userIdParams,
  body: joinMessagingBody,
  responses: { 200: commandResult },
  errors: ['INVALID_STATE'],
});

export const leaveMessaging = defineRoute({
  ...messaging,
  id: 'leaveMessaging',
  method: 'POST',
  path: '/omni/messaging/{user_id}/leave',
  summary: 'Leave the messaging campaign; the agent’s open conversations go back to the queue',
  idempotent: true,
  params: userIdParams,
  responses: { 200: commandResult },
});

export const setMessagingState = defineRoute({
  ...messaging,
  id: 'setMessagingState',
  method: 'POST',
  path: '/omni/messaging/{user_id}/state',
  summary: 'Set an agent ready or paused for conversations',
  idempotent: true,
  params: userIdParams,
  body: messagingStateBody,
  responses: { 200: commandResult },
  errors: ['INVALID_STATE', 'AGENT_NOT_LOGGED_IN'],
});

export const getMessagingAgent = defineRoute({
  ...messaging,
  id: 'getMessagingAgent',
  method: 'GET',
  path: '/omni/messaging/{user_id}',
  summary: 'An agent’s messaging campaign, state and open conversations',
  idempotent: true,
  params: userIdParams,
  responses: { 200: messagingAgentView },
});

export const createTemplate = defineRoute({
  ...messaging,
  id: 'createTemplate',
  method: 'POST',
  path: '/omni/messaging/templates',
  summary: 'Submit a WhatsApp template for review (it starts pending)',
  idempotent: false,
  body: createTemplateBody,
  responses: { 200: templateCreated },
  errors: ['INVALID_STATE'],
});

export const listTemplates = defineRoute({
  ...messaging,
  id: 'listTemplates',
  method: 'GET',
  path: '/omni/messaging/templates',
  summary: 'The WhatsApp template registry, optionally by status',
  idempotent: true,
  query: templateListQuery,
  responses: { 200: z.object({ templates: z.array(templateView) }).meta({ id: 'MessageTemplateList' }) },
});

export const getTemplate = defineRoute({
  ...messaging,
  id: 'getTemplate',
  method: 'GET',
  path: '/omni/messaging/templates/{template_id}',
  summary: 'One WhatsApp template with its review status',
  idempotent: true,
  params: templateIdParams,
  responses: { 200: templateView },
});

/** Every messaging route, keyed by operation id; the OpenAPI document's order and the order the mock mounts them. */
export const messagingRoutes = {
  sendMessage,
  listConversations,
  getConversation,
  listMessages,
  getMessage,
  assignConversation,
  markConversationRead,
  closeConversation,
  createMessagingCampaign,
  getMessagingCampaign,
  listMessagingCampaigns,
  joinMessaging,
  leaveMessaging,
  setMessagingState,
  createTemplate,
  listTemplates,
  getTemplate,
  // Last: its `{user_id}` would otherwise take `/omni/messaging/templates` and the other literal paths.
  getMessagingAgent,
} as const;
export type MessagingRoutes = typeof messagingRoutes;
export type MessagingRouteId = keyof MessagingRoutes;
export const messagingRouteList: RouteDef[] = Object.values(messagingRoutes);
