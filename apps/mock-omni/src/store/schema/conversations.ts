import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { systems } from './systems.js';

/**
 * Conversations (B.12.2): one open per customer address per channel. `customer_address` is the normalised
 * address the rules compare; the times are the system clock's epoch milliseconds (null: not yet).
 */
export const conversations = sqliteTable(
  'conversations',
  {
    systemId: integer('system_id')
      .notNull()
      .references(() => systems.systemId, { onDelete: 'cascade' }),
    conversationId: integer('conversation_id').notNull(),
    channel: text('channel').notNull(),
    customerAddress: text('customer_address').notNull(),
    businessAddress: text('business_address').notNull(),
    campaignId: integer('campaign_id').notNull(),
    userId: integer('user_id').notNull(),
    state: text('state').notNull(),
    subject: text('subject').notNull(),
    unreadCount: integer('unread_count').notNull(),
    lastInboundAt: integer('last_inbound_at'),
    lastMessageAt: integer('last_message_at').notNull(),
    createdAt: integer('created_at').notNull(),
    closedAt: integer('closed_at'),
    dispositionCode: text('disposition_code').notNull(),
    notes: text('notes').notNull(),
    firstAssignedAt: integer('first_assigned_at'),
    firstResponseAt: integer('first_response_at'),
    messagesIn: integer('messages_in').notNull(),
    messagesOut: integer('messages_out').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.systemId, t.conversationId] }),
    index('conversations_open').on(t.systemId, t.channel, t.customerAddress, t.state),
    index('conversations_queue').on(t.systemId, t.campaignId, t.state, t.conversationId),
    index('conversations_owner').on(t.systemId, t.userId, t.state),
    index('conversations_recent').on(t.systemId, t.lastMessageAt),
  ],
);
