/**
 * Requests that work as they stand against a freshly started mock (its demo data: agent1…agent5
 * with password1…password5, campaigns 1–5, lists 1–3, the magic numbers of B.10), so that the docs
 * page's "Try it out" succeeds on the first try. Each body is typed by its route's input and a test
 * parses it with the route's schema.
 *
 * @module
 */

import type { z } from 'zod';
import { encodePassword } from '../common.js';
import { pathParamNames } from '../route.js';
import type { RouteExample } from '../route-example.js';
import { type RouteId, type Routes, routes } from './index.js';

type BodyOf<R> = R extends { readonly body: infer B extends z.ZodType } ? z.input<B> : never;

type BodyExamples = {
  readonly [K in RouteId as [BodyOf<Routes[K]>] extends [never] ? never : K]: BodyOf<Routes[K]>;
};

const authorizeBody = { user_name: 'agent1', password: encodePassword('password1') };
const bulkBody = {
  list_id: 1,
  dnc_check: true,
  deduplication: true,
  leads: [
    { phone_number_1: '0821234568', first_name: 'Sipho', last_name: 'Dlamini', unique_id: 'CRM-100001' },
    { phone_number_1: '0831234569', phone_number_2: '0114567890', first_name: 'Lerato', city: 'Pretoria' },
  ],
};
const loginBody = { campaign_id: 1, extension: '1001' };

export const BODY_EXAMPLES: BodyExamples = {
  authorize: authorizeBody,
  authorizeLegacyLogin: authorizeBody,
  authorizeLegacyLoginAuthorize: authorizeBody,
  login: loginBody,
  loginLegacy: loginBody,
  setState: { state: 'ready' },
  makeCall: { phone_number: '0800555008', unique_id: 'CRM-000042' },
  disposeCall: { disposition_code: 'SALE', notes: 'Renewal agreed' },
  recordCall: { action: 'start' },
  conferenceCall: { phone_number: '0800555001' },
  startShotgun: { phone_numbers: ['0800555002', '0800555003', '0800555008'], unique_id: 'CRM-000043' },
  previewSkip: { lead_id: 151 },
  createCampaign: { campaign_name: 'Spring renewals', campaign_type: 1, default_list_id: 1 },
  updateCampaign: { message_of_the_day: 'Renewals first today.', max_lines: 2 },
  createList: { list_name: 'Spring renewals', campaign_id: 2, description: 'Leads for the spring campaign.' },
  addLead: {
    list_id: 1,
    first_name: 'Thandi',
    last_name: 'Mokoena',
    other_info: 'Renewal due in May',
    unique_id: 'CRM-000044',
    phone_numbers: [{ phone_number: '0821234567', phone_type_id: 2 }],
  },
  updateLead: { other_info: 'Asked for a call after 17:00' },
  bulkUploadLeads: bulkBody,
  bulkUploadLeadsLegacy: bulkBody,
  archiveLeads: { insert_leads: true, update_leads: true, delete_leads: true, lead_ids: [1, 2] },
  dearchiveLeads: { insert_leads: true, delete_leads: true, lead_ids: [1, 2] },
  // The older paths, with the wiki's own example ids (0 selects nothing).
  archiveLeadsLegacy: { insert_leads: true, update_leads: false, delete_leads: true, lead_ids: [0, 1] },
  dearchiveLeadsLegacy: { insert_leads: true, delete_leads: true, lead_ids: [0, 1] },
  setNotificationEndpoint: {
    url: 'https://crm.example.com/omni/notifications',
    notification_types: ['cdr', 'call_state', 'agent_state'],
    secret: 'a-long-random-secret',
  },
};

/** Path parameters by name: agent1, campaign 1, list 1, its first lead, the first call and shotgun. */
export const PARAM_EXAMPLES: Readonly<Record<string, string | number>> = {
  user_id: 1,
  call_id: 1,
  shotgun_id: 1,
  campaign_id: 1,
  list_id: 1,
  lead_id: 1,
  file: '1_20260105080003.wav',
};

const QUERY_EXAMPLES: { readonly [K in RouteId]?: Readonly<Record<string, string | number>> } = {
  listLeads: { status: 'NEW', page: 1, page_size: 50 },
};

/** Every Omni route's example request, by operation id. */
export function omniRequestExamples(): Record<string, RouteExample> {
  const out: Record<string, RouteExample> = {};
  for (const [id, route] of Object.entries(routes) as [RouteId, Routes[RouteId]][]) {
    const names = pathParamNames(route.path);
    const params = Object.fromEntries(names.map((n) => [n, PARAM_EXAMPLES[n] ?? '']));
    const body = (BODY_EXAMPLES as Readonly<Record<string, unknown>>)[id];
    const query = QUERY_EXAMPLES[id];
    out[id] = {
      ...(names.length ? { params } : {}),
      ...(query ? { query } : {}),
      ...(body !== undefined ? { body } : {}),
    };
  }
  return out;
}
