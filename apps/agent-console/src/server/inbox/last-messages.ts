/**
 * The last message of each conversation, for the inbox's list. Omni's conversation carries only
 * the time of its last message, so the text is read from the conversation's messages and kept
 * until that time (or its unread count, or its last inbound time) changes: a poll of an unchanged
 * inbox costs one request, not one per row. On a manual clock two messages can share an instant,
 * so whoever sends one also forgets the conversation's entry.
 *
 * @module
 */

import type { ConversationView, MessageView } from '@omnikit/contracts/messaging';
import type { MessagingApi } from './messaging-api.js';

interface Entry {
  key: string;
  message: MessageView | null;
}

/** How many conversations' last messages are kept (the oldest is dropped first). */
const LIMIT = 5000;

export class LastMessages {
  readonly #entries = new Map<number, Entry>();

  /** The conversation's newest message, read from Omni only when the conversation shows a change. */
  async of(api: MessagingApi, conversation: ConversationView): Promise<MessageView | null> {
    const key = `${conversation.last_message_at}|${conversation.last_inbound_at}|${conversation.unread_count}`;
    const known = this.#entries.get(conversation.conversation_id);
    if (known && known.key === key) return known.message;
    const first = await api.messages(conversation.conversation_id, { page: 1, page_size: 1 });
    const message =
      first.total <= 1
        ? (first.messages[0] ?? null)
        : ((await api.messages(conversation.conversation_id, { page: first.total, page_size: 1 })).messages[0] ?? null);
    this.#entries.delete(conversation.conversation_id);
    this.#entries.set(conversation.conversation_id, { key, message });
    if (this.#entries.size > LIMIT) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    return message;
  }

  /** Reads the conversation's last message again next time (a message was just sent in it). */
  forget(conversationId: number): void {
    this.#entries.delete(conversationId);
  }
}
