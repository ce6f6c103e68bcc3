/**
 * An attachment as metadata (omni-api.md B.12.3): no upload, a URL where the file is and what it
 * is. At most 10 per message; 16 MiB each, WhatsApp's media limit.
 *
 * @module
 */

import { z } from 'zod';

export const MAX_MEDIA = 10;
export const MAX_MEDIA_BYTES = 16 * 1024 * 1024;

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
    size_bytes: z.number().int().nonnegative().max(MAX_MEDIA_BYTES).default(0),
  })
  .meta({ id: 'MessageMedia' });
export type MediaItem = z.output<typeof mediaItem>;

export const mediaList = z.array(mediaItem).max(MAX_MEDIA);
