/**
 * The bad-input matrix, generated from the route objects: for every route the mock serves, each credential missing,
 * wrong or expired; each path parameter not an integer or unknown; each query parameter and each body field of the
 * wrong type; each required body field missing; bodies that are not JSON, not objects, or too large (on a route that
 * takes no body too, but a GET: bodyless-routes.test.ts shows what it still accepts). Every case
 * asserts the status, the error code (or the vicidial `http_code`) and the field named in `errors[]`.
 *
 * @module
 */

import { isBinaryResponse, type RouteDef, routes, VICIDIAL_INVALID_MESSAGES } from '@omnikit/contracts';
import { controlRoutes } from '@omnikit/contracts/control';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { servedControlRoutes, servedOmniRoutes } from '../../src/http/create-app.js';
import type { MockOmni } from '../../src/index.js';
import { prepareTelephony } from '../support/call-fixtures.js';
import { type OmniTestClient, startMock } from '../support/omni-client.js';
import { FIXTURES, type Fixture, fillPath, UNKNOWN_PARAM } from '../support/route-fixtures.js';

const ADMIN = 'matrix-admin-key';
const served: RouteDef[] = [
  ...servedOmniRoutes().served.map((id) => routes[id] as RouteDef),
  ...servedControlRoutes()
    .served.map((id) => controlRoutes[id] as RouteDef)
    .filter((r) => r.path.startsWith('/__mock/')),
];

interface Case {
  name: string;
  path?: string;
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  raw?: string;
  /** The body's Content-Type instead of application/json. */
  contentType?: string;
  creds?: 'none-key' | 'bad-key' | 'malformed-key' | 'no-token' | 'bad-token' | 'expired' | 'no-admin' | 'bad-admin';
  status: number;
  code?: string;
  field?: string;
}

function objectShape(schema: z.ZodType | undefined): Record<string, z.ZodType> | undefined {
  let s: unknown = schema;
  while (s instanceof z.ZodPipe) s = s.in;
  return s instanceof z.ZodObject ? (s.shape as Record<string, z.ZodType>) : undefined;
}

const WRONG_VALUES: unknown[] = [12345, 'text', true, [1], { a: 1 }];

function wrongValueFor(schema: z.ZodType, current: unknown): unknown {
  return WRONG_VALUES.find((v) => typeof v !== typeof current && !schema.safeParse(v).success);
}

