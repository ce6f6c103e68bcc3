/**
 * Messenger's standard messaging window: a Page may message a person freely within 24 hours of the person's last
 * message to it. Outside the window a message needs one of Meta's message tags, each for one purpose;
 * `HUMAN_AGENT` (a person answering, not a bot) reaches only 7 days past the person's last message, the three
 * update tags have no time limit. A person who never wrote cannot be messaged at all. Meta refuses anything else
 * with code 10, subcode 2018278, and an unknown tag with code 100; the refusal's own code says which answer
 * the send gets (`MESSAGE_TAG_REQUIRED`, `INVALID_STATE` when no tag could help, `VALIDATION_FAILED` for a tag
 * that is none).
 *
 * @module
 */

import { MESSAGE_TAGS, type MessageTag } from '@omnikit/contracts/messaging';
import { CHANNEL_ERRORS, type ChannelRefusal } from './channel-error.js';
import type { MessagingWindow } from './whatsapp-window.js';

export const MESSENGER_WINDOW_MS = 24 * 60 * 60 * 1_000;
export const MESSENGER_HUMAN_AGENT_WINDOW_MS = 7 * 24 * 60 * 60 * 1_000;

/** The contracts' message tags. */
export const MESSENGER_TAGS = MESSAGE_TAGS;
export type MessengerTag = MessageTag;

export function isMessengerTag(tag: string): tag is MessengerTag {
  return (MESSENGER_TAGS as readonly string[]).includes(tag);
}

/** The standard window at `now`, given the person's last message (null: never wrote); the shape of WhatsApp's. */
export function messengerWindow(lastInboundAt: number | null, now: number): MessagingWindow {
  if (lastInboundAt === null) return { open: false, expiresAt: null };
  const expiresAt = lastInboundAt + MESSENGER_WINDOW_MS;
  return { open: now < expiresAt, expiresAt };
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
      code: 'VALIDATION_FAILED',
      field: 'message_tag',
      error: CHANNEL_ERRORS.facebookInvalidTag,
      detail: `tag must be one of ${MESSENGER_TAGS.join(', ')}, not ${tag}`,
    };
  if (input.lastInboundAt === null)
    return {
      code: 'INVALID_STATE',
      error: CHANNEL_ERRORS.facebookOutsideWindow,
      detail: 'this person has never written to the Page: a Page cannot start a conversation',
    };
  const since = input.now - input.lastInboundAt;
  if (since < MESSENGER_WINDOW_MS) return null;
  if (tag === null)
    return {
      code: 'MESSAGE_TAG_REQUIRED',
      field: 'message_tag',
      error: CHANNEL_ERRORS.facebookOutsideWindow,
      detail: 'more than 24 hours since the person last wrote: the message needs a message tag',
    };
  if (tag === 'HUMAN_AGENT' && since >= MESSENGER_HUMAN_AGENT_WINDOW_MS)
    return {
      code: 'MESSAGE_TAG_REQUIRED',
      field: 'message_tag',
      error: CHANNEL_ERRORS.facebookOutsideWindow,
      detail: 'more than 7 days since the person last wrote: HUMAN_AGENT no longer applies, an update tag may',
    };
  return null;
}
