/**
 * An outbound message's status and how it may move, per channel. Every channel goes `queued → sent → delivered`;
 * WhatsApp and Messenger then report `read`, email `opened` where the open is tracked (SMS has neither). A message
 * that cannot go ends `failed` (before or after the provider took it); one the far end refused ends `undelivered`
 * where the provider tells the two apart (Twilio's SMS delivery receipts, an email bounce). Statuses only move
 * forward, so a notification that would move one back is never sent.
 *
 * @module
 */

import type { MessagingChannel } from './messaging-channel.js';

export const MESSAGE_STATUSES = ['queued', 'sent', 'delivered', 'read', 'opened', 'failed', 'undelivered'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** The statuses each channel reports. */
export const CHANNEL_STATUSES: Readonly<Record<MessagingChannel, readonly MessageStatus[]>> = {
  sms: ['queued', 'sent', 'delivered', 'failed', 'undelivered'],
  whatsapp: ['queued', 'sent', 'delivered', 'read', 'failed'],
  facebook: ['queued', 'sent', 'delivered', 'read', 'failed'],
  email: ['queued', 'sent', 'delivered', 'opened', 'failed', 'undelivered'],
};

/** The engagement status after `delivered` on a channel (null: none). */
export function engagementStatus(channel: MessagingChannel): 'read' | 'opened' | null {
  if (channel === 'whatsapp' || channel === 'facebook') return 'read';
  if (channel === 'email') return 'opened';
  return null;
}

const NEXT: Readonly<Record<MessageStatus, readonly MessageStatus[]>> = {
  queued: ['sent', 'failed'],
  sent: ['delivered', 'failed', 'undelivered'],
  delivered: ['read', 'opened'],
  read: [],
  opened: [],
  failed: [],
  undelivered: [],
};

/** Whether a message may move from `from` to `to` on `channel`. */
export function canMoveMessageStatus(channel: MessagingChannel, from: MessageStatus, to: MessageStatus): boolean {
  const statuses = CHANNEL_STATUSES[channel];
  return statuses.includes(from) && statuses.includes(to) && NEXT[from].includes(to);
}

/** Whether nothing follows a status on a channel. */
export function isFinalMessageStatus(channel: MessagingChannel, status: MessageStatus): boolean {
  return !NEXT[status].some((to) => CHANNEL_STATUSES[channel].includes(to));
}

/** A failure status: the message did not reach the customer. */
export function isFailedMessageStatus(status: MessageStatus): boolean {
  return status === 'failed' || status === 'undelivered';
}
