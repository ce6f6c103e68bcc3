/**
 * The WhatsApp template registry (omni-api.md B.12.4): a template is `pending` until reviewed, then
 * `approved` or `rejected`; only an approved one may be sent outside the 24-hour window. Its body
 * holds placeholders `{{1}}`…`{{n}}`, numbered from 1 without gaps, as Meta requires.
 *
 * @module
 */

import { z } from 'zod';
import { commandResult, dateTimeOut, id } from '../common.js';
import { source } from '../source.js';
import { templateLanguage, templateName } from './template-ref.js';

export const TEMPLATE_STATUSES = ['pending', 'approved', 'rejected'] as const;
export const templateStatus = z.enum(TEMPLATE_STATUSES);
export type TemplateStatus = z.infer<typeof templateStatus>;

export const TEMPLATE_CATEGORIES = ['MARKETING', 'UTILITY', 'AUTHENTICATION'] as const;
export const templateCategory = z.enum(TEMPLATE_CATEGORIES);

const PLACEHOLDER = /\{\{\s*([0-9]+)\s*\}\}/g;

/** The placeholder numbers a template body uses, distinct and ascending. */
export function templatePlaceholders(body: string): number[] {
  return [...new Set([...body.matchAll(PLACEHOLDER)].map((m) => Number(m[1])))].sort((a, b) => a - b);
}

/** How many variables a body with valid placeholders takes (`{{1}}`…`{{n}}`: n). */
export function templateVariableCount(body: string): number {
  return templatePlaceholders(body).length;
}

export const createTemplateBody = z
  .object({
    template_name: templateName,
    language: templateLanguage,
    category: templateCategory,
    body: z.string().min(1).max(1024),
  })
  .superRefine((b, ctx) => {
    const used = templatePlaceholders(b.body);
    const gap = used.findIndex((n, i) => n !== i + 1);
    if (gap >= 0)
      ctx.addIssue({
        code: 'custom',
        path: ['body'],
        message: `placeholders must be numbered {{1}} to {{n}} without gaps; {{${used[gap]}}} is out of order`,
      });
  });
export type CreateTemplateBody = z.output<typeof createTemplateBody>;

export const templateView = z
  .object({
    template_id: id,
    template_name: z.string(),
    language: z.string(),
    category: templateCategory,
    body: z.string(),
    variable_count: z.number().int().nonnegative(),
    template_status: templateStatus,
    rejected_reason: z.string().meta({ description: '`""` unless rejected.' }),
    created_at: dateTimeOut,
    updated_at: dateTimeOut,
  })
  .meta({ id: 'MessageTemplate', ...source('inferred') });
export type TemplateView = z.infer<typeof templateView>;

export const templateCreated = commandResult
  .extend({ template_id: id, template_status: z.literal('pending') })
  .meta({ id: 'MessageTemplateCreated' });

export const templateListQuery = z.object({ template_status: templateStatus.optional() });

/** The control API's review of a template (B.12.7). */
export const reviewTemplateBody = z
  .object({
    template_status: z.enum(['approved', 'rejected']),
    rejected_reason: z.string().min(1).max(500).optional(),
  })
  .refine((b) => b.template_status === 'rejected' || b.rejected_reason === undefined, {
    message: 'a reason is given with rejected only',
    path: ['rejected_reason'],
  });
export type ReviewTemplateBody = z.output<typeof reviewTemplateBody>;
