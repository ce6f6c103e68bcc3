/**
 * A message's status (omni-api.md B.12.3). Outbound: `queued → sent → delivered → read` (WhatsApp,
 * Messenger) or `opened` (email), SMS ending at `delivered`; `failed` (the channel refused it, it never
 * left the provider), `undelivered` (it left but the destination did not take it), `complained`
 * (email, after `delivered`: reported as spam). Inbound: `received`, then `read` once the owner
 * marks the conversation read.
 *
 * @module
 */

import { z } from 'zod';

export const MESSAGE_STATUSES = [
  'queued',
  'sent',
  'delivered',
  'read',
  'opened',
  'failed',
  'undelivered',
  'complained',
  'received',
] as const;
export const messageStatus = z.enum(MESSAGE_STATUSES);
export type MessageStatus = z.infer<typeof messageStatus>;

export const MESSAGE_DIRECTIONS = ['inbound', 'outbound'] as const;
export const messageDirection = z.enum(MESSAGE_DIRECTIONS);
export type MessageDirection = z.infer<typeof messageDirection>;
