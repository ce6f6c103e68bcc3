import { z } from 'zod';
import { commandResult, id, idOrZero, pathId } from '../common.js';
import { leadStatus } from '../enums.js';
import { defineRoute } from '../route.js';
import { leadView } from './leads.js';

/** Lists (B.8, inferred): a list belongs to at most one campaign and holds leads. */
export const createListBody = z.object({
  list_name: z.string().min(1).max(100),
  campaign_id: id.optional(),
  description: z.string().max(1000).optional(),
});
export type CreateListBody = z.infer<typeof createListBody>;

export const listView = z
  .object({
    list_id: id,
    list_name: z.string(),
    campaign_id: idOrZero,
    description: z.string(),
    lead_count: z.number().int().nonnegative(),
    lead_counts: z.record(z.string(), z.number().int().nonnegative()).meta({ description: 'Active leads by status.' }),
  })
  .meta({ id: 'List' });
export type ListView = z.infer<typeof listView>;

const listIdParams = z.object({ list_id: pathId });

export const listLeadsQuery = z.object({
  status: leadStatus.optional(),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  page_size: z.coerce.number().int().min(1).max(500).default(50),
});

export const createList = defineRoute({
  id: 'createList',
  method: 'POST',
  path: '/omni/list',
  group: 'lists',
  auth: 'user',
  summary: 'Create a lead list',
  source: 'inferred',
  idempotent: false,
  body: createListBody,
  responses: { 200: commandResult.extend({ list_id: id }).meta({ id: 'ListCreated' }) },
  errors: ['NOT_FOUND'],
});

export const getList = defineRoute({
  id: 'getList',
  method: 'GET',
  path: '/omni/list/{list_id}',
  group: 'lists',
  auth: 'user',
  summary: 'A list with its lead counts by status',
  source: 'inferred',
  idempotent: true,
  params: listIdParams,
  responses: { 200: listView },
});

export const listLists = defineRoute({
  id: 'listLists',
  method: 'GET',
  path: '/omni/lists',
  group: 'lists',
  auth: 'user',
  summary: 'Every list of the system',
  source: 'inferred',
  idempotent: true,
  responses: { 200: z.object({ lists: z.array(listView) }).meta({ id: 'ListList' }) },
});

export const listLeads = defineRoute({
  id: 'listLeads',
  method: 'GET',
  path: '/omni/list/{list_id}/leads',
  group: 'lists',
  auth: 'user',
  summary: 'A page of a list’s active leads, optionally by status',
  source: 'inferred',
  idempotent: true,
  params: listIdParams,
  query: listLeadsQuery,
  responses: {
    200: z
      .object({
        list_id: id,
        page: z.number().int(),
        page_size: z.number().int(),
        total: z.number().int().nonnegative(),
        leads: z.array(leadView),
      })
      .meta({ id: 'LeadPage' }),
  },
});
