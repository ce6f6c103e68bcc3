/**
 * Every route of omni-api.md Parts A and B, transcribed by hand:
 * - `source`: A.2/A.3 routes are `documented` (their older paths too), Part B's are `inferred`.
 * - `idempotent`: B.1's two lists; `silent` marks the routes B.1 lists in neither (decided here:
 *   PUT/DELETE of a lead are idempotent by HTTP's meaning; commands that move a call, a race or a
 *   preview hold are not).
 * - `deprecatedFor`: B.1's older documented paths (A.7's for the archive service), with the
 *   current path they alias.
 * - `token`: A.3, every route but authorize and the `/vicidial/*` archive service (A.7: its pages
 *   show the system key only) needs `tokenKey` besides the system key.
 * - `errors`: B.2's statuses as they apply to the route: 401 everywhere (key, and token where
 *   needed); 400 where there is input; 413 where there is a body, or where a route that takes none but
 *   is no GET may be sent one (inferred: declared JSON, it must still be JSON); 404 for an id in the path or
 *   one referenced in the body; 403 on a `{user_id}` path (FORBIDDEN_USER) and for archive inside
 *   office hours (A.7); 409 where B.4/B.5/B.6/B.8 let the state forbid the command; 429 and 500
 *   on every route. Inferred beyond B.2: 403 `FORBIDDEN_ORIGIN` on every route (a `Host` the
 *   server does not answer to), 415 `UNSUPPORTED_MEDIA_TYPE` where there is a body, and 503
 *   `SERVICE_UNAVAILABLE` on every route (the server's storage failed).
 *
 * @module
 */

/** One route as omni-api.md lists it. */
export interface RouteRow {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly source: 'documented' | 'inferred';
  readonly idempotent: boolean;
  readonly idempotentFrom: 'B.1' | 'silent';
  readonly deprecatedFor?: string;
  readonly token: boolean;
  readonly success: readonly number[];
  readonly errors: readonly number[];
}

const D = 'documented';
const I = 'inferred';
const READ = [401, 403, 429, 500, 503];
const READ_ID = [400, 401, 403, 404, 429, 500, 503];
const AGENT_READ = [400, 401, 403, 404, 429, 500, 503];
const AGENT_CMD = [400, 401, 403, 404, 409, 413, 429, 500, 503];
const AGENT_CMD_BODY = [400, 401, 403, 404, 409, 413, 415, 429, 500, 503];
const WRITE = [400, 401, 403, 413, 415, 429, 500, 503];
const WRITE_REF = [400, 401, 403, 404, 413, 415, 429, 500, 503];
// A DELETE takes no body, but one declared JSON must still be JSON.
const DELETE = [400, 401, 403, 413, 429, 500, 503];
const DELETE_ID = [400, 401, 403, 404, 413, 429, 500, 503];

