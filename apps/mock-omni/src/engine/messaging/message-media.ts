/**
 * Media on a message, as metadata (what a file is and how big, never its bytes), checked by each channel's own
 * limits: Twilio MMS takes up to 10 files of 5 MB together; WhatsApp one file per message, its size limit by kind
 * (images 5 MB, stickers 500 KB, audio and video 16 MB, documents 100 MB) and only the types it plays; Messenger
 * one attachment of up to 25 MB; SendGrid up to 30 MB for the whole email.
 *
 * An agent's send is checked (`MessagingService.send`, before anything is stored); a customer's message is not.
 * Inferred: media the provider has already taken from the customer reaches Omni as it is, and Omni has nothing to
 * refuse it with (omni-api-b12-messaging.md B.12.7). Under either, the contract's own bound (`MAX_MEDIA_BYTES` a
 * file, `MAX_MEDIA` files) comes first; it is the largest limit here (WhatsApp's 100 MB documents), so that the wire
 * never refuses a file its channel takes and each refusal below names its own channel's limit.
 *
 * The sizes are what the send declares (`size_bytes`): the mock never fetches a file. WhatsApp's stickers are 100 KB
 * static, 500 KB animated; metadata cannot tell them apart, so the larger holds (inferred).
 *
 * @module
 */

import type { FieldError } from '@omnikit/contracts';
import { groupDigits } from '@omnikit/contracts/messaging';
import { DomainError } from '../domain-error.js';
import type { MessagingChannel } from './messaging-channel.js';

/** A file on a message (the contracts' media item, read structurally). */
export interface MessageMedia {
  content_type: string;
  size_bytes: number;
  file_name?: string;
}

const MB = 1024 * 1024;

interface MediaKind {
  kind: string;
  /** Matches the lower-cased content type. */
  types: RegExp;
  maxBytes: number;
}

export interface ChannelMediaLimits {
  maxItems: number;
  /** All files of one message together (null: no limit beyond each file's). */
  maxTotalBytes: number | null;
  /** The kinds the channel takes, first match wins; a type matching none is refused. */
  kinds: readonly MediaKind[];
}

export const CHANNEL_MEDIA_LIMITS: Readonly<Record<MessagingChannel, ChannelMediaLimits>> = {
  sms: {
    maxItems: 10,
    maxTotalBytes: 5 * MB,
    kinds: [{ kind: 'file', types: /^[a-z0-9.+-]+\/[a-z0-9.+-]+$/, maxBytes: 5 * MB }],
  },
  whatsapp: {
    maxItems: 1,
    maxTotalBytes: null,
    kinds: [
      { kind: 'image', types: /^image\/(jpeg|png)$/, maxBytes: 5 * MB },
      { kind: 'sticker', types: /^image\/webp$/, maxBytes: 500 * 1024 },
      { kind: 'audio', types: /^audio\/(aac|amr|mpeg|mp4|ogg)$/, maxBytes: 16 * MB },
      { kind: 'video', types: /^video\/(mp4|3gpp)$/, maxBytes: 16 * MB },
      { kind: 'document', types: /^(application\/[a-z0-9.+-]+|text\/plain)$/, maxBytes: 100 * MB },
    ],
  },
  facebook: {
    maxItems: 1,
    maxTotalBytes: null,
    kinds: [{ kind: 'attachment', types: /^[a-z0-9.+-]+\/[a-z0-9.+-]+$/, maxBytes: 25 * MB }],
  },
  email: {
    maxItems: 10,
    maxTotalBytes: 30 * MB,
    kinds: [{ kind: 'attachment', types: /^[a-z0-9.+-]+\/[a-z0-9.+-]+$/, maxBytes: 30 * MB }],
  },
};

/** A size as a person reads it: `500 KB`, `5 MB`, `5.5 MB`. */
const mb = (bytes: number): string =>
  bytes < MB ? `${Number((bytes / 1024).toFixed(1))} KB` : `${Number((bytes / MB).toFixed(2))} MB`;
const withArticle = (word: string): string => `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;
/** Exact bytes with thousands commas: `5,242,881 bytes`. */
const exactBytes = (bytes: number): string => `${groupDigits(bytes)} bytes`;

/**
 * A cap and the size that broke it, as `at most <cap>, not <size>` reads them. Rounded to MB or KB they can read the
 * same (5 MB and one byte is `5 MB`), which would make the refusal say `at most 5 MB, not 5 MB`; then the cap is given
 * in both units and the size in exact bytes: `5 MB (5,242,880 bytes)`, `5,242,881 bytes`.
 */
function capAndSize(cap: number, size: number): { cap: string; size: string } {
  const rounded = { cap: mb(cap), size: mb(size) };
  return rounded.cap === rounded.size
    ? { cap: `${rounded.cap} (${exactBytes(cap)})`, size: exactBytes(size) }
    : rounded;
}

/** What is wrong with a message's media on a channel, as field errors (`media.N.field`); empty when they may go. */
export function messageMediaErrors(channel: MessagingChannel, media: readonly MessageMedia[]): FieldError[] {
  const limits = CHANNEL_MEDIA_LIMITS[channel];
  const errors: FieldError[] = [];
  if (media.length > limits.maxItems)
    errors.push({
      field: 'media',
      message: `${channel} takes at most ${limits.maxItems} file(s) per message, not ${media.length}`,
    });
  let total = 0;
  media.forEach((m, i) => {
    const type = m.content_type.toLowerCase();
    const kind = limits.kinds.find((k) => k.types.test(type));
    if (kind === undefined) {
      errors.push({ field: `media.${i}.content_type`, message: `${channel} does not take ${m.content_type}` });
      return;
    }
    if (!Number.isSafeInteger(m.size_bytes) || m.size_bytes < 0) {
      errors.push({ field: `media.${i}.size_bytes`, message: 'must be a whole number of bytes, 0 or more' });
      return;
    }
    total += m.size_bytes;
    if (m.size_bytes > kind.maxBytes) {
      const read = capAndSize(kind.maxBytes, m.size_bytes);
      errors.push({
        field: `media.${i}.size_bytes`,
        message: `${withArticle(kind.kind)} on ${channel} is at most ${read.cap}, not ${read.size}`,
      });
    }
  });
  if (limits.maxTotalBytes !== null && total > limits.maxTotalBytes) {
    const read = capAndSize(limits.maxTotalBytes, total);
    errors.push({
      field: 'media',
      message: `${channel} takes at most ${read.cap} of media per message, not ${read.size}`,
    });
  }
  return errors;
}

/**
 * Throws VALIDATION_FAILED with every field error when the media may not go on the channel. The detail opens as the
 * HTTP layer's own 400s do (`invalid body field: …`), so that a client reading only the words (`errors=ok-false`, where
 * neither a status nor a code is left) knows it for a validation failure whatever a content type in it says.
 */
export function checkMessageMedia(channel: MessagingChannel, media: readonly MessageMedia[]): void {
  const errors = messageMediaErrors(channel, media);
  if (errors.length > 0)
    throw new DomainError(
      'VALIDATION_FAILED',
      `invalid body field${errors.length > 1 ? 's' : ''}: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`,
      errors,
    );
}
