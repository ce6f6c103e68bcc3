/**
 * The outbox keeps a call's notifications in order by the call's id (B.7). A conversation's notifications are kept
 * in order the same way, under a key of their own: this base plus the conversation's id, far above any call id a
 * system reaches, so that the two never share a key. The control API shows such a key as no call.
 *
 * @module
 */

export const CONVERSATION_ORDER_KEY_BASE = 1_000_000_000_000;

export function conversationOrderKey(conversationId: number): number {
  return CONVERSATION_ORDER_KEY_BASE + conversationId;
}

/** The call id an order key stands for, or null for a conversation's key. */
export function callIdOfOrderKey(key: number | null): number | null {
  return key === null || key >= CONVERSATION_ORDER_KEY_BASE ? null : key;
}