// biome-ignore format: a literal table reads best one route per line
export const ROUTE_TABLE: readonly RouteRow[] = [
  // A.2 / A.3 authorize and its older paths (B.1)
  { method: 'POST', path: '/omni/user/authorize', source: D, idempotent: false, idempotentFrom: 'B.1', token: false, success: [200], errors: WRITE },
  { method: 'POST', path: '/omni/user/login', source: D, idempotent: false, idempotentFrom: 'B.1', deprecatedFor: '/omni/user/authorize', token: false, success: [200], errors: WRITE },
  { method: 'POST', path: '/omni/user/login/authorize', source: D, idempotent: false, idempotentFrom: 'B.1', deprecatedFor: '/omni/user/authorize', token: false, success: [200], errors: WRITE },
  // A.3 users and campaign login; B.4 agents
  { method: 'GET', path: '/omni/users', source: D, idempotent: true, idempotentFrom: 'B.1', token: true, success: [200], errors: READ },
  { method: 'GET', path: '/omni/users/{user_id}', source: I, idempotent: true, idempotentFrom: 'B.1', token: true, success: [200], errors: AGENT_READ },
  { method: 'POST', path: '/omni/users/{user_id}/login', source: D, idempotent: false, idempotentFrom: 'B.1', token: true, success: [200], errors: AGENT_CMD_BODY },
  { method: 'POST', path: '/omni/user/{user_id}/login', source: D, idempotent: false, idempotentFrom: 'B.1', deprecatedFor: '/omni/users/{user_id}/login', token: true, success: [200], errors: AGENT_CMD_BODY },
  { method: 'POST', path: '/omni/users/{user_id}/logout', source: I, idempotent: true, idempotentFrom: 'B.1', token: true, success: [200], errors: AGENT_CMD },
  { method: 'POST', path: '/omni/users/{user_id}/state', source: I, idempotent: true, idempotentFrom: 'B.1', token: true, success: [200], errors: AGENT_CMD_BODY },
  // A.3 click-2-dial; B.5 calls
  { method: 'POST', path: '/omni/voice/{user_id}/call', source: D, idempotent: false, idempotentFrom: 'B.1', token: true, success: [200], errors: AGENT_CMD_BODY },
  { method: 'GET', path: '/omni/voice/{user_id}/call/{call_id}', source: I, idempotent: true, idempotentFrom: 'B.1', token: true, success: [200], errors: AGENT_READ },
  { method: 'POST', path: '/omni/voice/{user_id}/call/{call_id}/hold', source: I, idempotent: false, idempotentFrom: 'silent', token: true, success: [200], errors: AGENT_CMD },
  { method: 'POST', path: '/omni/voice/{user_id}/call/{call_id}/retrieve', source: I, idempotent: false, idempotentFrom: 'silent', token: true, success: [200], errors: AGENT_CMD },
  { method: 'POST', path: '/omni/voice/{user_id}/call/{call_id}/hangup', source: I, idempotent: false, idempotentFrom: 'B.1', token: true, success: [200], errors: AGENT_CMD },
  { method: 'POST', path: '/omni/voice/{user_id}/call/{call_id}/dispose', source: I, idempotent: false, idempotentFrom: 'B.1', token: true, success: [200], errors: AGENT_CMD_BODY },
  { method: 'POST', path: '/omni/voice/{user_id}/call/{call_id}/recording', source: I, idempotent: false, idempotentFrom: 'B.1', token: true, success: [200], errors: AGENT_CMD_BODY },
  { method: 'POST', path: '/omni/voice/{user_id}/call/{call_id}/conference', source: I, idempotent: false, idempotentFrom: 'B.1', token: true, success: [200], errors: AGENT_CMD_BODY },
  { method: 'POST', path: '/omni/voice/{user_id}/call/{call_id}/connect', source: I, idempotent: false, idempotentFrom: 'B.1', token: true, success: [200], errors: AGENT_CMD },
  // B.6 shotgun
  { method: 'POST', path: '/omni/voice/{user_id}/shotgun', source: I, idempotent: false, idempotentFrom: 'B.1', token: true, success: [200], errors: AGENT_CMD_BODY },
  { method: 'GET', path: '/omni/voice/{user_id}/shotgun/{shotgun_id}', source: I, idempotent: true, idempotentFrom: 'B.1', token: true, success: [200], errors: AGENT_READ },
  { method: 'POST', path: '/omni/voice/{user_id}/shotgun/{shotgun_id}/cancel', source: I, idempotent: false, idempotentFrom: 'silent', token: true, success: [200], errors: AGENT_CMD },
  // B.8 preview
  { method: 'POST', path: '/omni/users/{user_id}/preview/next', source: I, idempotent: false, idempotentFrom: 'silent', token: true, success: [200], errors: AGENT_CMD },
  { method: 'POST', path: '/omni/users/{user_id}/preview/skip', source: I, idempotent: false, idempotentFrom: 'silent', token: true, success: [200], errors: AGENT_CMD_BODY },
  // A.3 PUT campaign; B.8 campaigns (create may reference `default_list_id`: 404)
  { method: 'POST', path: '/omni/campaign', source: I, idempotent: false, idempotentFrom: 'B.1', token: true, success: [200], errors: WRITE_REF },
  { method: 'GET', path: '/omni/campaign/{campaign_id}', source: I, idempotent: true, idempotentFrom: 'B.1', token: true, success: [200], errors: READ_ID },
  { method: 'GET', path: '/omni/campaigns', source: I, idempotent: true, idempotentFrom: 'B.1', token: true, success: [200], errors: READ },
  { method: 'PUT', path: '/omni/campaign/{campaign_id}', source: D, idempotent: true, idempotentFrom: 'B.1', token: true, success: [200], errors: WRITE_REF },
  // B.8 lists
  { method: 'POST', path: '/omni/list', source: I, idempotent: false, idempotentFrom: 'B.1', token: true, success: [200], errors: WRITE_REF },
  { method: 'GET', path: '/omni/list/{list_id}', source: I, idempotent: true, idempotentFrom: 'B.1', token: true, success: [200], errors: READ_ID },
  { method: 'GET', path: '/omni/lists', source: I, idempotent: true, idempotentFrom: 'B.1', token: true, success: [200], errors: READ },
  { method: 'GET', path: '/omni/list/{list_id}/leads', source: I, idempotent: true, idempotentFrom: 'B.1', token: true, success: [200], errors: READ_ID },
  // A.3 add lead and bulk upload; B.8 leads
  { method: 'POST', path: '/omni/lead', source: D, idempotent: false, idempotentFrom: 'B.1', token: true, success: [200], errors: WRITE_REF },
  { method: 'GET', path: '/omni/lead/{lead_id}', source: I, idempotent: true, idempotentFrom: 'B.1', token: true, success: [200], errors: READ_ID },
  { method: 'PUT', path: '/omni/lead/{lead_id}', source: I, idempotent: true, idempotentFrom: 'silent', token: true, success: [200], errors: WRITE_REF },
  { method: 'DELETE', path: '/omni/lead/{lead_id}', source: I, idempotent: true, idempotentFrom: 'silent', token: true, success: [200], errors: DELETE_ID },
  { method: 'POST', path: '/omni/leads/bulk/upload', source: D, idempotent: false, idempotentFrom: 'B.1', token: true, success: [200], errors: WRITE_REF },
  { method: 'POST', path: '/omni/leads/upload', source: D, idempotent: false, idempotentFrom: 'B.1', deprecatedFor: '/omni/leads/bulk/upload', token: true, success: [200], errors: WRITE_REF },
  // A.7 archive service (403 inside office hours for archive only), system key only, and its older paths
  { method: 'POST', path: '/vicidial/leads/archive', source: D, idempotent: false, idempotentFrom: 'B.1', token: false, success: [200], errors: [400, 401, 403, 413, 415, 429, 500, 503] },
  { method: 'POST', path: '/vicidial/lead/archive/', source: D, idempotent: false, idempotentFrom: 'B.1', deprecatedFor: '/vicidial/leads/archive', token: false, success: [200], errors: [400, 401, 403, 413, 415, 429, 500, 503] },
  { method: 'POST', path: '/vicidial/leads/dearchive', source: D, idempotent: false, idempotentFrom: 'B.1', token: false, success: [200], errors: WRITE },
  { method: 'POST', path: '/vicidial/lead/dearchive', source: D, idempotent: false, idempotentFrom: 'B.1', deprecatedFor: '/vicidial/leads/dearchive', token: false, success: [200], errors: WRITE },
  // B.7 notification endpoint
  { method: 'POST', path: '/omni/notification/endpoint', source: I, idempotent: true, idempotentFrom: 'B.1', token: true, success: [200], errors: WRITE },
  { method: 'GET', path: '/omni/notification/endpoint', source: I, idempotent: true, idempotentFrom: 'B.1', token: true, success: [200], errors: READ },
  { method: 'DELETE', path: '/omni/notification/endpoint', source: I, idempotent: true, idempotentFrom: 'B.1', token: true, success: [200], errors: DELETE },
  // B.5 recordings
  { method: 'GET', path: '/omni/recording/{file}', source: I, idempotent: true, idempotentFrom: 'B.1', token: true, success: [200], errors: READ_ID },
];
