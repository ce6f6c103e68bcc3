/**
 * The messaging routes (B.12) and their two control routes: each a line calling `MessagingService`.
 *
 * @module
 */

import type { MessagingRouteId, MessagingRoutes } from '@omnikit/contracts/messaging';
import type { ControlHandlers } from './control-handlers.js';
import type { Handler } from './mount-route.js';
import { ok } from './ok.js';

export type MessagingHandlers = { [K in MessagingRouteId]?: Handler<MessagingRoutes[K]> };

export const messagingHandlers: MessagingHandlers = {
  sendMessage: ({ system, params, body, services }) => services.messaging.send(system, params.user_id, body),
  listConversations: ({ system, query, services }) => services.messaging.conversations(system, query),
  getConversation: ({ system, params, services }) => services.messaging.conversation(system, params.conversation_id),
  listMessages: ({ system, params, query, services }) =>
    services.messaging.messages(system, params.conversation_id, query),
  getMessage: ({ system, params, services }) => services.messaging.message(system, params.message_id),
  assignConversation: ({ system, params, body, services }) =>
    ok(services.messaging.assign(system, params.user_id, params.conversation_id, body.to_user_id)),
  markConversationRead: ({ system, params, services }) => {
    const n = services.messaging.markRead(system, params.user_id, params.conversation_id);
    return ok(`${n} message(s) of conversation ${params.conversation_id} marked read`);
  },
  closeConversation: ({ system, params, body, services }) => {
    services.messaging.close(system, params.user_id, params.conversation_id, body);
    return ok(`conversation ${params.conversation_id} closed as ${body.disposition_code}`);
  },
  createMessagingCampaign: ({ system, body, services }) => {
    const campaignId = services.messaging.createCampaign(system, body);
    return { ...ok(`messaging campaign ${campaignId} created`), campaign_id: campaignId };
  },
  getMessagingCampaign: ({ system, params, services }) => services.messaging.campaign(system, params.campaign_id),
  listMessagingCampaigns: ({ system, services }) => ({ campaigns: services.messaging.campaigns(system) }),
  joinMessaging: ({ system, params, body, services }) => {
    services.messaging.join(system, params.user_id, body.campaign_id);
    return ok(`agent ${params.user_id} joined messaging campaign ${body.campaign_id} (paused)`);
  },
  leaveMessaging: ({ system, params, services }) => {
    services.messaging.leave(system, params.user_id);
    return ok(`agent ${params.user_id} left messaging`);
  },
  setMessagingState: ({ system, params, body, services }) => {
    services.messaging.setState(system, params.user_id, body);
    return ok(`agent ${params.user_id} is ${body.state} for conversations`);
  },
  getMessagingAgent: ({ system, params, services }) => services.messaging.agent(system, params.user_id),
  createTemplate: ({ system, body, services }) => {
    const templateId = services.messaging.createTemplate(system, body);
    return {
      ...ok(`template ${body.template_name} (${body.language}) submitted for review`),
      template_id: templateId,
      template_status: 'pending' as const,
    };
  },
  listTemplates: ({ system, query, services }) => ({
    templates: services.messaging.templates(system, query.template_status),
  }),
  getTemplate: ({ system, params, services }) => services.messaging.template(system, params.template_id),
};

export const messagingControlHandlers: ControlHandlers = {
  injectInboundMessage: ({ system, body, services }) => {
    const { messageId, conversationId } = services.messaging.inbound(system, body);
    return {
      ...ok(`message ${messageId} from ${body.from} received on ${body.channel}`),
      message_id: messageId,
      conversation_id: conversationId,
    };
  },
  reviewTemplate: ({ system, params, body, services }) =>
    ok(`template ${params.template_id} ${services.messaging.review(system, params.template_id, body)}`),
};
