/**
 * The last message of each conversation, for the inbox's list. Omni's conversation carries only
 * the time of its last message, so the text is read from the conversation's messages and kept
 * until that time changes: a poll of an unchanged inbox costs one request, not one per row.
 *
 * @module
 */

import type { ConversationView, MessageView } from '@omnikit/contracts/messaging';
import type { MessagingApi } from './messaging-api.js';

interface Entry {
  at: string;
  message: MessageView | null;
}

/** How many conversations' last messages are kept (the oldest is dropped first). */
const LIMIT = 5000;

export class LastMessages {
  readonly #entries = new Map<number, Entry>();

  /** The conversation's newest message, read from Omni only when its `last_message_at` moved. */
  async of(api: MessagingApi, conversation: ConversationView): Promise<MessageView | null> {
    const known = this.#entries.get(conversation.conversation_id);
    if (known && known.at === conversation.last_message_at) return known.message;
    const first = await api.messages(conversation.conversation_id, { page: 1, page_size: 1 });
    const message =
      first.total <= 1
        ? (first.messages[0] ?? null)
        : ((await api.messages(conversation.conversation_id, { page: first.total, page_size: 1 })).messages[0] ?? null);
    this.#entries.delete(conversation.conversation_id);
    this.#entries.set(conversation.conversation_id, { at: conversation.last_message_at, message });
    if (this.#entries.size > LIMIT) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    return message;
  }
}
