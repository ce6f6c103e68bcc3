/**
 * The system's own address on each channel (a mock system has one of each): the number customers text and
 * WhatsApp, the address its emails come from, its Facebook page's id. Inbound messages may name another `to`;
 * outbound ones go from these.
 *
 * @module
 */

import type { Channel } from '@omnikit/contracts/messaging';

export const BUSINESS_ADDRESSES: Readonly<Record<Channel, string>> = {
  sms: '0861000100',
  whatsapp: '0861000100',
  email: 'support@omni.test',
  facebook: '100000000000001',
};

/** The domain the system's outbound `Message-ID`s are on. */
export const EMAIL_DOMAIN = 'omni.test';
