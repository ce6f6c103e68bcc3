import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { systems } from './systems.js';

/**
 * Messages (B.12.3), in and out. `media` is a JSON array, `template` JSON or null. `email_references` is an email's
 * `References` header (space-separated ids, `''` when none). An inbound email is placed on its thread by the
 * `Message-ID`s it names, so email messages are indexed by theirs, per system; the index leaves out the other
 * channels' messages (their id is `''`).
 */
export const messages = sqliteTable(
  'messages',
  {
    systemId: integer('system_id')
      .notNull()
      .references(() => systems.systemId, { onDelete: 'cascade' }),
    messageId: integer('message_id').notNull(),
    conversationId: integer('conversation_id').notNull(),
    channel: text('channel').notNull(),
    direction: text('direction').notNull(),
    fromAddress: text('from_address').notNull(),
    toAddress: text('to_address').notNull(),
    body: text('body').notNull(),
    media: text('media').notNull(),
    status: text('status').notNull(),
    errorCode: text('error_code').notNull(),
    errorDetail: text('error_detail').notNull(),
    segments: integer('segments').notNull(),
    encoding: text('encoding').notNull(),
    subject: text('subject').notNull(),
    emailMessageId: text('email_message_id').notNull(),
    inReplyTo: text('in_reply_to').notNull(),
    emailReferences: text('email_references').notNull().default(''),
    template: text('template'),
    messageTag: text('message_tag').notNull(),
    userId: integer('user_id').notNull(),
    uniqueId: text('unique_id').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.systemId, t.messageId] }),
    index('messages_conversation').on(t.systemId, t.conversationId, t.messageId),
    index('messages_email_message_id').on(t.systemId, t.emailMessageId, t.messageId).where(sql`email_message_id <> ''`),
  ],
);
