import { z } from 'zod';
import { commandResult, id, pathId } from '../common.js';
import { defineRoute } from '../route.js';
import { leadView } from './leads.js';

const params = z.object({ user_id: pathId });

/** Preview campaigns (B.8): the agent takes the next lead (held for them), then calls it with `lead_id` or skips it. */
export const previewNext = defineRoute({
  id: 'previewNext',
  method: 'POST',
  path: '/omni/users/{user_id}/preview/next',
  group: 'preview',
  auth: 'user',
  summary: 'Take the next lead of a preview campaign',
  description:
    'Holds the lead for this agent until it is called or skipped. `lead` is null when the campaign has none to offer now.',
  source: 'inferred',
  idempotent: false,
  params,
  responses: { 200: commandResult.extend({ lead: leadView.nullable() }).meta({ id: 'PreviewLead' }) },
  errors: ['INVALID_STATE', 'AGENT_NOT_LOGGED_IN'],
});

export const previewSkip = defineRoute({
  id: 'previewSkip',
  method: 'POST',
  path: '/omni/users/{user_id}/preview/skip',
  group: 'preview',
  auth: 'user',
  summary: 'Skip the previewed lead',
  source: 'inferred',
  idempotent: false,
  params,
  body: z.object({ lead_id: id }),
  responses: { 200: commandResult },
  errors: ['INVALID_STATE', 'AGENT_NOT_LOGGED_IN'],
});
