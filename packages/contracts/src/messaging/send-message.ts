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
import { MAX_MEDIA, MAX_MEDIA_BYTES, mediaList } from './media.js';
import { messageTag } from './message-tag.js';
import { templateRef } from './template-ref.js';

/**
 * Each channel's longest body, in characters as a person counts them: Unicode code points, so an emoji is one
 * (SMS: Twilio's 1600; Messenger 2000; WhatsApp 4096).
 */
export const MAX_BODY_LENGTH: Readonly<Record<Channel, number>> = {
  sms: 1600,
  whatsapp: 4096,
  email: 100_000,
  facebook: 2000,
};

/** A body's length in characters (Unicode code points), as `MAX_BODY_LENGTH` counts it. */
export function bodyCharacters(body: string): number {
  let n = 0;
  for (const _ of body) n++;
  return n;
}

/**
 * A body's bound on the wire before its channel's own limit: a character takes at most two UTF-16 units, so
 * 100,000 characters (email's limit) fit in it; `checkBodyLength` then counts characters.
 */
export const messageBodyText = z.string().max(2 * MAX_BODY_LENGTH.email);

/** Adds an issue at `body` when it is longer than its channel allows, in characters. */
export function checkBodyLength(ch: Channel, body: string | undefined, ctx: z.RefinementCtx): void {
  if (body !== undefined && bodyCharacters(body) > MAX_BODY_LENGTH[ch])
    ctx.addIssue({
      code: 'custom',
      path: ['body'],
      message: `must be at most ${MAX_BODY_LENGTH[ch]} characters on ${ch}`,
    });
}

/**
 * What an agent may attach on each channel within the wire's bound, as the providers limit it (inferred; the mock
 * checks it in `apps/mock-omni/src/engine/messaging/message-media.ts`). MB are 1,048,576 bytes. The wire's bound is
 * the largest of them (WhatsApp's documents), so a file a channel takes is never refused before its channel's check.
 */
const SENT_MEDIA =
  `Attachments as metadata (no upload; \`size_bytes\` the file's size as declared): at most ${MAX_MEDIA}, each at most ` +
  `${MAX_MEDIA_BYTES / 1024 / 1024} MB, the largest file any channel takes. ` +
  'Inferred: each channel’s provider limits apply on top, by channel and kind, a refusal being 400 ' +
  '`VALIDATION_FAILED` with an error naming `media` (too many files, too much together) or `media.N.content_type` / ' +
  '`media.N.size_bytes` (`N` the item’s index from 0): ' +
  'SMS (Twilio MMS) up to 10 files of any type, 5 MB together; ' +
  'WhatsApp one file: image/jpeg or image/png up to 5 MB, image/webp (a sticker) up to 500 KB, ' +
  'audio/aac, audio/amr, audio/mpeg, audio/mp4, audio/ogg, video/mp4 and video/3gpp up to 16 MB, ' +
  'documents (application/*, text/plain) up to 100 MB, no other type (no GIF); ' +
  'Messenger one attachment of any type up to 25 MB; email up to 10 attachments, 30 MB together.';

/** An email's `Subject`: one line (a CR or LF would start another header), not blank, at most 998 characters. */
export const emailSubject = z
  .string()
  .min(1)
  .max(998)
  .regex(/^[^\r\n]*$/, 'must be one line, without CR or LF')
  .refine((v) => v.trim() !== '', 'must not be blank');

export const sendMessageBody = z
  .object({
    channel,
    to: z.string().min(1).max(254).meta({ description: 'The customer’s address on the channel (B.12.1).' }),
    body: messageBodyText.optional(),
    media: mediaList.optional().meta({ description: SENT_MEDIA }),
    subject: emailSubject.optional().meta({ description: 'Email only.' }),
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
    checkBodyLength(b.channel, b.body, ctx);
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
