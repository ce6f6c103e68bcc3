/**
 * The mock's messaging control routes (omni-api.md B.12.7): a customer's message now, and a
 * template's review. Served under `/__mock`: they are in `@omnikit/contracts/control`'s `controlRoutes` too.
 *
 * @module
 */

import { z } from 'zod';
import { commandResult, id, pathId } from '../common.js';
import { defineRoute } from '../route.js';
import { channel, checkChannelAddress } from './channel.js';
import { MAX_MEDIA, MAX_MEDIA_BYTES, MAX_MEDIA_BYTES_TEXT, mediaList } from './media.js';
import { checkBodyLength, emailSubject, messageBodyText } from './send-message.js';
import { reviewTemplateBody } from './template.js';

/** A customer's media: the wire's bound only (omni-api-b12-messaging.md B.12.7). */
const RECEIVED_MEDIA =
  `Attachments as metadata: at most ${MAX_MEDIA}, each at most ${MAX_MEDIA_BYTES / 1024 / 1024} MB ` +
  `(${MAX_MEDIA_BYTES_TEXT} bytes), the largest file any channel takes. ` +
  'Inferred: not held to the channel’s send limits (a GIF on WhatsApp, two files on Messenger are taken): the ' +
  'provider has already accepted the customer’s message, and Omni records what it was given.';

/** One `Message-ID` as a header names it, `<left@right>`. */
const MESSAGE_ID = /<[^<>\s]+@[^<>\s]+>/;

/**
 * A customer's message now. On email, `in_reply_to` and `references` place it on its thread (B.12.7): the first of
 * them, `In-Reply-To` then `References` from the newest, that is one of the system's own messages decides.
 */
export const inboundMessageBody = z
  .object({
    channel,
    from: z.string().min(1).max(254).meta({ description: 'The customer’s address on the channel.' }),
    to: z.string().min(1).max(254).optional().meta({ description: 'The system’s address (its own by default).' }),
    body: messageBodyText.optional(),
    media: mediaList.optional().meta({ description: RECEIVED_MEDIA }),
    subject: emailSubject.optional().meta({ description: 'Email only.' }),
    in_reply_to: z
      .string()
      .regex(/^<[^<>\s]+@[^<>\s]+>$/, 'must be a Message-ID, <id@domain>')
      .optional()
      .meta({ description: 'Email only.' }),
    references: z
      .string()
      .max(10_000)
      .refine((v) => MESSAGE_ID.test(v), 'must name at least one Message-ID, <id@domain>')
      .optional()
      .meta({
        description:
          'Email only: the `References` header, the thread’s `Message-ID`s oldest first, separated by spaces. Anything in it that is not a Message-ID is skipped.',
      }),
  })
  .superRefine((b, ctx) => {
    checkChannelAddress(b.channel, b.from, ctx, ['from']);
    // The system's own address is one of the channel's too (a number, an email address, a page id).
    if (b.to !== undefined) checkChannelAddress(b.channel, b.to, ctx, ['to']);
    if ((b.body === undefined || b.body.trim() === '') && (b.media?.length ?? 0) === 0)
      ctx.addIssue({ code: 'custom', path: ['body'], message: 'give a body or media' });
    checkBodyLength(b.channel, b.body, ctx);
    if (b.channel !== 'email') {
      if (b.subject !== undefined)
        ctx.addIssue({ code: 'custom', path: ['subject'], message: 'a subject is sent on email only' });
      if (b.in_reply_to !== undefined)
        ctx.addIssue({ code: 'custom', path: ['in_reply_to'], message: 'in_reply_to is sent on email only' });
      if (b.references !== undefined)
        ctx.addIssue({ code: 'custom', path: ['references'], message: 'references is sent on email only' });
    }
  });
export type InboundMessageBody = z.output<typeof inboundMessageBody>;

export const inboundMessageAccepted = commandResult
  .extend({ message_id: id, conversation_id: id })
  .meta({ id: 'InboundMessageAccepted' });

export const injectInboundMessage = defineRoute({
  source: 'inferred',
  auth: 'control',
  group: 'mock-messaging',
  id: 'injectInboundMessage',
  method: 'POST',
  path: '/__mock/messages/inbound',
  summary: 'A customer’s message arrives now (channel, from, body, media)',
  idempotent: false,
  body: inboundMessageBody,
  responses: { 200: inboundMessageAccepted },
});

export const reviewTemplate = defineRoute({
  source: 'inferred',
  auth: 'control',
  group: 'mock-messaging',
  id: 'reviewTemplate',
  method: 'POST',
  path: '/__mock/messages/templates/{template_id}/review',
  summary: 'Approve or reject a pending WhatsApp template (reviewed once: 409 after)',
  idempotent: false,
  params: z.object({ template_id: pathId }),
  body: reviewTemplateBody,
  responses: { 200: commandResult },
  errors: ['INVALID_STATE'],
});

/** The messaging control routes, keyed by operation id. */
export const messagingControlRoutes = { injectInboundMessage, reviewTemplate } as const;
