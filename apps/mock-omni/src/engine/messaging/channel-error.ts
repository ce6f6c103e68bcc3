/**
 * The errors each channel's provider reports, with the provider's own numbers, so that an integration written
 * against the mock handles the codes it will meet: Twilio's for SMS, the WhatsApp Business Cloud API's, the
 * Messenger Send API's (the subcode where Meta gives one), and for email the SMTP reply a bounce carries (SendGrid's
 * `bounce` event reports it with the enhanced status code of RFC 3463).
 *
 * @module
 */

import type { MessagingChannel } from './messaging-channel.js';

export interface ChannelError {
  channel: MessagingChannel;
  /** The provider's number: Twilio's error code, WhatsApp's `code`, Messenger's `code`, or the SMTP reply code. */
  code: number;
  /** Messenger's `error_subcode`. */
  subcode?: number;
  /** An email bounce's enhanced status code (RFC 3463), as SendGrid's `status` field gives it. */
  enhancedStatus?: string;
  /** The provider's title for the code. */
  title: string;
}

/** Every error the rules and the customer model produce, by a stable name. */
export const CHANNEL_ERRORS = {
  // Twilio Programmable Messaging.
  smsUnsubscribed: { channel: 'sms', code: 21610, title: 'Attempt to send to unsubscribed recipient' },
  smsUnreachable: { channel: 'sms', code: 30003, title: 'Unreachable destination handset' },
  smsUnknownDestination: { channel: 'sms', code: 30005, title: 'Unknown destination handset' },
  smsLandline: { channel: 'sms', code: 30006, title: 'Landline or unreachable carrier' },
  smsFiltered: { channel: 'sms', code: 30007, title: 'Message filtered' },
  smsUnknown: { channel: 'sms', code: 30008, title: 'Unknown error' },
  // WhatsApp Business Cloud API.
  whatsappReengagement: {
    channel: 'whatsapp',
    code: 131047,
    title: 'Re-engagement message: more than 24 hours have passed since the recipient last replied',
  },
  whatsappUndeliverable: { channel: 'whatsapp', code: 131026, title: 'Message undeliverable' },
  whatsappEcosystemLimit: {
    channel: 'whatsapp',
    code: 131049,
    title: 'This message was not delivered to maintain healthy ecosystem engagement',
  },
  whatsappMarketingOptOut: {
    channel: 'whatsapp',
    code: 131050,
    title: 'The recipient has chosen to stop receiving marketing messages from this business',
  },
  whatsappUnknown: { channel: 'whatsapp', code: 131000, title: 'Something went wrong' },
  whatsappParameterCount: {
    channel: 'whatsapp',
    code: 132000,
    title: 'Number of parameters does not match the expected number of params',
  },
  whatsappTemplateMissing: {
    channel: 'whatsapp',
    code: 132001,
    title: 'Template name does not exist in the translation',
  },
  whatsappParameterInvalid: { channel: 'whatsapp', code: 131009, title: 'Parameter value is not valid' },
  // Messenger Send API.
  facebookOutsideWindow: {
    channel: 'facebook',
    code: 10,
    subcode: 2018278,
    title: 'This message is sent outside of allowed window',
  },
  facebookInvalidTag: { channel: 'facebook', code: 100, title: 'Invalid parameter: tag' },
  facebookUnavailable: {
    channel: 'facebook',
    code: 551,
    subcode: 1545041,
    title: "This person isn't available right now",
  },
  facebookTemporary: {
    channel: 'facebook',
    code: 1200,
    title: 'Temporary send message failure. Please try again later',
  },
  // Email: the SMTP reply of the receiving server, as SendGrid's bounce event reports it.
  emailUserUnknown: { channel: 'email', code: 550, enhancedStatus: '5.1.1', title: 'The email account does not exist' },
  emailMailboxFull: { channel: 'email', code: 552, enhancedStatus: '5.2.2', title: 'The mailbox is full' },
  emailBlocked: {
    channel: 'email',
    code: 554,
    enhancedStatus: '5.7.1',
    title: 'Message rejected as spam by the receiver',
  },
  emailSuppressedBounce: { channel: 'email', code: 550, title: 'Bounced Address' },
  emailSuppressedComplaint: { channel: 'email', code: 550, title: 'Spam Reporting Address' },
} as const satisfies Record<string, ChannelError>;

export type ChannelErrorName = keyof typeof CHANNEL_ERRORS;

/** A send a channel's rules refuse: the provider's error and a sentence saying why, for the error body. */
export interface ChannelRefusal {
  error: ChannelError;
  detail: string;
}
