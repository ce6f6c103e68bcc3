/**
 * A message as the messaging routes show it (omni-api.md B.12.3).
 *
 * @module
 */

import { z } from 'zod';
import { dateTimeOut, id, idOrZero } from '../common.js';
import { source } from '../source.js';
import { channel } from './channel.js';
import { mediaItem } from './media.js';
import { messageDirection, messageStatus } from './message-status.js';
import { messageTag } from './message-tag.js';
import { templateLanguage, templateName } from './template-ref.js';

export const SMS_ENCODINGS = ['GSM-7', 'UCS-2'] as const;

export const messageView = z
  .object({
    message_id: id,
    conversation_id: id,
    channel,
    direction: messageDirection,
    from: z.string(),
    to: z.string(),
    body: z.string(),
    media: z.array(mediaItem),
    message_status: messageStatus,
    channel_error_code: z
      .string()
      .meta({ description: 'The provider’s failure code (`30003`, `131047`, `bounce`, …); `""` when none.' }),
    channel_error_detail: z.string(),
    segments: z
      .number()
      .int()
      .nonnegative()
      .meta({ description: 'SMS: the carrier’s segment count; 1 on other channels.' }),
    encoding: z
      .union([z.enum(SMS_ENCODINGS), z.literal('')])
      .meta({ description: 'SMS: `GSM-7` or `UCS-2`; `""` on other channels.' }),
    subject: z.string().meta({ description: 'Email only; `""` elsewhere.' }),
    email_message_id: z.string().meta({ description: 'Email: the RFC 5322 `Message-ID`; `""` elsewhere.' }),
    in_reply_to: z.string().meta({ description: 'Email: the `Message-ID` this answers; `""` when none.' }),
    references: z.string().meta({
      description:
        'Email: the `References` header, the thread’s `Message-ID`s oldest first separated by spaces; `""` when none.',
    }),
    template: z
      .object({ template_name: templateName, language: templateLanguage, variables: z.array(z.string()) })
      .nullable()
      .meta({ description: 'WhatsApp: the template sent; null for free text.' }),
    message_tag: z.union([messageTag, z.literal('')]),
    user_id: idOrZero.meta({ description: 'The agent who sent it (outbound) or owned the conversation (inbound).' }),
    unique_id: z.string(),
    created_at: dateTimeOut,
    updated_at: dateTimeOut,
  })
  .meta({ id: 'Message', ...source('inferred') });
export type MessageView = z.infer<typeof messageView>;
