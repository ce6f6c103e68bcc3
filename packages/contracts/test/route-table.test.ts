import { describe, expect, it } from 'vitest';
import { ERROR_STATUS, errorStatuses, isBinaryResponse, routeList } from '../src/index.js';
import { routeAt } from './support/route-at.js';

/**
 * Every route of omni-api.md Parts A and B, transcribed by hand:
 * - `source`: A.2/A.3 routes are `documented` (their older paths too), Part B's are `inferred`.
 * - `idempotent`: B.1's two lists; `silent` marks the routes B.1 lists in neither (decided here:
 *   PUT/DELETE of a lead are idempotent by HTTP's meaning; commands that move a call, a race or a
 *   preview hold are not).
 * - `deprecatedFor`: B.1's older documented paths, with the current path they alias.
 * - `token`: A.3, every route but authorize needs `tokenKey` besides the system key.
 * - `errors`: B.2's statuses as they apply to the route: 401 everywhere (key, and token where
 *   needed); 400 where there is input; 413 where there is a body; 404 for an id in the path or
 *   one referenced in the body; 403 on a `{user_id}` path (FORBIDDEN_USER) and for archive inside
 *   office hours (A.7); 409 where B.4/B.5/B.6/B.8 let the state forbid the command; 429 and 500
 *   on every route.
 */
