/**
 * A message's statuses come one notification each (`message_status`), and webhooks may arrive out
 * of order (two swapped in flight, a retry landing after a later one): keep, per `message_id`, the
 * furthest status seen and ignore anything behind it — a "delivered" that arrives after "read" is
 * older news, not a step back. The order is the channel's progression (B.12.3): `queued` → `sent` →
 * `delivered` → `read` or `opened` → `complained` (email), and `failed` or `undelivered` end it.
 *
 * @module
 */

import type { Notification } from '@omnikit/contracts';
import type { MessageStatus, MessageStatusPayload } from '@omnikit/contracts/messaging';

/**
 * What is known of one message, from its `message_status` notifications.
 *
 * @example
 * ```ts
 * import { createMessageTracker, type TrackedMessage } from '@omnikit/sdk';
 *
 * const messages = createMessageTracker();
 * const ticks = (m: TrackedMessage | undefined) => (m?.message_status === 'read' ? '✓✓ blue' : m?.message_status);
 * console.log(ticks(messages.get(42)));
 * ```
 */
export interface TrackedMessage {
  readonly message_id: number;
  readonly conversation_id: number;
  /** The furthest status seen. */
  readonly message_status: MessageStatus;
  /** The provider's failure code once it failed (`30003`, `131047`, `bounce`…), else `""`. */
  readonly channel_error_code: string;
  readonly channel_error_detail: string;
  /** The `timestamp` of the status kept. */
  readonly timestamp: string;
}

/**
 * What `apply` made of a notification: `applied` (the message's furthest status yet), `stale` (a
 * status it has passed, or a repeat: ignore it), `other` (not a `message_status`).
 *
 * @example
 * ```ts
 * import { createMessageTracker, type MessageUpdate, parseNotification } from '@omnikit/sdk';
 *
 * const messages = createMessageTracker();
 * export function receive(body: string): MessageUpdate {
 *   return messages.apply(parseNotification(body)); // 'stale': behind what is known
 * }
 * ```
 */
export type MessageUpdate = 'applied' | 'stale' | 'other';

/**
 * Keeps the furthest status of each message from notifications in any order.
 *
 * @example
 * ```ts
 * import { createMessageTracker, createNotificationHandler } from '@omnikit/sdk';
 *
 * const messages = createMessageTracker();
 * const handler = createNotificationHandler({
 *   secret: process.env.OMNI_WEBHOOK_SECRET,
 *   onNotification: (n) => {
 *     if (messages.apply(n) !== 'applied' || n.type !== 'message_status') return;
 *     console.log(n.payload.message_id, 'is now', n.payload.message_status); // never back from read to delivered
 *   },
 * });
 * ```
 */
export interface MessageTracker {
  apply(notification: Notification): MessageUpdate;
  get(messageId: number): TrackedMessage | undefined;
  /**
   * Forgets a message (e.g. once its final status is stored). How far it had come is still
   * remembered (a number per id), so that a late status behind it stays `stale`.
   */
  forget(messageId: number): void;
  readonly size: number;
}

/**
 * How far along its way each status is. `read` and `opened` are the same step on different
 * channels; `complained` comes after an email was delivered; `failed` and `undelivered` end a
 * message wherever it was. An inbound message is `received`, then `read`.
 */
const STEP: Readonly<Record<MessageStatus, number>> = {
  queued: 0,
  received: 0,
  sent: 1,
  delivered: 2,
  read: 3,
  opened: 3,
  complained: 4,
  failed: 5,
  undelivered: 5,
};

/**
 * A tracker in memory, bounded: past `maxMessages` (default 10 000) the message heard of least
 * recently is forgotten, though how far it had come is kept apart (for up to `maxMessages` such
 * messages), so that a late status behind it stays stale. The rule: a status is news when it is
 * further along than the one known; a failure (`failed`, `undelivered`) is final.
 *
 * @example
 * ```ts
 * import { createMessageTracker } from '@omnikit/sdk';
 *
 * const messages = createMessageTracker({ maxMessages: 50_000 });
 * ```
 */
export function createMessageTracker(options: { maxMessages?: number } = {}): MessageTracker {
  const maxMessages = options.maxMessages ?? 10_000;
  if (!Number.isInteger(maxMessages) || maxMessages < 1) throw new RangeError('maxMessages must be a positive integer');
  const messages = new Map<number, TrackedMessage>();
  // The step of each message no longer in `messages`: without it, a status arriving late after the
  // application forgot the message would turn its tick back.
  const passed = new Map<number, number>();
  const remove = (messageId: number) => {
    const message = messages.get(messageId);
    if (!message) return;
    messages.delete(messageId);
    passed.delete(messageId);
    passed.set(messageId, STEP[message.message_status]);
    if (passed.size > maxMessages) {
      const oldest = passed.keys().next().value;
      if (oldest !== undefined) passed.delete(oldest);
    }
  };
  const put = (message: TrackedMessage) => {
    // Re-inserting moves the message to the end: a Map iterates in insertion order.
    messages.delete(message.message_id);
    passed.delete(message.message_id);
    messages.set(message.message_id, message);
    if (messages.size > maxMessages) {
      const oldest = messages.keys().next().value;
      if (oldest !== undefined) remove(oldest);
    }
  };
  return {
    apply(n) {
      if (n.type !== 'message_status') return 'other';
      const p: MessageStatusPayload = n.payload;
      const known = messages.get(p.message_id);
      const step = known ? STEP[known.message_status] : passed.get(p.message_id);
      if (step !== undefined && STEP[p.message_status] <= step) return 'stale';
      put({
        message_id: p.message_id,
        conversation_id: p.conversation_id,
        message_status: p.message_status,
        channel_error_code: p.channel_error_code,
        channel_error_detail: p.channel_error_detail,
        timestamp: p.timestamp,
      });
      return 'applied';
    },
    get: (messageId) => messages.get(messageId),
    forget: (messageId) => remove(messageId),
    get size() {
      return messages.size;
    },
  };
}
