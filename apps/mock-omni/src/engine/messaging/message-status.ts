/**
 * A message's status and how it may move, per channel and direction. Outbound, every channel goes
 * `queued → sent → delivered`; WhatsApp and Messenger then report `read`, email `opened` where the open is tracked
 * (SMS has neither), and an email the customer reports as spam ends `complained` (after `delivered` or `opened`).
 * A message that cannot go ends `failed` (before or after the provider took it); one the far end refused ends
 * `undelivered` where the provider tells the two apart (Twilio's SMS delivery receipts, an email bounce). Inbound,
 * a message is `received`, then `read` once the agent has read it. Statuses only move forward, so a notification
 * that would move one back is never sent.
 *
 * @module
 */

import { MESSAGE_STATUSES, type MessageDirection, type MessageStatus } from '@omnikit/contracts/messaging';
import type { MessagingChannel } from './messaging-channel.js';

export { MESSAGE_STATUSES, type MessageDirection, type MessageStatus };

/** The statuses an outbound message reports on each channel. */
export const CHANNEL_STATUSES: Readonly<Record<MessagingChannel, readonly MessageStatus[]>> = {
  sms: ['queued', 'sent', 'delivered', 'failed', 'undelivered'],
  whatsapp: ['queued', 'sent', 'delivered', 'read', 'failed'],
  facebook: ['queued', 'sent', 'delivered', 'read', 'failed'],
  email: ['queued', 'sent', 'delivered', 'opened', 'failed', 'undelivered', 'complained'],
};

/** The engagement status after `delivered` on a channel (null: none). */
export function engagementStatus(channel: MessagingChannel): 'read' | 'opened' | null {
  if (channel === 'whatsapp' || channel === 'facebook') return 'read';
  if (channel === 'email') return 'opened';
  return null;
}

const OUTBOUND_NEXT: Readonly<Record<MessageStatus, readonly MessageStatus[]>> = {
  queued: ['sent', 'failed'],
  sent: ['delivered', 'failed', 'undelivered'],
  delivered: ['read', 'opened', 'complained'],
  opened: ['complained'],
  read: [],
  failed: [],
  undelivered: [],
  complained: [],
  received: [],
};

/** Whether a message may move from `from` to `to` (outbound unless said). */
export function canMoveMessageStatus(
  channel: MessagingChannel,
  from: MessageStatus,
  to: MessageStatus,
  direction: MessageDirection = 'outbound',
): boolean {
  if (direction === 'inbound') return from === 'received' && to === 'read';
  const statuses = CHANNEL_STATUSES[channel];
  return statuses.includes(from) && statuses.includes(to) && OUTBOUND_NEXT[from].includes(to);
}

/** Whether nothing follows an outbound status on a channel. */
export function isFinalMessageStatus(channel: MessagingChannel, status: MessageStatus): boolean {
  return !OUTBOUND_NEXT[status].some((to) => CHANNEL_STATUSES[channel].includes(to));
}

/** A failure status: the message did not reach the customer. */
export function isFailedMessageStatus(status: MessageStatus): boolean {
  return status === 'failed' || status === 'undelivered';
}
