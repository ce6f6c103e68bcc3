/**
 * An agent's part in messaging (omni-api.md B.12.4): the campaign it joined, its own `ready`/`paused`
 * state (the words of the voice states, B.4), and the conversations it owns. Joining needs no
 * extension or voice login.
 *
 * @module
 */

import { z } from 'zod';
import { id, idOrZero } from '../common.js';
import { source } from '../source.js';

export const MESSAGING_STATES = ['logged_out', 'paused', 'ready'] as const;
export const messagingState = z.enum(MESSAGING_STATES);
export type MessagingState = z.infer<typeof messagingState>;

export const joinMessagingBody = z.object({ campaign_id: id });

export const messagingStateBody = z.object({
  state: z.enum(['ready', 'paused']),
  pause_code: z
    .string()
    .regex(/^[A-Z0-9_]{1,32}$/, 'must be 1 to 32 capital letters, digits or _')
    .optional(),
});
export type MessagingStateBody = z.output<typeof messagingStateBody>;

export const messagingAgentView = z
  .object({
    user_id: id,
    campaign_id: idOrZero,
    messaging_state: messagingState,
    pause_code: z.string(),
    open_conversations: z.number().int().nonnegative(),
    conversation_ids: z.array(id),
  })
  .meta({ id: 'MessagingAgent', ...source('inferred') });
export type MessagingAgentView = z.infer<typeof messagingAgentView>;
