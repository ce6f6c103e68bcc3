/**
 * Email threading as mail clients do it (RFC 5322 §3.6.4): a message that starts a thread needs a subject; a reply
 * carries `In-Reply-To` (the parent's `Message-ID`) and `References` (the parent's references followed by the
 * parent's id), and takes the parent's subject with `Re: ` unless it gives its own. An inbound reply is placed on a
 * thread by its `In-Reply-To`, else by its `References` from the newest.
 *
 * @module
 */

import { DomainError } from '../domain-error.js';
import { isEmailMessageId } from './email-message-id.js';

/** RFC 5322's line limit, which a subject must fit in. */
export const EMAIL_SUBJECT_MAX = 998;

export interface EmailThreadHeaders {
  messageId: string;
  subject: string;
  inReplyTo: string | null;
  references: string[];
}

/** The headers of an outbound email: a new thread (no parent) or a reply to `parent`. */
export function emailThreadHeaders(input: {
  messageId: string;
  subject?: string | null;
  parent?: EmailThreadHeaders | null;
}): EmailThreadHeaders {
  const subject = input.subject?.trim() ?? '';
  if (/[\r\n]/.test(input.subject ?? ''))
    throw DomainError.validation('subject', 'must be one line (no carriage return or line feed)');
  if (subject.length > EMAIL_SUBJECT_MAX)
    throw DomainError.validation('subject', `must be at most ${EMAIL_SUBJECT_MAX} characters`);
  const parent = input.parent ?? null;
  if (parent === null) {
    if (subject === '') throw DomainError.validation('subject', 'is required to start an email thread');
    return { messageId: input.messageId, subject, inReplyTo: null, references: [] };
  }
  return {
    messageId: input.messageId,
    subject: subject !== '' ? subject : replySubject(parent.subject),
    inReplyTo: parent.messageId,
    references: [...parent.references, parent.messageId],
  };
}

/** `Re: ` before a subject, once: `Re: Re: x` is what clients avoid. */
export function replySubject(subject: string): string {
  return /^re:/i.test(subject.trim()) ? subject.trim() : `Re: ${subject.trim()}`;
}

/**
 * The `Message-ID`s an inbound email may belong under, most specific first: `In-Reply-To`, then `References`
 * from the last (the parent) back to the first (the thread's root). Anything that is not a message id is skipped.
 */
export function emailThreadCandidates(headers: { inReplyTo?: string | null; references?: string | null }): string[] {
  const ids: string[] = [];
  const add = (id: string): void => {
    if (isEmailMessageId(id) && !ids.includes(id)) ids.push(id);
  };
  const inReplyTo = headers.inReplyTo?.trim();
  if (inReplyTo) add(inReplyTo);
  const references = headers.references?.match(/<[^<>]*>/g) ?? [];
  for (let i = references.length - 1; i >= 0; i--) add(references[i] as string);
  return ids;
}

/**
 * The `References` of a reply to `parent` (RFC 5322 §3.6.4): the parent's references, or its `In-Reply-To` when it
 * has none, followed by the parent's own `Message-ID`; space-separated, `''` when the parent has no id.
 */
export function replyReferences(parent: { emailMessageId: string; references: string; inReplyTo: string }): string {
  if (parent.emailMessageId === '') return '';
  const before = parent.references.trim() !== '' ? parent.references.trim().split(/\s+/) : [];
  if (before.length === 0 && isEmailMessageId(parent.inReplyTo)) before.push(parent.inReplyTo);
  return [...before.filter((id) => id !== parent.emailMessageId), parent.emailMessageId].join(' ');
}
