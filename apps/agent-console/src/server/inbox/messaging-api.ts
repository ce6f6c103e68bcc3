/**
 * The few messaging calls the inbox makes to Omni (omni-api.md B.12.4), for one signed-in agent.
 * The inbox's routes are written against this, and `messagingApiFor` gives it over the sdk with the
 * session's token, so a test can see every call the inbox makes and the routes read as the inbox's
 * logic rather than as transport.
 *
 * @module
 */

import type { CommandResult } from '@omnikit/contracts';
import type {
  CloseConversationBody,
  ConversationView,
  MessageSent,
  MessageView,
  MessagingAgentView,
  MessagingCampaignView,
  MessagingStateBody,
  SendMessageInput,
  TemplateView,
} from '@omnikit/contracts/messaging';

/** A page of an Omni list: `page` from 1, `page_size`, `total`. */
export interface Paged {
  page: number;
  page_size: number;
  total: number;
}

export interface MessagingApi {
  /** The agent's conversations, newest activity first. */
  conversations(query: { page: number; page_size: number }): Promise<Paged & { conversations: ConversationView[] }>;
  conversation(conversationId: number): Promise<ConversationView>;
  /** A conversation's messages, oldest first. */
  messages(
    conversationId: number,
    query: { page: number; page_size: number },
  ): Promise<Paged & { messages: MessageView[] }>;
  message(messageId: number): Promise<MessageView>;
  send(body: SendMessageInput): Promise<MessageSent>;
  markRead(conversationId: number): Promise<CommandResult>;
  close(conversationId: number, body: CloseConversationBody): Promise<CommandResult>;
  campaigns(): Promise<{ campaigns: MessagingCampaignView[] }>;
  campaign(campaignId: number): Promise<MessagingCampaignView>;
  agent(): Promise<MessagingAgentView>;
  join(campaignId: number): Promise<CommandResult>;
  leave(): Promise<CommandResult>;
  state(body: MessagingStateBody): Promise<CommandResult>;
  approvedTemplates(): Promise<{ templates: TemplateView[] }>;
}
