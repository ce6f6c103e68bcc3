/**
 * A message's status (omni-api.md B.12.3). Outbound: `queued → sent → delivered → read` (WhatsApp,
 * Messenger) or `opened` (email), SMS ending at `delivered`; `failed` (the channel refused it, it never
 * left the provider), `undelivered` (it left but the destination did not take it), `complained`
 * (email, after `delivered`: reported as spam). Inbound: `received`, then `read` once the owner
 * marks the conversation read.
 *
 * @module
 */

import { z } from 'zod';

export const MESSAGE_STATUSES = [
  'queued',
  'sent',
  'delivered',
  'read',
  'opened',
  'failed',
  'undelivered',
  'complained',
  'received',
] as const;
export const messageStatus = z.enum(MESSAGE_STATUSES);
export type MessageStatus = z.infer<typeof messageStatus>;

export const MESSAGE_DIRECTIONS = ['inbound', 'outbound'] as const;
export const messageDirection = z.enum(MESSAGE_DIRECTIONS);
export type MessageDirection = z.infer<typeof messageDirection>;

/**
 * The providers' own failure codes (B.12.3), as strings: Twilio's and Meta's are numbers,
 * SendGrid's are event names. Each with the status it ends the message in.
 */
export const CHANNEL_ERRORS = {
  sms: {
    '21610': { status: 'failed', detail: 'Attempt to send to unsubscribed recipient' },
    '30003': { status: 'undelivered', detail: 'Unreachable destination handset' },
    '30005': { status: 'undelivered', detail: 'Unknown destination handset' },
    '30007': { status: 'undelivered', detail: 'Message filtered by the carrier' },
  },
  whatsapp: {
    '131026': { status: 'failed', detail: 'Message undeliverable' },
    '131047': { status: 'failed', detail: 'Re-engagement message: more than 24 hours since the customer last replied' },
    '132001': { status: 'failed', detail: 'Template name does not exist in the translation' },
  },
  facebook: {
    '10': { status: 'failed', detail: 'This message is sent outside of allowed window' },
    '551': { status: 'failed', detail: "This person isn't available right now" },
  },
  email: {
    dropped: { status: 'failed', detail: 'Dropped: the address is suppressed or invalid' },
    bounce: { status: 'undelivered', detail: 'Bounced: the receiving server rejected the message' },
    spamreport: { status: 'complained', detail: 'The recipient marked the message as spam' },
  },
} as const satisfies Record<string, Record<string, { status: MessageStatus; detail: string }>>;
export type ChannelErrorCode<C extends keyof typeof CHANNEL_ERRORS = keyof typeof CHANNEL_ERRORS> =
  keyof (typeof CHANNEL_ERRORS)[C] & string;
