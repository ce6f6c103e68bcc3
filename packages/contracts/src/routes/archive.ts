/**
 * The lead archive service (A.7, pages 2327379978 and 2340978703; answers on page 2362507280).
 * A separate VICIdial-backed service: the system key only, no `tokenKey` (A.3), and VICIdial's
 * own answer shape, `message` and `http_code`, with the HTTP status equal to `http_code`. Each
 * rule of a body fails with TForge's message for it, so a validator reports the documented text.
 *
 * @module
 */

import { z } from 'zod';
import { flagDuplicates } from '../common.js';
import { defineRoute } from '../route.js';
import { source } from '../source.js';
import { VICIDIAL_ERROR_BODIES, VICIDIAL_MESSAGES } from '../vicidial-bodies.js';

const M = VICIDIAL_MESSAGES;

const flag = (message: string) => z.boolean({ error: message });

/** One value of `lead_ids`: an integer (JSON numbers only; a digit string is not one). */
export const leadIdValue = z.number({ error: M.notIntegers }).int({ error: M.notIntegers });

const leadIds = z
  .array(leadIdValue, {
    // A missing or null list has no ids; anything else that is not a list is not integers (inferred).
    error: (issue) => (issue.input === undefined || issue.input === null ? M.noIds : M.notIntegers),
  })
  .min(1, { error: M.noIds })
  .max(500, { error: M.tooManyIds })
  .superRefine((ids, ctx) => flagDuplicates(ids, ctx, [], M.duplicateIds))
  .meta({
    description:
      '1 to 500 integer lead ids, no duplicates. An id that does not exist is simply not selected: 0 (the wiki’s own example, `[0, 1]`) and, inferred, negative ids are valid.',
  });

export const archiveBody = z.object({
  insert_leads: flag(M.insertLeadsNotBoolean).meta({ description: 'Copy the leads into the archive table.' }),
  update_leads: flag(M.updateLeadsNotBoolean).meta({ description: 'Refresh leads already archived.' }),
  delete_leads: flag(M.deleteLeadsNotBoolean).meta({
    description: 'Remove from the active table the leads the archive holds.',
  }),
  lead_ids: leadIds,
});
export type ArchiveBody = z.infer<typeof archiveBody>;

export const dearchiveBody = z.object({
  insert_leads: flag(M.insertLeadsNotBoolean).meta({ description: 'Copy the leads back into the active table.' }),
  delete_leads: flag(M.deleteLeadsNotBoolean).meta({
    description: 'Remove from the archive table the leads the active table holds.',
  }),
  lead_ids: leadIds,
});
export type DearchiveBody = z.infer<typeof dearchiveBody>;

export const archiveResult = z
  .object({
    message: z.literal(M.processed),
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
  auth: 'system',
  source: 'documented',
  idempotent: false,
  errorShape: 'vicidial',
  errorBodies: VICIDIAL_ERROR_BODIES,
  documentedErrors: [400, 401, 403],
  responses: { 200: archiveResult },
} as const;

const archiveShape = {
  ...shape,
  body: archiveBody,
  errors: ['FORBIDDEN_USER'],
  description:
    'Runs insert → update → delete: insert skips ids already archived, delete removes from the active table only where the archive holds a matching row. Inside office hours: 403. Needs the system key only. A trailing slash on the path is tolerated.',
} as const;

const dearchiveShape = {
  ...shape,
  body: dearchiveBody,
  description:
    'Runs insert → delete: insert skips ids already active, delete removes from the archive only where the active table holds a matching row. Needs the system key only. A trailing slash on the path is tolerated.',
} as const;

export const archiveLeads = defineRoute({
  ...archiveShape,
  id: 'archiveLeads',
  path: '/vicidial/leads/archive',
  page: '2327379978',
  summary: 'Move leads to the archive table (outside office hours only)',
});

export const archiveLeadsLegacy = defineRoute({
  ...archiveShape,
  id: 'archiveLeadsLegacy',
  path: '/vicidial/lead/archive/',
  page: '2327379978',
  summary: 'Move leads to the archive table (older path)',
  deprecated: { use: 'archiveLeads' },
});

export const dearchiveLeads = defineRoute({
  ...dearchiveShape,
  id: 'dearchiveLeads',
  path: '/vicidial/leads/dearchive',
  page: '2340978703',
  summary: 'Move leads back from the archive table (any time)',
});

export const dearchiveLeadsLegacy = defineRoute({
  ...dearchiveShape,
  id: 'dearchiveLeadsLegacy',
  path: '/vicidial/lead/dearchive',
  page: '2340978703',
  summary: 'Move leads back from the archive table (older path)',
  deprecated: { use: 'dearchiveLeads' },
});
