/**
 * Which of Omni's notifications concern the inbox (omni-api.md B.12.6): on each one the screen
 * reads the conversation list again, so a new conversation, a customer's message or a delivery
 * tick shows without a click.
 *
 * @module
 */

import type { Notification } from '@omnikit/contracts';

/** The messaging notification types. */
export const MESSAGING_NOTIFICATION_TYPES: ReadonlySet<string> = new Set([
  'message_received',
  'message_status',
  'conversation_assigned',
  'conversation_window',
  'conversation_end',
]);

/** Whether the notification is about a conversation or one of its messages. */
export function isMessagingNotification(n: Notification): boolean {
  return MESSAGING_NOTIFICATION_TYPES.has(n.type);
}
