/**
 * Which channels have a 24-hour window from the customer's last message (WhatsApp's customer-service window,
 * Messenger's standard window), and its length: both are 24 hours.
 *
 * @module
 */

import type { Channel } from '@omnikit/contracts/messaging';
import { MESSENGER_WINDOW_MS } from './messenger-window.js';
import { WHATSAPP_WINDOW_MS } from './whatsapp-window.js';

export const MESSAGING_WINDOW_MS = Math.min(WHATSAPP_WINDOW_MS, MESSENGER_WINDOW_MS);

/** Whether a channel's outbound messages depend on a window. */
export function windowChannel(channel: Channel): boolean {
  return channel === 'whatsapp' || channel === 'facebook';
}
