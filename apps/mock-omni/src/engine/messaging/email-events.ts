/**
 * SendGrid's event webhook names for what happened to an email, and what each means here: the message status it
 * moves to, and whether the address is suppressed afterwards. SendGrid suppresses an address after a hard bounce
 * (`bounce` of type `bounce`) or a spam complaint (`spamreport`), and drops every later message to it (`processed`
 * then `dropped`) without trying; a `bounce` of type `blocked` (the receiver refused this message, say as spam) is
 * not suppressed.
 *
 * @module
 */

import { CHANNEL_ERRORS, type ChannelError, type ChannelRefusal } from './channel-error.js';
import type { MessageStatus } from './message-status.js';

export const SENDGRID_EVENTS = ['processed', 'delivered', 'open', 'bounce', 'dropped', 'spamreport'] as const;
export type SendgridEvent = (typeof SENDGRID_EVENTS)[number];

/** The status each event moves a message to. */
export const SENDGRID_EVENT_STATUS: Readonly<Record<SendgridEvent, MessageStatus>> = {
  processed: 'sent',
  delivered: 'delivered',
  open: 'opened',
  bounce: 'undelivered',
  dropped: 'failed',
  spamreport: 'complained',
};

/** The SendGrid event that reports a status on the email channel. */
export function sendgridEventFor(status: MessageStatus): SendgridEvent | null {
  for (const event of SENDGRID_EVENTS) if (SENDGRID_EVENT_STATUS[event] === status) return event;
  return null;
}

export type EmailSuppression = 'bounce' | 'spamreport';

/** SendGrid's bounce `type`: `blocked` when the receiver refused this message (5.7.x), `bounce` when the address is bad. */
export function sendgridBounceType(error: ChannelError): 'bounce' | 'blocked' {
  return error.smtpStatus?.startsWith('5.7.') ? 'blocked' : 'bounce';
}

/** The suppression an event leaves on its address, or null. */
export function suppressionAfter(event: SendgridEvent, bounceError?: ChannelError): EmailSuppression | null {
  if (event === 'spamreport') return 'spamreport';
  if (event === 'bounce' && bounceError !== undefined && sendgridBounceType(bounceError) === 'bounce') return 'bounce';
  return null;
}

/** Refuses an email to a suppressed address (SendGrid would drop it); null when it may go. */
export function emailSuppressionRefusal(suppression: EmailSuppression | null, to: string): ChannelRefusal | null {
  if (suppression === null) return null;
  return {
    code: 'RECIPIENT_OPTED_OUT',
    field: 'to',
    error: CHANNEL_ERRORS.emailDropped,
    detail:
      suppression === 'bounce'
        ? `${to} bounced earlier (Bounced Address): SendGrid drops every message to it`
        : `${to} reported a message as spam (Spam Reporting Address): SendGrid drops every message to it`,
  };
}
