/**
 * Which thread an inbound email belongs to, as helpdesks place replies: the first of its candidate ids
 * (`emailThreadCandidates`: `In-Reply-To`, then `References` from the newest) that is the `Message-ID` of one of the
 * system's messages, inbound or outbound, decides. An open conversation takes the message whoever sent it (a customer
 * answering from another address stays on the thread); a closed one is never reopened, but the conversation the
 * message goes to instead continues its subject. No candidate known: the caller places it by the sender's address.
 *
 * @module
 */

import { emailThreadCandidates } from './email-threading.js';
import type { ConversationRecord, MessageRecord } from './messaging-store.js';

export type InboundEmailThread =
  /** The thread's conversation is open: the message joins it. */
  | { kind: 'open'; conversation: ConversationRecord; parent: MessageRecord; subject: string }
  /** The thread's conversation is closed: the message goes by its sender, under the thread's subject. */
  | { kind: 'closed'; conversation: ConversationRecord; parent: MessageRecord; subject: string }
  | { kind: 'none' };

/** The lookups of one system: only its own messages can be a thread. */
export interface EmailThreadLookup {
  messageByEmailId(emailMessageId: string): MessageRecord | undefined;
  conversation(conversationId: number): ConversationRecord | undefined;
}

export function findInboundEmailThread(
  headers: { inReplyTo?: string | null; references?: string | null },
  lookup: EmailThreadLookup,
): InboundEmailThread {
  for (const id of emailThreadCandidates(headers)) {
    const parent = lookup.messageByEmailId(id);
    if (parent === undefined || parent.channel !== 'email') continue;
    const conversation = lookup.conversation(parent.conversationId);
    if (conversation === undefined) continue;
    const subject = conversation.subject !== '' ? conversation.subject : parent.subject;
    return conversation.state === 'closed'
      ? { kind: 'closed', conversation, parent, subject }
      : { kind: 'open', conversation, parent, subject };
  }
  return { kind: 'none' };
}
