/**
 * The messaging channels (the contracts' B.12.1, inferred: TForge lists SMS, WhatsApp, Email and Facebook as
 * upcoming channels without an API), and the one form the rules compare a customer's address in.
 *
 * @module
 */

import { CHANNELS, type Channel } from '@omnikit/contracts/messaging';

/** The contracts' channels, under the name the engine's messaging rules use. */
export const MESSAGING_CHANNELS = CHANNELS;
export type MessagingChannel = Channel;

/**
 * An address in the one form the rules compare: a phone number (SMS, WhatsApp) without spaces, dashes, brackets
 * or a leading `+`; an email address lower-cased; a Messenger page-scoped id (PSID) as given, trimmed.
 */
export function normalizeAddress(channel: MessagingChannel, address: string): string {
  const trimmed = address.trim();
  switch (channel) {
    case 'sms':
    case 'whatsapp':
      return trimmed.replace(/[\s\-().]/g, '').replace(/^\+/, '');
    case 'email':
      return trimmed.toLowerCase();
    case 'facebook':
      return trimmed;
  }
}
