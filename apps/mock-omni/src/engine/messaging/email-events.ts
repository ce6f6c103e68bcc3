/**
 * SendGrid's event webhook names for what happened to an email, and what each means here: the message status it
 * moves to, and whether the address is suppressed afterwards. SendGrid suppresses an address after a hard bounce
 * (`bounce` of type `bounce`) or a spam complaint (`spamreport`), and drops every later message to it (`processed`
 * then `dropped`) without trying; a `bounce` of type `blocked` (the receiver refused this message, say as spam) is
 * not suppressed.
 *
 * @module
 */

import { CHANNEL_ERRORS, type ChannelError } from './channel-error.js';
import type { MessageStatus } from './message-status.js';

export const SENDGRID_EVENTS = ['processed', 'delivered', 'open', 'bounce', 'dropped', 'spamreport'] as const;
export type SendgridEvent = (typeof SENDGRID_EVENTS)[number];

/** The status each event moves a message to; a complaint changes no status (the mail was delivered). */
export const SENDGRID_EVENT_STATUS: Readonly<Record<SendgridEvent, MessageStatus | null>> = {
  processed: 'sent',
  delivered: 'delivered',
  open: 'opened',
  bounce: 'undelivered',
  dropped: 'failed',
  spamreport: null,
};

/** The SendGrid event that reports a status on the email channel. */
export function sendgridEventFor(status: MessageStatus): SendgridEvent | null {
  for (const event of SENDGRID_EVENTS) if (SENDGRID_EVENT_STATUS[event] === status) return event;
  return null;
}

export type EmailSuppression = 'bounce' | 'spamreport';

/** SendGrid's bounce `type`: `blocked` when the receiver refused this message, `bounce` when the address is bad. */
export function sendgridBounceType(error: ChannelError): 'bounce' | 'blocked' {
  return error.enhancedStatus?.startsWith('5.7.') ? 'blocked' : 'bounce';
}

/** The suppression an event leaves on its address, or null. */
export function suppressionAfter(event: SendgridEvent, bounceError?: ChannelError): EmailSuppression | null {
  if (event === 'spamreport') return 'spamreport';
  if (event === 'bounce' && bounceError !== undefined && sendgridBounceType(bounceError) === 'bounce') return 'bounce';
  return null;
}

/** The error a dropped message carries: SendGrid's reason for the address's suppression. */
export function droppedError(suppression: EmailSuppression): ChannelError {
  return suppression === 'bounce' ? CHANNEL_ERRORS.emailSuppressedBounce : CHANNEL_ERRORS.emailSuppressedComplaint;
}
