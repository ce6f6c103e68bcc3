/**
 * The `/vicidial/*` lead archive service as TForge documents it (omni-api.md A.3 and A.7), in literal tables: request
 * → status → body, each row with the wiki page it comes from (2327379978 archive, 2340978703 dearchive, 2362507280 the
 * response catalogue) or `inferred` where the wiki is silent. Every answer is also parsed with the contract's schema
 * for its status.
 *
 * @module
 */

import { errorSchemaFor, type RouteDef, routes } from '@omnikit/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { MockOmni } from '../../../src/index.js';
import { type OmniTestClient, startMock } from '../../support/omni-client.js';

const PROCESSED = 'lead_ids batch was successfully processed';
const UNAUTHORIZED = { message: 'unable to validate api user', http_code: 401 };
const OFFICE_HOURS = { message: 'api cannot be executed during office hours time condition', http_code: 403 };
const invalid = (message: string, lead_ids: unknown[] = []) => ({
  message,
  lead_errors: lead_ids.length,
  lead_ids,
  http_code: 400,
});
const counts = (select: number, insert = 0, update = 0, del = 0) => ({
  message: PROCESSED,
  select_count: select,
  insert_count: insert,
  update_count: update,
  delete_count: del,
  http_code: 200,
});
const range = (n: number, from = 1) => Array.from({ length: n }, (_, i) => i + from);
const NONE = { insert_leads: false, update_leads: false, delete_leads: false };

let mock: MockOmni;
let root: OmniTestClient;
beforeAll(async () => {
  ({ mock, client: root } = await startMock());
});
afterAll(() => mock.close());

/** A new system of the mock, outside office hours unless `open` covers the whole week. */
async function system(open = false): Promise<OmniTestClient> {
  const created = await root.request('POST', '/__mock/systems', { body: { clock: 'manual' } });
  const sys = root.withKey(created.body.system_key as string);
  const windows = open
    ? [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], start: '00:00', end: '24:00' }]
    : [];
  await sys.request('PUT', '/__mock/office-hours', { body: { time_zone: 'UTC', windows } });
  return sys;
}

/** The route a path is served for (its trailing slash tolerated). */
function routeOf(path: string): RouteDef {
  const bare = path.replace(/\/+$/, '');
  const route = Object.values(routes).find((r) => r.path.replace(/\/+$/, '') === bare);
  if (!route) throw new Error(`no route for ${path}`);
  return route;
}

function expectContract(path: string, status: number, body: unknown): void {
  const route = routeOf(path);
  const schema = (status === 200 ? route.responses[200] : errorSchemaFor(route, status)) as z.ZodType;
  const verdict = schema.safeParse(body);
  expect(verdict.success, JSON.stringify(verdict.error?.issues)).toBe(true);
}

/** How a row sends its credentials: `token` TOKEN is the system's own agent's, OTHER another system's. */
interface Credentials {
  key?: string | null;
  headers?: Record<string, string>;
  token?: string;
}

// page, case, path, credentials, status, body
// biome-ignore format: a literal table reads best one row per line
const AUTH_TABLE: readonly (readonly [string, string, string, Credentials, number, unknown])[] = [
  ['2340978703', 'dearchive with the system key only', '/vicidial/leads/dearchive', {}, 200, counts(0)],
  ['2327379978', 'archive with the system key only', '/vicidial/leads/archive', {}, 200, counts(1)],
  ['2362507280', 'no system key', '/vicidial/leads/archive', { key: null }, 401, UNAUTHORIZED],
  ['2362507280', 'an unknown system key', '/vicidial/leads/archive', { key: 'no-such-system' }, 401, UNAUTHORIZED],
  ['2362507280', 'a key without "Key="', '/vicidial/leads/dearchive', { key: null, headers: { Authorization: 'Bearer x' } }, 401, UNAUTHORIZED],
  ['2362507280', 'an empty key', '/vicidial/lead/dearchive', { key: null, headers: { Authorization: 'Key=' } }, 401, UNAUTHORIZED],
  ['2362507280', 'an unknown key on the older path', '/vicidial/lead/archive/', { key: 'nope' }, 401, UNAUTHORIZED],
  ['2039611416', 'the auth-key query parameter instead of the header', '/vicidial/leads/archive?auth-key=KEY', { key: null }, 200, counts(1)],
  ['inferred', 'a valid tokenKey sent anyway', '/vicidial/leads/archive', { token: 'TOKEN' }, 200, counts(1)],
  ['inferred', 'an unknown tokenKey sent anyway', '/vicidial/leads/dearchive', { token: 'not-a-token' }, 200, counts(0)],
  ['inferred', 'a tokenKey of another system sent anyway', '/vicidial/lead/archive/', { token: 'OTHER' }, 200, counts(1)],
];

