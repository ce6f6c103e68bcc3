/**
 * The inbox's messaging calls over the sdk with one agent's session (`{user_id}` filled by the sdk).
 *
 * @module
 */

import type { AgentResources } from '@omnikit/sdk';
import type { MessagingApi } from './messaging-api.js';

export function messagingApiFor(agent: AgentResources): MessagingApi {
  return {
    conversations: (query) => agent.conversations.list({ ...query, user_id: agent.userId }),
    conversation: (conversationId) => agent.conversations.get(conversationId),
    messages: (conversationId, query) => agent.conversations.messages(conversationId, query),
    message: (messageId) => agent.messages.get(messageId),
    send: (body) => agent.messaging.send(body),
    markRead: (conversationId) => agent.conversations.markRead(conversationId),
    close: (conversationId, body) => agent.conversations.close(conversationId, body),
    campaigns: () => agent.messagingCampaigns.list(),
    campaign: (campaignId) => agent.messagingCampaigns.get(campaignId),
    agent: () => agent.messaging.get(),
    join: (campaignId) => agent.messaging.join({ campaign_id: campaignId }),
    leave: () => agent.messaging.leave(),
    state: (body) => agent.messaging.state(body),
    approvedTemplates: () => agent.templates.list({ template_status: 'approved' }),
  };
}
