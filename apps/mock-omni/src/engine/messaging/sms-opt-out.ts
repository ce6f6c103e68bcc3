/**
 * SMS opt-out as Twilio handles it on long codes: a customer who replies with an opt-out keyword gets a fixed
 * confirmation and no further message from that sender until they reply with an opt-in keyword; a send in between
 * is refused with Twilio's 21610. A keyword counts only as the whole message (case and surrounding white space
 * ignored): "Stop" opts out, "please stop" does not.
 *
 * @module
 */

import { CHANNEL_ERRORS, type ChannelRefusal } from './channel-error.js';

/** Twilio's default opt-out keywords (the brief's six, and REVOKE and OPTOUT that Twilio has since added). */
export const SMS_OPT_OUT_KEYWORDS = [
  'STOP',
  'STOPALL',
  'UNSUBSCRIBE',
  'CANCEL',
  'END',
  'QUIT',
  'REVOKE',
  'OPTOUT',
] as const;
/** Twilio's default opt-in keywords. */
export const SMS_OPT_IN_KEYWORDS = ['START', 'UNSTOP', 'YES'] as const;
/** Twilio's default help keywords. */
export const SMS_HELP_KEYWORDS = ['HELP', 'INFO'] as const;

export type SmsKeywordAction = 'opt_out' | 'opt_in' | 'help';

/** The confirmation the sender replies with (Twilio's default wording), by action. */
export const SMS_KEYWORD_REPLIES: Readonly<Record<SmsKeywordAction, string>> = {
  opt_out:
    'You have successfully been unsubscribed. You will not receive any more messages from this number. Reply START to resubscribe.',
  opt_in:
    'You have successfully been re-subscribed to messages from this number. Reply HELP for help. Reply STOP to unsubscribe. Msg&Data Rates May Apply.',
  help: 'Reply STOP to unsubscribe. Msg&Data Rates May Apply.',
};

const ACTIONS = new Map<string, SmsKeywordAction>([
  ...SMS_OPT_OUT_KEYWORDS.map((k) => [k, 'opt_out'] as const),
  ...SMS_OPT_IN_KEYWORDS.map((k) => [k, 'opt_in'] as const),
  ...SMS_HELP_KEYWORDS.map((k) => [k, 'help'] as const),
]);

/** The keyword action of an inbound body, or null when the body is not exactly one keyword. */
export function smsKeywordAction(body: string): SmsKeywordAction | null {
  return ACTIONS.get(body.trim().toUpperCase()) ?? null;
}

export interface SmsKeywordOutcome {
  action: SmsKeywordAction;
  /** Whether the customer is opted out of this sender after the message. */
  optedOut: boolean;
  /** The confirmation the sender sends back. */
  reply: string;
}

/** What an inbound message does to a customer's opt-out state with its sender; null for an ordinary message. */
export function applySmsKeyword(optedOut: boolean, body: string): SmsKeywordOutcome | null {
  const action = smsKeywordAction(body);
  if (action === null) return null;
  const next = action === 'opt_out' ? true : action === 'opt_in' ? false : optedOut;
  return { action, optedOut: next, reply: SMS_KEYWORD_REPLIES[action] };
}

/** Refuses an outbound SMS to a customer who has opted out of its sender; null when it may go. */
export function smsOptOutRefusal(optedOut: boolean, to: string): ChannelRefusal | null {
  if (!optedOut) return null;
  return {
    error: CHANNEL_ERRORS.smsUnsubscribed,
    detail: `${to} replied with an opt-out keyword to this sender; it receives nothing until it replies START`,
  };
}
