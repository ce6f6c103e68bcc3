/**
 * A messaging campaign (omni-api.md B.12.4): a queue of conversations on one or more channels that
 * agents join. `max_concurrent_conversations` caps each agent's open conversations;
 * `concurrent_with_calls` lets an agent on a call still be offered one.
 *
 * @module
 */

import { z } from 'zod';
import { commandResult, id } from '../common.js';
import { dispositionCode } from '../enums.js';
import { source } from '../source.js';
import { channel } from './channel.js';

export const DEFAULT_MAX_CONCURRENT_CONVERSATIONS = 3;
/** B.9's agent codes, the default dispositions of a messaging campaign as of a voice one. */
export const DEFAULT_MESSAGING_DISPOSITIONS = ['SALE', 'NI', 'CALLBK', 'DNC', 'XFER'] as const;

const channels = z
  .array(channel)
  .min(1)
  .max(4)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((c, i) => {
      if (seen.has(c)) ctx.addIssue({ code: 'custom', path: [i], message: 'is a duplicate' });
      seen.add(c);
    });
  });

export const createMessagingCampaignBody = z.object({
  campaign_name: z.string().min(1).max(100),
  description: z.string().max(1000).default(''),
  channels,
  max_concurrent_conversations: z.number().int().min(1).max(50).default(DEFAULT_MAX_CONCURRENT_CONVERSATIONS),
  concurrent_with_calls: z.boolean().default(false),
  dispositions: z
    .array(dispositionCode)
    .min(1)
    .max(100)
    .default([...DEFAULT_MESSAGING_DISPOSITIONS]),
});
export type CreateMessagingCampaignBody = z.output<typeof createMessagingCampaignBody>;

export const messagingCampaignView = z
  .object({
    campaign_id: id,
    campaign_name: z.string(),
    description: z.string(),
    channels: z.array(channel),
    max_concurrent_conversations: z.number().int().positive(),
    concurrent_with_calls: z.boolean(),
    dispositions: z.array(z.string()),
    agents_joined: z.number().int().nonnegative(),
    conversations_queued: z.number().int().nonnegative(),
  })
  .meta({ id: 'MessagingCampaign', ...source('inferred') });
export type MessagingCampaignView = z.infer<typeof messagingCampaignView>;

export const messagingCampaignCreated = commandResult
  .extend({ campaign_id: id })
  .meta({ id: 'MessagingCampaignCreated' });
