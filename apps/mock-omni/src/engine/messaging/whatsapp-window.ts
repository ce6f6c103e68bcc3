/**
 * WhatsApp's customer-service window: a business may send free-form messages to a customer only within 24 hours of
 * the customer's last message to it; each inbound message opens the window again for a full 24 hours. Outside the
 * window only an approved template goes (131047 otherwise). The window is measured on the system's clock.
 * The Cloud API itself accepts such a send and reports 131047 afterwards, in a `failed` status; the refusal here
 * says only that the send breaks the rule, and the caller decides which of the two ways to report it.
 *
 * @module
 */

import { CHANNEL_ERRORS, type ChannelRefusal } from './channel-error.js';

export const WHATSAPP_WINDOW_MS = 24 * 60 * 60 * 1_000;

export interface MessagingWindow {
  open: boolean;
  /** When the window closes (or closed); null when the customer has never written. */
  expiresAt: number | null;
}

/** The window at `now`, given the customer's last inbound message (null: never wrote). */
export function whatsappWindow(lastInboundAt: number | null, now: number): MessagingWindow {
  if (lastInboundAt === null) return { open: false, expiresAt: null };
  const expiresAt = lastInboundAt + WHATSAPP_WINDOW_MS;
  return { open: now < expiresAt, expiresAt };
}

/** Refuses a free-form (non-template) message outside the window; null when it may go. Templates always pass here. */
export function whatsappWindowRefusal(input: {
  kind: 'text' | 'template';
  lastInboundAt: number | null;
  now: number;
}): ChannelRefusal | null {
  if (input.kind === 'template') return null;
  const window = whatsappWindow(input.lastInboundAt, input.now);
  if (window.open) return null;
  return {
    error: CHANNEL_ERRORS.whatsappReengagement,
    detail:
      window.expiresAt === null
        ? 'the customer has never written to this number: only an approved template may be sent'
        : `the customer service window closed at ${new Date(window.expiresAt).toISOString()}: only an approved template may be sent`,
  };
}
