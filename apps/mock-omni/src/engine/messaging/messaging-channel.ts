/**
 * The messaging channels the mock simulates (inferred: TForge lists SMS, WhatsApp, Email and Facebook as upcoming
 * channels without an API), and the addresses each one reaches a customer at.
 *
 * @module
 */

export const MESSAGING_CHANNELS = ['sms', 'whatsapp', 'email', 'facebook'] as const;
export type MessagingChannel = (typeof MESSAGING_CHANNELS)[number];

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