function casesFor(route: RouteDef): Case[] {
  const fx: Fixture = FIXTURES[route.id] ?? {};
  const cases: Case[] = [];
  const vicidial = route.errorShape === 'vicidial';
  // Credentials.
  if (route.auth === 'system' || route.auth === 'user') {
    cases.push({ name: 'no system key', creds: 'none-key', status: 401, code: 'MISSING_SYSTEM_KEY' });
    cases.push({ name: 'unknown system key', creds: 'bad-key', status: 401, code: 'INVALID_SYSTEM_KEY' });
    cases.push({ name: 'malformed Authorization', creds: 'malformed-key', status: 401, code: 'INVALID_SYSTEM_KEY' });
  }
  if (route.auth === 'user') {
    cases.push({ name: 'no tokenKey', creds: 'no-token', status: 401, code: 'MISSING_TOKEN' });
    cases.push({ name: 'unknown tokenKey', creds: 'bad-token', status: 401, code: 'INVALID_TOKEN' });
    cases.push({ name: 'expired tokenKey', creds: 'expired', status: 401, code: 'TOKEN_EXPIRED' });
  }
  if (route.auth === 'control') {
    cases.push({ name: 'unknown system key', creds: 'bad-key', status: 401, code: 'INVALID_SYSTEM_KEY' });
  }
  if (route.auth === 'admin' || (route.auth === 'control' && route.path !== '/health')) {
    cases.push({ name: 'no admin key', creds: 'no-admin', status: 401, code: 'MISSING_SYSTEM_KEY' });
    cases.push({ name: 'wrong admin key', creds: 'bad-admin', status: 401, code: 'INVALID_SYSTEM_KEY' });
  }
  // Path parameters.
  for (const [name, schema] of Object.entries(route.params?.shape ?? {})) {
    // Past 2^53 − 1, the largest id a JSON body can name exactly: refused, as a body id would be.
    for (const bad of ['abc', '1.5', '0', '-1', '%20', '9007199254740992', '9'.repeat(30)]) {
      if ((schema as z.ZodType).safeParse(decodeURIComponent(bad)).success) continue;
      cases.push({
        name: `path ${name}=${bad}`,
        params: { ...fx.params, [name]: bad },
        status: 400,
        code: 'VALIDATION_FAILED',
        field: name,
      });
    }
    const unknown =
      name === 'user_id' ? { status: 403, code: 'FORBIDDEN_USER' } : { status: 404, code: 'NOT_FOUND', field: name };
    cases.push({
      name: `path ${name} unknown`,
      params: { ...fx.params, [name]: UNKNOWN_PARAM[name] ?? '999999' },
      ...unknown,
    });
    // The largest id a body may name is looked up like any other: unknown, not malformed.
    if (UNKNOWN_PARAM[name] === '999999')
      cases.push({ name: `path ${name} largest id`, params: { ...fx.params, [name]: '9007199254740991' }, ...unknown });
  }
  // Query parameters.
  for (const [name, schema] of Object.entries(route.query?.shape ?? {})) {
    for (const bad of ['abc', '-5', '0', '1.5', 'x'.repeat(600)]) {
      if ((schema as z.ZodType).safeParse(bad).success) continue;
      cases.push({
        name: `query ${name}=${bad.slice(0, 8)}`,
        query: { ...fx.query, [name]: bad },
        status: 400,
        code: 'VALIDATION_FAILED',
        field: name,
      });
      break;
    }
  }
  // Body.
  const shape = objectShape(route.body);
  if (route.body) {
    const base = fx.body as Record<string, unknown>;
    const bodyErr = vicidial ? { status: 400 } : { status: 400, code: 'VALIDATION_FAILED', field: 'body' };
    cases.push({ name: 'body not JSON', raw: '{"oops": ', ...bodyErr });
    cases.push({ name: 'empty body', raw: '', ...bodyErr });
    cases.push({ name: 'body a JSON array', body: [base], ...bodyErr });
    cases.push({ name: 'body a JSON string', body: 'text', ...bodyErr });
    // A browser page's "simple" request (no preflight) sends these types: never read as JSON.
    const media = { status: 415, code: vicidial ? undefined : 'UNSUPPORTED_MEDIA_TYPE' };
    for (const contentType of ['text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data'])
      cases.push({ name: `body sent as ${contentType}`, body: base, contentType, ...media });
    const limit = route.id.startsWith('bulkUpload') ? 16 * 1024 * 1024 : 1024 * 1024;
    cases.push({
      name: 'body over the size limit',
      raw: `{"x":"${'a'.repeat(limit)}"}`,
      status: 413,
      code: vicidial ? undefined : 'PAYLOAD_TOO_LARGE',
    });
    for (const [name, schema] of Object.entries(shape ?? {})) {
      if (!schema.safeParse(undefined).success) {
        const { [name]: _, ...rest } = base;
        cases.push({
          name: `body without ${name}`,
          body: rest,
          status: 400,
          code: vicidial ? undefined : 'VALIDATION_FAILED',
          field: name,
        });
      }
      const wrong = wrongValueFor(schema, base[name]);
      if (wrong !== undefined) {
        cases.push({
          name: `body ${name} of the wrong type (${JSON.stringify(wrong)})`,
          body: { ...base, [name]: wrong },
          status: 400,
          code: vicidial ? undefined : 'VALIDATION_FAILED',
          field: name,
        });
      }
    }
  }
  if (!route.body && route.method !== 'GET') {
    // Inferred: a route that takes no body (hold, hangup, a DELETE…) ignores one, but one declared JSON must be JSON.
    cases.push({
      name: 'a body not JSON, though the route takes none',
      raw: '{"oops": ',
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'body',
    });
    cases.push({
      name: 'a body over the size limit, though the route takes none',
      raw: `{"x":"${'a'.repeat(1024 * 1024)}"}`,
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
    });
  }
  return cases;
}

let mock: MockOmni;
let root: OmniTestClient;
let sys: OmniTestClient;
let token: string;
let expired: { key: string; token: string };

beforeAll(async () => {
  ({ mock, client: root } = await startMock({ adminKey: ADMIN }));
  sys = await freshSystem();
  token = await sys.login('agent1');
  const old = await freshSystem();
  expired = { key: old.key, token: await old.login('agent1') };
  await old.advance(8 * 3600_000);
});
afterAll(() => mock.close());

async function freshSystem(): Promise<OmniTestClient> {
  const res = await root.request('POST', '/__mock/systems', { admin: ADMIN, body: { clock: 'manual' } });
  const c = root.withKey(res.body.system_key as string);
  await c.request('PUT', '/__mock/office-hours', { body: { time_zone: 'UTC', windows: [] } });
  return c;
}

async function send(route: RouteDef, c: Case, client: OmniTestClient, tok: string) {
  const fx = FIXTURES[route.id] ?? {};
  let path = c.path ?? fillPath(route, c.params ?? fx.params ?? {});
  const query = new URLSearchParams(c.query ?? fx.query ?? {}).toString();
  if (query) path += `?${query}`;
  const headers: Record<string, string> = {};
  let key: string | null = client.key;
  let t: string | undefined = route.auth === 'user' ? tok : undefined;
  let admin: string | null = route.auth === 'admin' || route.auth === 'control' ? ADMIN : null;
  switch (c.creds) {
    case 'none-key':
      key = null;
      break;
    case 'bad-key':
      key = 'no-such-system';
      break;
    case 'malformed-key':
      key = null;
      headers.Authorization = `Bearer ${client.key}`;
      break;
    case 'no-token':
      t = undefined;
      break;
    case 'bad-token':
      t = 'not-a-real-token';
      break;
    case 'expired':
      key = expired.key;
      t = expired.token;
      break;
    case 'no-admin':
      admin = null;
      break;
    case 'bad-admin':
      admin = 'wrong-admin-key';
      break;
  }
  const body =
    c.raw !== undefined ? { raw: c.raw } : 'body' in c ? { body: c.body } : route.body ? { body: fx.body } : {};
  return client.request(route.method, path, {
    key,
    ...(t ? { token: t } : {}),
    admin,
    headers: { ...headers, ...(c.contentType ? { 'Content-Type': c.contentType } : {}) },
    ...body,
  });
}

