/**
 * `POST /omni/messaging/{user_id}/message` (omni-api.md B.12.4): what an agent sends and the answer.
 * The body's own rules are checked here, on the wire: the address for its channel, a body, media or
 * a template, the fields each channel has, each channel's length limit. The rules that depend on
 * state (the 24-hour windows, opt-outs, the template registry) are the server's.
 *
 * @module
 */

import { z } from 'zod';
import { commandResult, id } from '../common.js';
import { type Channel, channel, checkChannelAddress } from './channel.js';
import { mediaList } from './media.js';
import { messageTag } from './message-tag.js';
import { templateRef } from './template-ref.js';

/** Each channel's longest body, in characters (SMS: Twilio's 1600; Messenger 2000; WhatsApp 4096). */
export const MAX_BODY_LENGTH: Readonly<Record<Channel, number>> = {
  sms: 1600,
  whatsapp: 4096,
  email: 100_000,
  facebook: 2000,
};

export const sendMessageBody = z
  .object({
    channel,
    to: z.string().min(1).max(254).meta({ description: 'The customer’s address on the channel (B.12.1).' }),
    body: z.string().max(100_000).optional(),
    media: mediaList.optional(),
    subject: z.string().min(1).max(998).optional().meta({ description: 'Email only.' }),
    in_reply_to: z
      .string()
      .regex(/^<[^<>\s]+@[^<>\s]+>$/, 'must be a Message-ID, <id@domain>')
      .optional()
      .meta({ description: 'Email only: the `Message-ID` answered (default: the conversation’s last inbound).' }),
    template: templateRef.optional().meta({ description: 'WhatsApp only: an approved template instead of `body`.' }),
    message_tag: messageTag.optional().meta({ description: 'Messenger only: outside the 24-hour window.' }),
    campaign_id: id
      .optional()
      .meta({ description: 'The messaging campaign a new conversation belongs to (the caller’s when absent).' }),
    unique_id: z.string().max(100).optional().meta({ description: 'The integrator’s reference.' }),
  })
  .superRefine((b, ctx) => {
    checkChannelAddress(b.channel, b.to, ctx, ['to']);
    const hasBody = b.body !== undefined && b.body.trim() !== '';
    const hasMedia = (b.media?.length ?? 0) > 0;
    if (!hasBody && !hasMedia && !b.template)
      ctx.addIssue({ code: 'custom', path: ['body'], message: 'give a body, media or a template' });
    if (b.body !== undefined && b.body.length > MAX_BODY_LENGTH[b.channel])
      ctx.addIssue({
        code: 'custom',
        path: ['body'],
        message: `must be at most ${MAX_BODY_LENGTH[b.channel]} characters on ${b.channel}`,
      });
    if (b.template) {
      if (b.channel !== 'whatsapp')
        ctx.addIssue({ code: 'custom', path: ['template'], message: 'templates are sent on whatsapp only' });
      if (b.body !== undefined || b.media !== undefined)
        ctx.addIssue({ code: 'custom', path: ['template'], message: 'give a template or a body and media, not both' });
    }
    if (b.message_tag !== undefined && b.channel !== 'facebook')
      ctx.addIssue({ code: 'custom', path: ['message_tag'], message: 'message tags are sent on facebook only' });
    if (b.channel !== 'email') {
      if (b.subject !== undefined)
        ctx.addIssue({ code: 'custom', path: ['subject'], message: 'a subject is sent on email only' });
      if (b.in_reply_to !== undefined)
        ctx.addIssue({ code: 'custom', path: ['in_reply_to'], message: 'in_reply_to is sent on email only' });
    }
  });
export type SendMessageBody = z.output<typeof sendMessageBody>;
export type SendMessageInput = z.input<typeof sendMessageBody>;

export const messageSent = commandResult
  .extend({
    message_id: id,
    conversation_id: id,
    message_status: z.literal('queued'),
    segments: z.number().int().positive(),
  })
  .meta({ id: 'MessageSent' });
export type MessageSent = z.infer<typeof messageSent>;
