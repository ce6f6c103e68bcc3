/**
 * The errors each channel's provider reports, in the provider's own terms, so that an integration written against
 * the mock handles the codes it will meet: Twilio's error codes for SMS, the WhatsApp Business Cloud API's, the
 * Messenger Send API's (with Meta's subcode), and for email SendGrid's event names (`dropped`, `bounce`,
 * `spamreport`) with the SMTP reply of a bounce. Codes are strings, as `channel_error_code` carries them.
 *
 * @module
 */

import type { ErrorCode } from '@omnikit/contracts';
import type { MessagingChannel } from './messaging-channel.js';

export interface ChannelError {
  channel: MessagingChannel;
  /** The provider's code: Twilio's or Meta's number as text, or SendGrid's event name. */
  code: string;
  /** The provider's words for it. */
  detail: string;
  /** Messenger's `error_subcode`. */
  subcode?: number;
  /** An email bounce's enhanced status code (RFC 3463), as SendGrid's `status` field gives it. */
  smtpStatus?: string;
}

/** Every error the rules and the customer model produce, by a stable name. */
export const CHANNEL_ERRORS = {
  // Twilio Programmable Messaging.
  smsUnsubscribed: { channel: 'sms', code: '21610', detail: 'Attempt to send to unsubscribed recipient' },
  smsUnreachable: { channel: 'sms', code: '30003', detail: 'Unreachable destination handset' },
  smsUnknownDestination: { channel: 'sms', code: '30005', detail: 'Unknown destination handset' },
  smsLandline: { channel: 'sms', code: '30006', detail: 'Landline or unreachable carrier' },
  smsFiltered: { channel: 'sms', code: '30007', detail: 'Message filtered by the carrier' },
  smsUnknown: { channel: 'sms', code: '30008', detail: 'Unknown error' },
  // WhatsApp Business Cloud API.
  whatsappReengagement: {
    channel: 'whatsapp',
    code: '131047',
    detail: 'Re-engagement message: more than 24 hours since the customer last replied',
  },
  whatsappUndeliverable: { channel: 'whatsapp', code: '131026', detail: 'Message undeliverable' },
  whatsappEcosystemLimit: {
    channel: 'whatsapp',
    code: '131049',
    detail: 'This message was not delivered to maintain healthy ecosystem engagement',
  },
  whatsappMarketingOptOut: {
    channel: 'whatsapp',
    code: '131050',
    detail: 'The recipient has chosen to stop receiving marketing messages from this business',
  },
  whatsappUnknown: { channel: 'whatsapp', code: '131000', detail: 'Something went wrong' },
  whatsappParameterCount: {
    channel: 'whatsapp',
    code: '132000',
    detail: 'Number of parameters does not match the expected number of params',
  },
  whatsappTemplateMissing: {
    channel: 'whatsapp',
    code: '132001',
    detail: 'Template name does not exist in the translation',
  },
  whatsappParameterInvalid: { channel: 'whatsapp', code: '131009', detail: 'Parameter value is not valid' },
  // Messenger Send API.
  facebookOutsideWindow: {
    channel: 'facebook',
    code: '10',
    subcode: 2018278,
    detail: 'This message is sent outside of allowed window',
  },
  facebookInvalidTag: { channel: 'facebook', code: '100', detail: 'Invalid parameter: tag' },
  facebookUnavailable: {
    channel: 'facebook',
    code: '551',
    subcode: 1545041,
    detail: "This person isn't available right now",
  },
  facebookTemporary: {
    channel: 'facebook',
    code: '1200',
    detail: 'Temporary send message failure. Please try again later',
  },
  // SendGrid: a bounce carries the receiving server's SMTP reply.
  emailDropped: { channel: 'email', code: 'dropped', detail: 'Dropped: the address is suppressed or invalid' },
  emailUserUnknown: {
    channel: 'email',
    code: 'bounce',
    smtpStatus: '5.1.1',
    detail: '550 5.1.1 The email account that you tried to reach does not exist',
  },
  emailMailboxFull: {
    channel: 'email',
    code: 'bounce',
    smtpStatus: '5.2.2',
    detail: '552 5.2.2 The email account that you tried to reach is over quota',
  },
  emailBlocked: {
    channel: 'email',
    code: 'bounce',
    smtpStatus: '5.7.1',
    detail: '554 5.7.1 Message rejected by the receiving server as spam (bounce type blocked)',
  },
  emailSpamReport: { channel: 'email', code: 'spamreport', detail: 'The recipient marked the message as spam' },
} as const satisfies Record<string, ChannelError>;

export type ChannelErrorName = keyof typeof CHANNEL_ERRORS;

/**
 * The `error_code` (B.2, B.12.5) a refused send answers with: the conversation's or the registry's state forbids
 * it (409), or the request does not fit what it names (400, 404).
 */
export type RefusalCode = Extract<
  ErrorCode,
  | 'WINDOW_CLOSED_TEMPLATE_REQUIRED'
  | 'MESSAGE_TAG_REQUIRED'
  | 'RECIPIENT_OPTED_OUT'
  | 'TEMPLATE_NOT_APPROVED'
  | 'TEMPLATE_VARIABLES_MISMATCH'
  | 'INVALID_STATE'
  | 'NOT_FOUND'
  | 'VALIDATION_FAILED'
>;

/** A send a channel's rules refuse: the answer's code, the field at fault, the provider's error, and why. */
export interface ChannelRefusal {
  code: RefusalCode;
  /** The request field to blame (dotted path), when one is. */
  field?: string;
  /** What the provider itself reports for it. */
  error: ChannelError;
  detail: string;
}
