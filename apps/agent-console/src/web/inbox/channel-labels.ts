/**
 * Each messaging channel's name as the agent reads it ("Messenger", not `facebook`).
 *
 * @module
 */

import type { InboxChannel } from '../../shared/inbox-schemas.js';

export const CHANNEL_LABELS: Record<InboxChannel, string> = {
  sms: 'SMS',
  whatsapp: 'WhatsApp',
  email: 'Email',
  facebook: 'Messenger',
};
