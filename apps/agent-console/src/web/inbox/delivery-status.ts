/**
 * An outbound message's delivery status as the agent reads it: the ticks messaging apps draw
 * (one for sent, two for delivered, two coloured for read or opened) and a sentence, with a
 * failure's channel error code said in words.
 *
 * @module
 */

/** How far a message got: the ticks to draw, or a failure. */
export type TickLevel = 'pending' | 'sent' | 'delivered' | 'seen' | 'failed';

export interface DeliveryStatus {
  level: TickLevel;
  /** The status in a word or two, beside the ticks. */
  label: string;
  /** The status in words; for a failure, the reason as a sentence. */
  words: string;
}

/** Each channel's failure codes in words: Twilio's, WhatsApp Cloud API's, Messenger's, SendGrid's event names. */
const FAILURES: Record<string, Record<string, string>> = {
  sms: {
    '21610': 'the customer opted out (they replied STOP), so no SMS may go to them until they reply START',
    '21211': 'the number is not a valid phone number',
    '30003': 'the customer’s phone is unreachable (switched off or out of coverage)',
    '30004': 'the customer’s phone blocks messages from this sender',
    '30005': 'the number is unknown or no longer in service',
    '30006': 'the number is a landline or cannot receive SMS',
    '30007': 'the carrier filtered the message as spam',
    '30008': 'the carrier reported an unknown error',
  },
  whatsapp: {
    '131047': 'more than 24 hours have passed since the customer last wrote, so only an approved template may be sent',
    '131026': 'WhatsApp could not deliver it (the number may not be on WhatsApp)',
    '131051': 'WhatsApp does not support this kind of message',
    '132000': 'the template’s variables do not match the template',
    '132001': 'the template does not exist in that language or is not approved',
  },
  facebook: {
    '10': 'it was sent outside Messenger’s 24-hour window without an allowed message tag',
    '551': 'this person is not available on Messenger right now',
    '2018278': 'it was sent outside Messenger’s 24-hour window without an allowed message tag',
    '2018108': 'this person cannot receive messages from the page',
  },
  email: {
    bounce: 'the email bounced: the address does not accept mail',
    dropped: 'the email was dropped: the address bounced or unsubscribed before',
    spamreport: 'the customer marked the email as spam',
    deferred: 'the receiving server deferred the email',
  },
};

/** A failure in words: the channel's reason for its code, else the code itself with whatever detail came with it. */
export function failureReason(channel: string, code: string | number | null | undefined, detail?: string): string {
  const key = code === null || code === undefined ? '' : String(code);
  const known = key ? FAILURES[channel]?.[key] : undefined;
  if (known) return `Not delivered: ${known} (error ${key}).`;
  const rest = detail?.trim() ? `: ${detail.trim().replace(/\.$/, '')}` : '';
  return key ? `Not delivered (error ${key})${rest}.` : `Not delivered${rest}.`;
}

/** The ticks and words of an outbound message's status (`email` says opened where the others say read). */
export function deliveryStatus(
  channel: string,
  status: string,
  errorCode?: string | number | null,
  detail?: string,
): DeliveryStatus {
  switch (status) {
    case 'queued':
    case 'accepted':
    case 'sending':
      return { level: 'pending', label: 'Queued', words: 'Queued' };
    case 'sent':
      return { level: 'sent', label: 'Sent', words: 'Sent' };
    case 'delivered':
      return { level: 'delivered', label: 'Delivered', words: 'Delivered' };
    case 'read':
      return { level: 'seen', label: 'Read', words: 'Read' };
    case 'opened':
      return { level: 'seen', label: 'Opened', words: 'Opened' };
    case 'failed':
    case 'undelivered':
      return { level: 'failed', label: 'Failed', words: failureReason(channel, errorCode, detail) };
    case 'complained':
      return {
        level: 'failed',
        label: 'Reported as spam',
        words: 'Delivered, then the customer marked the email as spam: no more email goes to this address.',
      };
    default:
      return { level: 'pending', label: status, words: status };
  }
}
