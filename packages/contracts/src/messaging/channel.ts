/**
 * The messaging channels (omni-api.md B.12.1) and the customer address each one takes: a phone
 * number for SMS and WhatsApp (B.1's form), an email address, a Messenger page-scoped id (PSID).
 *
 * @module
 */

import { z } from 'zod';
import { phoneNumber } from '../common.js';

export const CHANNELS = ['sms', 'whatsapp', 'email', 'facebook'] as const;
export const channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof channel>;

/** An email address as a sender or recipient: `local@domain.tld`, at most 254 characters (RFC 5321). */
export const emailAddress = z
  .string()
  .max(254)
  .regex(/^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/, 'must be an email address, local@domain');

/** A Messenger page-scoped id: the digits Meta gives a person for one page. */
export const psid = z.string().regex(/^[0-9]{5,20}$/, 'must be a page-scoped id of 5 to 20 digits');

/** Each channel's customer address. */
export const CHANNEL_ADDRESS: Readonly<Record<Channel, z.ZodString>> = {
  sms: phoneNumber,
  whatsapp: phoneNumber,
  email: emailAddress,
  facebook: psid,
};

/**
 * Checks `value` as `channel`'s address, adding an issue at `path` when it is not one. Bodies that
 * name their channel beside an address call it from their `superRefine`.
 */
export function checkChannelAddress(ch: Channel, value: string, ctx: z.RefinementCtx, path: (string | number)[]): void {
  const result = CHANNEL_ADDRESS[ch].safeParse(value);
  if (!result.success) {
    for (const issue of result.error.issues)
      ctx.addIssue({ code: 'custom', path, message: `${issue.message} (${ch})` });
  }
}