describe('the system key only, no tokenKey (A.3, pages 2327379978 and 2340978703)', () => {
  let sys: OmniTestClient;
  let token: string;
  beforeAll(async () => {
    sys = await system();
    token = await sys.login();
  });

  it('page 2327379978: TForge’s own example — Authorization: Key= and Content-Type only — is served', async () => {
    const res = await mock.fetch(
      new Request('http://mock.local/vicidial/leads/archive', {
        method: 'POST',
        headers: { Authorization: `Key=${sys.key}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ ...NONE, lead_ids: [0, 1] }),
      }),
    );
    expect([res.status, await res.json()]).toEqual([200, counts(1)]);
  });

  it.each(AUTH_TABLE)('page %s: %s → %s', async (_, __, path, opts, status, body) => {
    const other = opts.token === 'OTHER' ? await root.login() : undefined;
    const res = await sys.request('POST', path.replace('KEY', sys.key), {
      ...opts,
      ...(opts.token === 'TOKEN' ? { token } : opts.token === 'OTHER' ? { token: other } : {}),
      body: path.includes('dearchive')
        ? { insert_leads: false, delete_leads: false, lead_ids: [0, 1] }
        : { ...NONE, lead_ids: [0, 1] },
    });
    expect([res.status, res.body]).toEqual([status, body]);
    expectContract(path.split('?')[0] as string, status, res.body);
  });

  it('page 2362507280: archive inside office hours answers 403 with its message, token or not', async () => {
    const busy = await system(true);
    for (const path of ['/vicidial/leads/archive', '/vicidial/lead/archive/', '/vicidial/lead/archive']) {
      const res = await busy.request('POST', path, { body: { ...NONE, lead_ids: [1] } });
      expect([path, res.status, res.body]).toEqual([path, 403, OFFICE_HOURS]);
      expectContract(path, 403, res.body);
    }
    const withToken = await busy.request('POST', '/vicidial/leads/archive', {
      token: await busy.login(),
      body: { ...NONE, lead_ids: [1] },
    });
    expect([withToken.status, withToken.body]).toEqual([403, OFFICE_HOURS]);
    // Dearchive works at any time.
    const back = await busy.request('POST', '/vicidial/leads/dearchive', {
      body: { insert_leads: true, delete_leads: true, lead_ids: [1] },
    });
    expect([back.status, back.body]).toEqual([200, counts(0)]);
  });
});

const ARCHIVE_PATHS = [
  '/vicidial/leads/archive',
  '/vicidial/leads/archive/',
  '/vicidial/lead/archive/',
  '/vicidial/lead/archive',
];
const DEARCHIVE_PATHS = [
  '/vicidial/leads/dearchive',
  '/vicidial/leads/dearchive/',
  '/vicidial/lead/dearchive',
  '/vicidial/lead/dearchive/',
];

// page, case, body (or raw text), status, answer — archive bodies, sent to each archive path.
// biome-ignore format: a literal table reads best one row per line
const ARCHIVE_TABLE: readonly (readonly [string, string, unknown, number, unknown])[] = [
  ['2327379978', 'the wiki’s example ids [0, 1]: 0 is valid and selects nothing', { ...NONE, lead_ids: [0, 1] }, 200, counts(1)],
  ['inferred', 'a negative id is an integer: valid, selects nothing', { ...NONE, lead_ids: [-7, 2] }, 200, counts(1)],
  ['2327379978', '500 ids', { ...NONE, lead_ids: range(500) }, 200, counts(350)],
  ['2362507280', 'insert_leads missing', { update_leads: false, delete_leads: false, lead_ids: [1] }, 400, invalid('insert_leads must be a boolean value')],
  ['2362507280', 'insert_leads "true"', { ...NONE, insert_leads: 'true', lead_ids: [1] }, 400, invalid('insert_leads must be a boolean value')],
  ['2362507280', 'update_leads 1', { ...NONE, update_leads: 1, lead_ids: [1] }, 400, invalid('update_leads must be a boolean value')],
  ['2362507280', 'update_leads missing', { insert_leads: false, delete_leads: false, lead_ids: [1] }, 400, invalid('update_leads must be a boolean value')],
  ['2362507280', 'delete_leads null', { ...NONE, delete_leads: null, lead_ids: [1] }, 400, invalid('delete_leads must be a boolean value')],
  ['2362507280', 'every flag wrong and no ids: the first flag wins', { insert_leads: 1, update_leads: 2, delete_leads: 3, lead_ids: [] }, 400, invalid('insert_leads must be a boolean value')],
  ['2362507280', 'delete_leads wrong and a text id: flags before ids', { ...NONE, delete_leads: 'no', lead_ids: ['x'] }, 400, invalid('delete_leads must be a boolean value')],
  ['2362507280', 'non-integers, echoed as sent', { ...NONE, lead_ids: [1, 'x', 2.5, null, '7'] }, 400, invalid('lead_ids must only contain integer values', ['x', 2.5, null, '7'])],
  ['2362507280', 'the same non-integer twice, echoed twice', { ...NONE, lead_ids: ['x', 3, 'x'] }, 400, invalid('lead_ids must only contain integer values', ['x', 'x'])],
  ['inferred', 'lead_ids a text, not a list', { ...NONE, lead_ids: '1,2' }, 400, invalid('lead_ids must only contain integer values', ['1,2'])],
  ['2362507280', 'no ids', { ...NONE, lead_ids: [] }, 400, invalid('lead_ids must contain atleast 1 value')],
  ['inferred', 'lead_ids missing', { ...NONE }, 400, invalid('lead_ids must contain atleast 1 value')],
  ['inferred', 'lead_ids null', { ...NONE, lead_ids: null }, 400, invalid('lead_ids must contain atleast 1 value')],
  ['2362507280', '501 ids', { ...NONE, lead_ids: range(501) }, 400, invalid('lead_ids cannot exceed 500 values')],
  ['2362507280', '501 ids with a text id: integers come first', { ...NONE, lead_ids: [...range(500), 'x'] }, 400, invalid('lead_ids must only contain integer values', ['x'])],
  ['2362507280', '502 ids with duplicates: the 500 rule comes first', { ...NONE, lead_ids: [...range(500), 1, 2] }, 400, invalid('lead_ids cannot exceed 500 values')],
  ['2362507280', 'a duplicate id, echoed', { ...NONE, lead_ids: [4, 5, 4] }, 400, invalid('lead_ids cannot contain duplicate values', [4])],
  ['inferred', 'ids repeated several times: each duplicated id echoed once', { ...NONE, lead_ids: [4, 4, 5, 4, 5, 6] }, 400, invalid('lead_ids cannot contain duplicate values', [4, 5])],
  ['2327379978', 'the id 0 twice', { ...NONE, lead_ids: [0, 0] }, 400, invalid('lead_ids cannot contain duplicate values', [0])],
  ['inferred', 'a body that is not JSON: no flag', '{"insert_leads": ', 400, invalid('insert_leads must be a boolean value')],
  ['inferred', 'an empty body: no flag', '', 400, invalid('insert_leads must be a boolean value')],
  ['inferred', 'a JSON list for a body: no flag', [{ ...NONE, lead_ids: [1] }], 400, invalid('insert_leads must be a boolean value')],
];

// Dearchive bodies, sent to each dearchive path.
// biome-ignore format: a literal table reads best one row per line
const DEARCHIVE_TABLE: readonly (readonly [string, string, unknown, number, unknown])[] = [
  ['2340978703', 'the wiki’s example ids [0, 1]', { insert_leads: false, delete_leads: false, lead_ids: [0, 1] }, 200, counts(0)],
  ['inferred', 'update_leads is not a dearchive field: ignored', { insert_leads: false, update_leads: 'x', delete_leads: false, lead_ids: [1] }, 200, counts(0)],
  ['2362507280', 'insert_leads missing', { delete_leads: true, lead_ids: [1] }, 400, invalid('insert_leads must be a boolean value')],
  ['2362507280', 'delete_leads "no"', { insert_leads: true, delete_leads: 'no', lead_ids: [1] }, 400, invalid('delete_leads must be a boolean value')],
  ['2362507280', 'a decimal id', { insert_leads: true, delete_leads: true, lead_ids: [2.5] }, 400, invalid('lead_ids must only contain integer values', [2.5])],
  ['2362507280', 'no ids', { insert_leads: true, delete_leads: true, lead_ids: [] }, 400, invalid('lead_ids must contain atleast 1 value')],
  ['2362507280', '501 ids', { insert_leads: true, delete_leads: true, lead_ids: range(501) }, 400, invalid('lead_ids cannot exceed 500 values')],
  ['2362507280', 'a duplicate id', { insert_leads: true, delete_leads: true, lead_ids: [9, 9] }, 400, invalid('lead_ids cannot contain duplicate values', [9])],
];

describe.each([
  ...ARCHIVE_PATHS.map((path) => [path, ARCHIVE_TABLE] as const),
  ...DEARCHIVE_PATHS.map((path) => [path, DEARCHIVE_TABLE] as const),
])('POST %s answers with TForge’s messages (A.7)', (path, table) => {
  let sys: OmniTestClient;
  beforeAll(async () => {
    sys = await system();
  });

  it.each(table.map((row) => [row[0], row[1], row] as const))(
    'page %s: %s',
    async (_, __, [, , input, status, body]) => {
      const res = await sys.request('POST', path, typeof input === 'string' ? { raw: input } : { body: input });
      expect([res.status, res.body]).toEqual([status, body]);
      expectContract(path, status, res.body);
    },
  );

  it('inferred: a body over 1 MiB answers 413 in the service’s shape', async () => {
    const res = await sys.request('POST', path, { raw: `{"x":"${'a'.repeat(1024 * 1024)}"}` });
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ message: expect.stringContaining('bytes'), http_code: 413 });
    expectContract(path, 413, res.body);
  });
});

describe('the counts of a batch that moves leads (A.7)', () => {
  it('page 2327379978: archive then dearchive count what each step did, with the one success message', async () => {
    const sys = await system();
    const first = await sys.request('POST', '/vicidial/lead/archive/', {
      body: { insert_leads: true, update_leads: true, delete_leads: true, lead_ids: [0, 1, 2, -3] },
    });
    expect([first.status, first.body]).toEqual([200, counts(2, 2, 0, 2)]);
    const again = await sys.request('POST', '/vicidial/leads/archive', {
      body: { insert_leads: true, update_leads: true, delete_leads: true, lead_ids: [1, 2, 3] },
    });
    expect(again.body).toEqual(counts(1, 1, 0, 1));
    const back = await sys.request('POST', '/vicidial/lead/dearchive', {
      body: { insert_leads: true, delete_leads: true, lead_ids: [0, 1, 2, 3] },
    });
    expect(back.body).toEqual(counts(3, 3, 0, 3));
  });
});
