import { z } from 'zod';
import { flagDuplicates } from '../common.js';
import { vicidialValidationErrorBody } from '../errors.js';
import { defineRoute } from '../route.js';
import { source } from '../source.js';

/**
 * The lead archive service (A.7, pages 2327379978 and 2340978703). It keeps VICIdial's own
 * answer shape: `message` and `http_code`, with the HTTP status equal to `http_code`.
 */
const leadIds = z
  .array(z.number().int().positive())
  .min(1, 'give at least one lead id')
  .max(500, 'at most 500 lead ids')
  .superRefine((ids, ctx) => flagDuplicates(ids, ctx));

export const archiveBody = z.object({
  insert_leads: z.boolean(),
  update_leads: z.boolean(),
  delete_leads: z.boolean(),
  lead_ids: leadIds,
});
export type ArchiveBody = z.infer<typeof archiveBody>;

export const dearchiveBody = z.object({
  insert_leads: z.boolean(),
  delete_leads: z.boolean(),
  lead_ids: leadIds,
});
export type DearchiveBody = z.infer<typeof dearchiveBody>;

export const archiveResult = z
  .object({
    message: z.string(),
    select_count: z.number().int().nonnegative(),
    insert_count: z.number().int().nonnegative(),
    update_count: z.number().int().nonnegative(),
    delete_count: z.number().int().nonnegative(),
    http_code: z.literal(200),
  })
  .meta({ id: 'ArchiveResult', ...source('documented', '2362507280') });

const shape = {
  method: 'POST',
  group: 'archive',
  auth: 'user',
  source: 'documented',
  idempotent: false,
  errorShape: 'vicidial',
  errorBodies: { 400: vicidialValidationErrorBody },
  documentedErrors: [400, 401, 403],
  responses: { 200: archiveResult },
} as const;

export const archiveLeads = defineRoute({
  ...shape,
  id: 'archiveLeads',
  path: '/vicidial/leads/archive',
  page: '2327379978',
  summary: 'Move leads to the archive table (outside office hours only)',
  description:
    'Runs insert → update → delete: insert skips ids already archived, delete removes from the active table only where the archive holds a matching row. Inside office hours: 403.',
  body: archiveBody,
  errors: ['FORBIDDEN_USER'],
});

export const dearchiveLeads = defineRoute({
  ...shape,
  id: 'dearchiveLeads',
  path: '/vicidial/leads/dearchive',
  page: '2340978703',
  summary: 'Move leads back from the archive table (any time)',
  body: dearchiveBody,
});
