/**
 * The messaging part of the demo data: a messaging campaign on every channel, the WhatsApp templates a demo sends
 * (two approved, one pending review) and three customers waiting in the queue — a WhatsApp customer who replies
 * (a magic address), an SMS and an email — so that an agent who joins and goes ready is offered them at once. The
 * customers wrote at the seed's instant: the WhatsApp one's 24-hour window is open from then and its timer is set, so
 * it closes with a `conversation_window` notification like a window a customer's message opened. The seed itself
 * sends no notification (nor a `message_received` for the seeded messages): a new system starts quiet.
 *
 * @module
 */

import type { SequenceStore } from '../ports.js';
import { BUSINESS_ADDRESSES } from './business-addresses.js';
import type { MessagingService } from './messaging-service.js';
import type { ConversationRecord, MessagingStore } from './messaging-store.js';
import { MESSAGING_WINDOW_MS, windowChannel } from './messaging-window.js';
import { templateVariableCount } from './whatsapp-template.js';

export interface MessagingDemoDeps {
  store: MessagingStore;
  sequences: SequenceStore;
  /** Sets a seeded conversation's window timer, as a customer's message does. */
  windows: Pick<MessagingService, 'armWindow'>;
}

export const DEMO_MESSAGING_CAMPAIGN = 'Customer care chats';

export const DEMO_TEMPLATES = [
  {
    name: 'order_update',
    language: 'en_US',
    category: 'UTILITY',
    status: 'approved',
    body: 'Hi {{1}}, your order {{2}} has shipped.',
  },
  {
    name: 'appointment_reminder',
    language: 'en_US',
    category: 'UTILITY',
    status: 'approved',
    body: 'Reminder: your appointment is on {{1}} at {{2}}. Reply to change it.',
  },
  {
    name: 'spring_sale',
    language: 'en_US',
    category: 'MARKETING',
    status: 'pending',
    body: 'Spring sale: {{1}} off everything this week.',
  },
] as const;

const DEMO_CUSTOMERS = [
  { channel: 'whatsapp', from: '0800666003', subject: '', body: 'Hi, where is my order 4471?' },
  { channel: 'sms', from: '0821234567', subject: '', body: 'Can I change my delivery address?' },
  {
    channel: 'email',
    from: 'ann@example.com',
    subject: 'Invoice question',
    body: 'Hello, my invoice shows the wrong VAT number.',
  },
] as const;

export function seedMessagingDemo(deps: MessagingDemoDeps, systemId: number, at: number): void {
  const { store, sequences, windows } = deps;
  const campaignId = sequences.next(systemId, 'messaging_campaign');
  store.insertCampaign({
    systemId,
    campaignId,
    campaignName: DEMO_MESSAGING_CAMPAIGN,
    description: 'SMS, WhatsApp, email and Messenger customers (demo)',
    channels: ['sms', 'whatsapp', 'email', 'facebook'],
    maxConcurrent: 3,
    concurrentWithCalls: false,
    dispositions: ['SALE', 'NI', 'CALLBK', 'DNC', 'XFER'],
    createdAt: at,
  });
  for (const t of DEMO_TEMPLATES) {
    store.insertTemplate({
      systemId,
      templateId: sequences.next(systemId, 'message_template'),
      templateName: t.name,
      language: t.language,
      category: t.category,
      body: t.body,
      variableCount: templateVariableCount(t.body),
      status: t.status,
      rejectedReason: '',
      createdAt: at,
      updatedAt: at,
    });
  }
  for (const c of DEMO_CUSTOMERS) {
    const conversation: ConversationRecord = {
      systemId,
      conversationId: sequences.next(systemId, 'conversation'),
      channel: c.channel,
      customerAddress: c.from,
      businessAddress: BUSINESS_ADDRESSES[c.channel],
      campaignId,
      userId: 0,
      state: 'queued',
      subject: c.subject,
      unreadCount: 1,
      lastInboundAt: at,
      lastMessageAt: at,
      createdAt: at,
      closedAt: null,
      dispositionCode: '',
      notes: '',
      firstAssignedAt: null,
      firstResponseAt: null,
      messagesIn: 1,
      messagesOut: 0,
    };
    store.insertConversation(conversation);
    store.insertMessage({
      systemId,
      messageId: sequences.next(systemId, 'message'),
      conversationId: conversation.conversationId,
      channel: c.channel,
      direction: 'inbound',
      from: c.from,
      to: BUSINESS_ADDRESSES[c.channel],
      body: c.body,
      media: [],
      status: 'received',
      errorCode: '',
      errorDetail: '',
      segments: 1,
      encoding: c.channel === 'sms' ? 'GSM-7' : '',
      subject: c.subject,
      emailMessageId: c.channel === 'email' ? '<demo-invoice-1@customer.example>' : '',
      inReplyTo: '',
      references: '',
      template: null,
      messageTag: '',
      userId: 0,
      uniqueId: '',
      createdAt: at,
      updatedAt: at,
    });
    if (windowChannel(c.channel)) windows.armWindow(systemId, conversation.conversationId, at + MESSAGING_WINDOW_MS);
  }
}
