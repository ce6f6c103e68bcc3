/**
 * The messaging service's port: campaigns, agents' messaging sessions, conversations, messages, the template
 * registry and opt-outs of one database. Times are the system clock's epoch milliseconds.
 *
 * @module
 */

import type {
  Channel,
  ConversationState,
  MediaItem,
  MessageDirection,
  MessageStatus,
  TemplateStatus,
} from '@omnikit/contracts/messaging';

export interface MessagingCampaignRecord {
  systemId: number;
  campaignId: number;
  campaignName: string;
  description: string;
  channels: Channel[];
  maxConcurrent: number;
  concurrentWithCalls: boolean;
  dispositions: string[];
  createdAt: number;
}

export interface MessagingAgentRecord {
  systemId: number;
  userId: number;
  campaignId: number;
  state: 'paused' | 'ready';
  pauseCode: string;
  /** When it was last offered a conversation (0: never): the longest waiting wins a tie. */
  lastOfferAt: number;
}

export interface ConversationRecord {
  systemId: number;
  conversationId: number;
  channel: Channel;
  /** Normalised (`normalizeAddress`). */
  customerAddress: string;
  businessAddress: string;
  campaignId: number;
  userId: number;
  state: ConversationState;
  subject: string;
  unreadCount: number;
  lastInboundAt: number | null;
  lastMessageAt: number;
  createdAt: number;
  closedAt: number | null;
  dispositionCode: string;
  notes: string;
  firstAssignedAt: number | null;
  firstResponseAt: number | null;
  messagesIn: number;
  messagesOut: number;
}

export interface MessageTemplateUse {
  template_name: string;
  language: string;
  variables: string[];
}

export interface MessageRecord {
  systemId: number;
  messageId: number;
  conversationId: number;
  channel: Channel;
  direction: MessageDirection;
  from: string;
  to: string;
  body: string;
  media: MediaItem[];
  status: MessageStatus;
  errorCode: string;
  errorDetail: string;
  segments: number;
  encoding: '' | 'GSM-7' | 'UCS-2';
  subject: string;
  emailMessageId: string;
  inReplyTo: string;
  /** Email: the `References` header, space-separated `Message-ID`s (`''` when none). */
  references: string;
  template: MessageTemplateUse | null;
  messageTag: string;
  userId: number;
  uniqueId: string;
  createdAt: number;
  updatedAt: number;
}

export interface TemplateRecord {
  systemId: number;
  templateId: number;
  templateName: string;
  language: string;
  category: 'MARKETING' | 'UTILITY' | 'AUTHENTICATION';
  body: string;
  variableCount: number;
  status: TemplateStatus;
  rejectedReason: string;
  createdAt: number;
  updatedAt: number;
}

export interface ConversationFilter {
  channel?: Channel | undefined;
  state?: ConversationState | undefined;
  userId?: number | undefined;
  campaignId?: number | undefined;
}

export interface MessagingStore {
  insertCampaign(c: MessagingCampaignRecord): void;
  getCampaign(systemId: number, campaignId: number): MessagingCampaignRecord | undefined;
  listCampaigns(systemId: number): MessagingCampaignRecord[];

  getAgent(systemId: number, userId: number): MessagingAgentRecord | undefined;
  saveAgent(a: MessagingAgentRecord): void;
  deleteAgent(systemId: number, userId: number): void;
  agentsOf(systemId: number, campaignId: number): MessagingAgentRecord[];

  insertConversation(c: ConversationRecord): void;
  saveConversation(c: ConversationRecord): void;
  getConversation(systemId: number, conversationId: number): ConversationRecord | undefined;
  /** The open (queued or assigned) conversation with an address on a channel. */
  openConversation(systemId: number, channel: Channel, customerAddress: string): ConversationRecord | undefined;
  /** Newest `lastMessageAt` first. */
  listConversations(systemId: number, filter: ConversationFilter, offset: number, limit: number): ConversationRecord[];
  countConversations(systemId: number, filter: ConversationFilter): number;
  /** A campaign's queued conversations, oldest first. */
  queued(systemId: number, campaignId: number): ConversationRecord[];
  /** The open conversations an agent owns. */
  ownedBy(systemId: number, userId: number): ConversationRecord[];
  /**
   * When the customer last wrote on the channel, in any of its conversations, closed ones included (null: never):
   * WhatsApp's and Messenger's windows are the customer's, not one conversation's.
   */
  customerLastInboundAt(systemId: number, channel: Channel, customerAddress: string): number | null;

  insertMessage(m: MessageRecord): void;
  setMessageStatus(
    systemId: number,
    messageId: number,
    status: MessageStatus,
    code: string,
    detail: string,
    at: number,
  ): void;
  getMessage(systemId: number, messageId: number): MessageRecord | undefined;
  /** The message (any direction) whose email `Message-ID` this is, in this system only. */
  messageByEmailId(systemId: number, emailMessageId: string): MessageRecord | undefined;
  /** Oldest first. */
  listMessages(systemId: number, conversationId: number, offset: number, limit: number): MessageRecord[];
  countMessages(systemId: number, conversationId: number): number;
  /** The conversation's inbound messages not yet read. */
  unreadInbound(systemId: number, conversationId: number): MessageRecord[];
  /** The conversation's last inbound message. */
  lastInbound(systemId: number, conversationId: number): MessageRecord | undefined;
  /** The conversation's first inbound message. */
  firstInbound(systemId: number, conversationId: number): MessageRecord | undefined;

  insertTemplate(t: TemplateRecord): void;
  saveTemplate(t: TemplateRecord): void;
  getTemplate(systemId: number, templateId: number): TemplateRecord | undefined;
  findTemplate(systemId: number, templateName: string, language: string): TemplateRecord | undefined;
  listTemplates(systemId: number, status?: TemplateStatus): TemplateRecord[];

  isOptedOut(systemId: number, channel: Channel, address: string): boolean;
  optOut(systemId: number, channel: Channel, address: string, reason: string, at: number): void;
  optIn(systemId: number, channel: Channel, address: string): void;
}
