/**
 * Messenger's standard messaging window: a Page may message a person freely within 24 hours of the person's last
 * message to it. Outside the window a message needs one of Meta's message tags, each for one purpose;
 * `HUMAN_AGENT` (a person answering, not a bot) reaches only 7 days past the person's last message, the three
 * update tags have no time limit. A person who never wrote cannot be messaged at all. Meta refuses anything else
 * with code 10, subcode 2018278, and an unknown tag with code 100.
 *
 * @module
 */

import { CHANNEL_ERRORS, type ChannelRefusal } from './channel-error.js';

export const MESSENGER_WINDOW_MS = 24 * 60 * 60 * 1_000;
export const MESSENGER_HUMAN_AGENT_WINDOW_MS = 7 * 24 * 60 * 60 * 1_000;

export const MESSENGER_TAGS = [
  'CONFIRMED_EVENT_UPDATE',
  'POST_PURCHASE_UPDATE',
  'ACCOUNT_UPDATE',
  'HUMAN_AGENT',
] as const;
export type MessengerTag = (typeof MESSENGER_TAGS)[number];

export function isMessengerTag(tag: string): tag is MessengerTag {
  return (MESSENGER_TAGS as readonly string[]).includes(tag);
}

/** Refuses a Messenger send the window and tag do not allow; null when it may go. */
export function messengerSendRefusal(input: {
  lastInboundAt: number | null;
  now: number;
  /** The message tag, if the send carries one. */
  tag?: string | null;
}): ChannelRefusal | null {
  const tag = input.tag ?? null;
  if (tag !== null && !isMessengerTag(tag))
    return {
      error: CHANNEL_ERRORS.facebookInvalidTag,
      detail: `tag must be one of ${MESSENGER_TAGS.join(', ')}, not ${tag}`,
    };
  if (input.lastInboundAt === null)
    return {
      error: CHANNEL_ERRORS.facebookOutsideWindow,
      detail: 'this person has never written to the Page: a Page cannot start a conversation',
    };
  const since = input.now - input.lastInboundAt;
  if (since < MESSENGER_WINDOW_MS) return null;
  if (tag === null)
    return {
      error: CHANNEL_ERRORS.facebookOutsideWindow,
      detail: 'more than 24 hours since the person last wrote: the message needs a message tag',
    };
  if (tag === 'HUMAN_AGENT' && since >= MESSENGER_HUMAN_AGENT_WINDOW_MS)
    return {
      error: CHANNEL_ERRORS.facebookOutsideWindow,
      detail: 'more than 7 days since the person last wrote: HUMAN_AGENT no longer applies',
    };
  return null;
}
