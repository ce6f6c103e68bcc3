/**
 * A template named in a WhatsApp message (omni-api.md B.12.4): the registry's name and language
 * and one value per `{{n}}` placeholder, in order.
 *
 * @module
 */

import { z } from 'zod';

/** Meta's rule for template names: lowercase letters, digits and underscores. */
export const templateName = z.string().regex(/^[a-z0-9_]{1,512}$/, 'must be 1 to 512 lowercase letters, digits or _');

/** A language code as WhatsApp templates take it: `en` or `en_US`. */
export const templateLanguage = z
  .string()
  .regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'must be a language code such as en or en_US');

export const templateRef = z
  .object({
    template_name: templateName,
    language: templateLanguage,
    variables: z.array(z.string().min(1).max(1024)).max(100).default([]),
  })
  .meta({ id: 'MessageTemplateRef' });
export type TemplateRef = z.output<typeof templateRef>;
