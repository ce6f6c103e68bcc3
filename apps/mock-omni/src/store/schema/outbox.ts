import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { systems } from './systems.js';

/**
 * The notification outbox (B.7, notify/outbox-port.ts): one row per notification, written in the
 * transaction of the state change that caused it. `seq` is the insertion order (AUTOINCREMENT: never
 * reused, so the delivery worker can follow new rows by it); `body` holds the exact bytes signed
 * and sent. Times are system clock ms.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull().unique(),
    systemId: integer('system_id')
      .notNull()
      .references(() => systems.systemId, { onDelete: 'cascade' }),
    callId: integer('call_id'),
    type: text('type').notNull(),
    body: text('body').notNull(),
    state: text('state').notNull(),
    attempts: integer('attempts').notNull(),
    round: integer('round').notNull(),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    firstAttemptAt: integer('first_attempt_at'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('outbox_system').on(t.systemId, t.seq),
    index('outbox_call').on(t.systemId, t.callId, t.seq),
    index('outbox_pending').on(t.seq).where(sql`${t.state} = 'pending'`),
  ],
);

/** Every attempt to deliver a notification, with the receiver's answer. */
export const deliveryAttempts = sqliteTable(
  'delivery_attempts',
  {
    attemptId: integer('attempt_id').primaryKey({ autoIncrement: true }),
    notificationId: text('notification_id')
      .notNull()
      .references(() => outbox.id, { onDelete: 'cascade' }),
    round: integer('round').notNull(),
    attempt: integer('attempt').notNull(),
    outcome: text('outcome').notNull(),
    url: text('url').notNull(),
    status: integer('status'),
    error: text('error'),
    responseBody: text('response_body').notNull(),
    /** Wall-clock ms. */
    durationMs: integer('duration_ms').notNull(),
    /** Wall epoch ms. */
    sentAt: integer('sent_at').notNull(),
    /** System clock ms. */
    virtualAt: integer('virtual_at').notNull(),
  },
  (t) => [index('delivery_attempts_notification').on(t.notificationId, t.attemptId)],
);