/** Things a fixture needs in its system before it can answer 200; returns path parameters it made. */
async function prepare(route: RouteDef, c: OmniTestClient): Promise<Record<string, string>> {
  if (route.id === 'deleteSystem') {
    await root.request('POST', '/__mock/systems', { admin: ADMIN, body: { system_key: 'matrix-victim' } });
  }
  if (route.id === 'removeDnc') await c.request('POST', '/__mock/dnc', { body: { phone_numbers: ['0215550999'] } });
  if (route.id === 'deleteFault')
    await c.request('POST', '/__mock/faults', { body: { route_id: 'listUsers', latency_ms: 0 } });
  return prepareTelephony(route.id, c);
}

describe.each(served.map((r) => [r.id, r] as const))('%s', (_, route) => {
  it('its fixture answers 200 with a body its contract accepts', async () => {
    const c = await freshSystem();
    const made = await prepare(route, c);
    const params = { ...(FIXTURES[route.id]?.params ?? {}), ...made };
    const res = await send(route, { name: 'fixture', status: 200, params }, c, await c.login('agent1'));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const spec = route.responses[200];
    if (spec && isBinaryResponse(spec)) {
      expect(res.headers.get('content-type')).toBe(spec.contentType);
      return;
    }
    const schema = spec as z.ZodType;
    expect(schema.safeParse(res.body).success).toBe(true);
  });

  const cases = casesFor(route);
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const res = await send(route, c, sys, token);
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(c.status);
    if (route.errorShape === 'vicidial') {
      expect(res.body.http_code).toBe(c.status);
      expect(typeof res.body.message).toBe('string');
      // A.7: every cause of a 401 is the one documented message.
      if (c.status === 401) expect(res.body).toEqual({ message: 'unable to validate api user', http_code: 401 });
      if (c.status === 400) {
        expect(VICIDIAL_INVALID_MESSAGES).toContain(res.body.message);
        expect(res.body.lead_errors).toBe(res.body.lead_ids.length);
        if (c.field) expect(res.body.message).toContain(c.field);
      }
      return;
    }
    expect(res.body.success).toBe(false);
    expect(res.body.error_code).toBe(c.code);
    if (c.field) {
      const fields = (res.body.errors as { field: string }[]).map((e) => e.field);
      expect(
        fields.some((f) => f === c.field || f.startsWith(`${c.field}.`)),
        `errors: ${JSON.stringify(res.body.errors)}`,
      ).toBe(true);
    }
  });
});

describe('routes the mock does not serve', () => {
  it.each([
    ['GET', '/omni/nothing-here'],
    ['DELETE', '/omni/users'],
    ['POST', '/vicidialx/leads/archive'],
    ['GET', '/__mock/nope'],
  ])('%s %s answers 404 ROUTE_NOT_FOUND in the Omni shape', async (method, path) => {
    const res = await sys.request(method, path, { token });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ success: false, detail: expect.stringContaining(path), error_code: 'ROUTE_NOT_FOUND' });
  });

  // A.7: unknown paths under /vicidial/ answer 404 in the archive service's shape (message inferred).
  it.each([
    ['POST', '/vicidial/leads/unknown'],
    ['GET', '/vicidial/leads/archive'],
    ['POST', '/vicidial/leads/archive//'],
    ['POST', '/vicidial/lead/archive/extra'],
  ])('%s %s answers 404 in the vicidial shape', async (method, path) => {
    const body = method === 'POST' ? { body: { insert_leads: false, delete_leads: false, lead_ids: [1] } } : {};
    const res = await sys.request(method, path, body);
    expect([res.status, res.body]).toEqual([404, { message: 'api endpoint not found', http_code: 404 }]);
  });

  it('routes without a handler answer 404 ROUTE_NOT_FOUND', async () => {
    const { unmounted } = servedOmniRoutes();
    for (const id of unmounted) {
      const route = routes[id] as RouteDef;
      const path = route.path.replace(/\{[a-z_]+\}/g, (m) => (m === '{file}' ? '1_20260105080000.wav' : '1'));
      const res = await sys.request(route.method, path, { token, ...(route.body ? { body: {} } : {}) });
      expect([id, res.status, res.body.error_code]).toEqual([id, 404, 'ROUTE_NOT_FOUND']);
    }
  });
});
