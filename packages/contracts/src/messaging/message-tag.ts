/**
 * Messenger's message tags (omni-api.md B.12.5): what lets a page message a person outside the 24-hour
 * standard window. `HUMAN_AGENT` stretches it to 7 days; the other three are allowed any time.
 *
 * @module
 */

import { z } from 'zod';

export const MESSAGE_TAGS = [
  'HUMAN_AGENT',
  'CONFIRMED_EVENT_UPDATE',
  'POST_PURCHASE_UPDATE',
  'ACCOUNT_UPDATE',
] as const;
export const messageTag = z.enum(MESSAGE_TAGS);
export type MessageTag = z.infer<typeof messageTag>;
