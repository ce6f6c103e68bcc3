/**
 * An attachment as metadata (omni-api.md B.12.3): no upload, a URL where the file is and what it
 * is, its size as declared. At most 10 per message; 100 MB each (MB of 1,048,576 bytes), the largest file any
 * channel takes (WhatsApp's documents). Inferred: each channel's own limits, smaller for most kinds (WhatsApp's
 * images 5 MB, audio and video 16 MB; Messenger 25 MB; SMS 5 MB and email 30 MB together), are the server's check
 * on an agent's send, not the wire's, so that the wire never refuses what a channel takes.
 *
 * @module
 */

import { z } from 'zod';

export const MAX_MEDIA = 10;
/** The largest file any channel takes: WhatsApp's documents, 100 MB (inferred, as the Cloud API limits them). */
export const MAX_MEDIA_BYTES = 100 * 1024 * 1024;

/**
 * A whole number with thousands commas, `104,857,600`, grouped by hand: `toLocaleString` would load the locale data on
 * first use (at import here, some 15 ms of every process's start-up) and let a locale choose the separator.
 */
export const groupDigits = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** `MAX_MEDIA_BYTES` as the messages write it: `104,857,600`. */
export const MAX_MEDIA_BYTES_TEXT = groupDigits(MAX_MEDIA_BYTES);

export const mediaItem = z
  .object({
    url: z
      .string()
      .max(2048)
      .regex(/^https?:\/\/[^\s]+$/, 'must be an http(s) URL'),
    content_type: z
      .string()
      .regex(/^[a-z]+\/[a-z0-9.+-]+$/i, 'must be a media type such as image/jpeg')
      .max(127),
    file_name: z.string().max(255).default(''),
    size_bytes: z
      .number()
      .int()
      .nonnegative()
      .max(
        MAX_MEDIA_BYTES,
        `must be at most 100 MB (${MAX_MEDIA_BYTES_TEXT} bytes), the largest file any channel takes`,
      )
      .default(0),
  })
  .meta({ id: 'MessageMedia' });
export type MediaItem = z.output<typeof mediaItem>;

export const mediaList = z.array(mediaItem).max(MAX_MEDIA);