interface RouteRow {
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
const READ = [401, 429, 500];
const READ_ID = [400, 401, 404, 429, 500];
const AGENT_READ = [400, 401, 403, 404, 429, 500];
const AGENT_CMD = [400, 401, 403, 404, 409, 429, 500];
const AGENT_CMD_BODY = [400, 401, 403, 404, 409, 413, 429, 500];
const WRITE = [400, 401, 413, 429, 500];
const WRITE_REF = [400, 401, 404, 413, 429, 500];

// biome-ignore format: a literal table reads best one route per line
const ROUTE_TABLE: readonly RouteRow[] = [
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
  { method: 'DELETE', path: '/omni/lead/{lead_id}', source: I, idempotent: true, idempotentFrom: 'silent', token: true, success: [200], errors: READ_ID },
  { method: 'POST', path: '/omni/leads/bulk/upload', source: D, idempotent: false, idempotentFrom: 'B.1', token: true, success: [200], errors: WRITE_REF },
  { method: 'POST', path: '/omni/leads/upload', source: D, idempotent: false, idempotentFrom: 'B.1', deprecatedFor: '/omni/leads/bulk/upload', token: true, success: [200], errors: WRITE_REF },
  // A.7 archive service (403 inside office hours for archive only)
  { method: 'POST', path: '/vicidial/leads/archive', source: D, idempotent: false, idempotentFrom: 'B.1', token: true, success: [200], errors: [400, 401, 403, 413, 429, 500] },
  { method: 'POST', path: '/vicidial/leads/dearchive', source: D, idempotent: false, idempotentFrom: 'B.1', token: true, success: [200], errors: WRITE },
  // B.7 notification endpoint
  { method: 'POST', path: '/omni/notification/endpoint', source: I, idempotent: true, idempotentFrom: 'B.1', token: true, success: [200], errors: WRITE },
  { method: 'GET', path: '/omni/notification/endpoint', source: I, idempotent: true, idempotentFrom: 'B.1', token: true, success: [200], errors: READ },
  { method: 'DELETE', path: '/omni/notification/endpoint', source: I, idempotent: true, idempotentFrom: 'B.1', token: true, success: [200], errors: READ },
  // B.5 recordings
  { method: 'GET', path: '/omni/recording/{file}', source: I, idempotent: true, idempotentFrom: 'B.1', token: true, success: [200], errors: READ_ID },
];

const keyOf = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

describe('the route table of omni-api.md', () => {
  it('lists every route of the contracts, and the contracts serve every route of the table', () => {
    expect(routeList.map(keyOf).sort()).toEqual(ROUTE_TABLE.map(keyOf).sort());
  });

  it('has no route twice (method and path)', () => {
    const keys = routeList.map(keyOf);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(routeList.map((r) => r.id)).size).toBe(routeList.length);
  });

  it('counts 13 documented and 30 inferred routes, 4 of them deprecated aliases', () => {
    expect(ROUTE_TABLE.filter((r) => r.source === 'documented')).toHaveLength(13);
    expect(ROUTE_TABLE.filter((r) => r.source === 'inferred')).toHaveLength(30);
    expect(ROUTE_TABLE.filter((r) => r.deprecatedFor)).toHaveLength(4);
  });

  describe.each(ROUTE_TABLE.map((row) => [keyOf(row), row] as const))('%s', (key, row) => {
    const route = routeAt(key);

    it(`is ${row.source}`, () => {
      expect(route.source).toBe(row.source);
    });

    it(`is ${row.idempotent ? '' : 'not '}idempotent (${row.idempotentFrom})`, () => {
      expect(route.idempotent).toBe(row.idempotent);
    });

    it(row.deprecatedFor ? `is a deprecated alias of ${row.deprecatedFor}` : 'is not deprecated', () => {
      if (row.deprecatedFor) {
        expect(route.deprecated).toBeDefined();
        const current = routeList.find((r) => r.id === route.deprecated?.use);
        expect(current && keyOf(current)).toBe(`${row.method} ${row.deprecatedFor}`);
        // An alias is the same contract on another path.
        expect(current?.body).toBe(route.body);
        expect(current?.responses).toEqual(route.responses);
        expect(current?.idempotent).toBe(route.idempotent);
      } else {
        expect(route.deprecated).toBeUndefined();
      }
    });

    it(row.token ? 'needs the system key and tokenKey' : 'needs the system key only', () => {
      expect(route.auth).toBe(row.token ? 'user' : 'system');
      const tokenCodes = ['MISSING_TOKEN', 'INVALID_TOKEN', 'TOKEN_EXPIRED'].filter((c) =>
        route.errorCodes.includes(c as never),
      );
      expect(route.errorCodes).toEqual(expect.arrayContaining(['MISSING_SYSTEM_KEY', 'INVALID_SYSTEM_KEY']));
      if (row.token) expect(tokenCodes).toEqual(['MISSING_TOKEN', 'INVALID_TOKEN', 'TOKEN_EXPIRED']);
      else expect(tokenCodes).not.toContain('MISSING_TOKEN');
    });

    it(`answers ${row.success.join(', ')} on success`, () => {
      expect(Object.keys(route.responses).map(Number).sort()).toEqual([...row.success]);
    });

    it(`answers ${row.errors.join(', ')} on failure`, () => {
      expect(errorStatuses(route)).toEqual([...row.errors]);
      for (const code of route.errorCodes) expect(row.errors).toContain(ERROR_STATUS[code]);
    });

    it(row.path.startsWith('/vicidial/') ? 'keeps the vicidial error shape' : 'answers the Omni error body', () => {
      expect(route.errorShape).toBe(row.path.startsWith('/vicidial/') ? 'vicidial' : 'omni');
    });
  });

  it('B.2/B.4/B.5: routes whose state can forbid them name the specific 409 codes', () => {
    const specific: Readonly<Record<string, readonly string[]>> = {
      'POST /omni/users/{user_id}/login': ['EXTENSION_NOT_REGISTERED', 'INVALID_STATE'],
      'POST /omni/user/{user_id}/login': ['EXTENSION_NOT_REGISTERED', 'INVALID_STATE'],
      'POST /omni/users/{user_id}/state': ['AGENT_NOT_LOGGED_IN', 'INVALID_STATE'],
      'POST /omni/voice/{user_id}/call': ['AGENT_NOT_LOGGED_IN', 'INVALID_STATE'],
      'POST /omni/voice/{user_id}/shotgun': ['AGENT_NOT_LOGGED_IN', 'INVALID_STATE'],
      'POST /omni/voice/{user_id}/call/{call_id}/dispose': ['INVALID_STATE'],
      'POST /omni/voice/{user_id}/call/{call_id}/connect': ['INVALID_STATE'],
    };
    for (const [key, codes] of Object.entries(specific)) {
      expect(routeAt(key).errorCodes, key).toEqual(expect.arrayContaining([...codes]));
    }
  });

  it('B.2: FORBIDDEN_USER is on every {user_id} path and on archive only besides', () => {
    for (const route of routeList) {
      const expected = route.path.includes('{user_id}') || route.path === '/vicidial/leads/archive';
      expect(route.errorCodes.includes('FORBIDDEN_USER'), keyOf(route)).toBe(expected);
    }
  });

  it('B.5: the recording download answers a WAV, not JSON', () => {
    const spec = routeAt('GET /omni/recording/{file}').responses[200];
    expect(spec && isBinaryResponse(spec) && spec.contentType).toBe('audio/wav');
  });
});
