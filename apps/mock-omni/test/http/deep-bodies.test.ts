/**
 * Deeply nested JSON, generated over every route the mock serves (the contracts' route lists): a body nested past
 * `MAX_JSON_DEPTH` is refused with 400 `VALIDATION_FAILED` (field `body`) in the route's error shape before anything
 * walks it, a body at the limit is not refused for its depth, and the request journal still answers afterwards. 5,000
 * levels overflowed the stack in the archive service's 400 echo and, once journaled, in every `GET /__mock/journal`.
 *
 * @module
 */

import { errorBody, MAX_JSON_DEPTH, type RouteDef, routes, vicidialValidationErrorBody } from '@omnikit/contracts';
import { controlRoutes, journalView } from '@omnikit/contracts/control';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servedControlRoutes, servedOmniRoutes } from '../../src/http/create-app.js';
import type { MockOmni } from '../../src/index.js';
import { type OmniTestClient, startMock } from '../support/omni-client.js';
import { FIXTURES, fillPath } from '../support/route-fixtures.js';

const served: RouteDef[] = [
  ...servedOmniRoutes().served.map((id) => routes[id] as RouteDef),
  ...servedControlRoutes().served.map((id) => controlRoutes[id] as RouteDef),
];
const withBody = served.filter((r) => r.body);

/** `{"<field>": [[[…]]]}` with `levels` arrays and objects in all. */
function nested(levels: number, field = 'x'): string {
  const inner = levels - 1;
  return `{"${field}":${'['.repeat(inner)}${']'.repeat(inner)}}`;
}

/** The first field of the route's valid fixture body: where a client would put a deep value. */
function fieldOf(route: RouteDef): string {
  const body = FIXTURES[route.id]?.body;
  return body && typeof body === 'object' && !Array.isArray(body) ? (Object.keys(body)[0] ?? 'x') : 'x';
}

let mock: MockOmni;
let root: OmniTestClient;
let client: OmniTestClient;
let token: string;
beforeAll(async () => {
  ({ mock, client: root } = await startMock());
  const created = await root.request('POST', '/__mock/systems', { body: { clock: 'manual' } });
  client = root.withKey(created.body.system_key as string);
  token = await client.login();
});
afterAll(() => mock.close());

async function send(route: RouteDef, raw: string) {
  const fx = FIXTURES[route.id] ?? {};
  const query = new URLSearchParams(fx.query ?? {}).toString();
  const path = `${fillPath(route, fx.params ?? {})}${query ? `?${query}` : ''}`;
  return client.request(route.method, path, { token, raw });
}

function expectDepthRefusal(route: RouteDef, res: { status: number; body: unknown }): void {
  expect(res.status, `${route.id}: ${JSON.stringify(res.body).slice(0, 200)}`).toBe(400);
  if (route.errorShape === 'vicidial') {
    const body = vicidialValidationErrorBody.parse(res.body);
    // The service's 400 carries only A.7's messages: a body it cannot read (as PHP's json_decode
    // past its depth gives no value) breaks the first rule, with nothing echoed.
    expect(body).toEqual({
      message: 'insert_leads must be a boolean value',
      http_code: 400,
      lead_errors: 0,
      lead_ids: [],
    });
  } else {
    const body = errorBody.parse(res.body);
    expect(body.error_code).toBe('VALIDATION_FAILED');
    expect(body.errors).toEqual([
      { field: 'body', message: `nests deeper than ${MAX_JSON_DEPTH} levels (arrays and objects)` },
    ]);
  }
}

describe(`bodies nested deeper than ${MAX_JSON_DEPTH} levels, on every route with a body`, () => {
  it('covers every served route that takes a body, Omni and control alike', () => {
    expect(withBody.length).toBeGreaterThan(30);
    expect(withBody.some((r) => r.errorShape === 'vicidial')).toBe(true);
    expect(withBody.some((r) => r.path.startsWith('/__mock/'))).toBe(true);
  });

  it.each(withBody.map((r) => [r.id, r] as const))('%s: 5,000 levels → 400 in its error shape', async (_, route) => {
    expectDepthRefusal(route, await send(route, nested(5000, fieldOf(route))));
  });

  it.each(withBody.map((r) => [r.id, r] as const))(
    `%s: ${MAX_JSON_DEPTH + 1} levels → 400, ${MAX_JSON_DEPTH} are not refused for depth`,
    async (_, route) => {
      expectDepthRefusal(route, await send(route, nested(MAX_JSON_DEPTH + 1, fieldOf(route))));
      const atLimit = await send(route, nested(MAX_JSON_DEPTH, fieldOf(route)));
      expect(atLimit.status).toBeLessThan(500);
      expect(JSON.stringify(atLimit.body)).not.toMatch('levels');
    },
  );
});

describe('the journal after deep bodies', () => {
  it('the archive repro: 5,000 levels of [ in lead_ids → 400 with an empty echo; the journal answers 200', async () => {
    const body = `{"insert_leads":true,"update_leads":true,"delete_leads":true,"lead_ids":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const res = await client.request('POST', '/vicidial/leads/archive', { token, raw: body });
    expectDepthRefusal(routes.archiveLeads, res);
    const journal = await client.request('GET', '/__mock/journal?limit=1');
    expect(journal.status).toBe(200);
    expect(journal.body.entries[0]).toMatchObject({ route_id: 'archiveLeads', status: 400, request_body: null });
  });

  it('the same body sent to every route that can carry one, with a body in its contract or not, leaves GET /__mock/journal answering 200', async () => {
    // Emptying the journal would leave nothing to read back.
    for (const route of served.filter((r) => r.id !== 'clearJournal' && r.method !== 'GET')) {
      const res = await send(route, nested(5000, fieldOf(route)));
      expect(res.status, route.id).toBeLessThan(500);
    }
    const journal = await client.request('GET', '/__mock/journal?limit=1000');
    expect(journal.status).toBe(200);
    const view = journalView.parse(journal.body);
    expect(view.entries.length).toBeGreaterThan(20);
    expect(view.entries.every((e) => e.status < 500)).toBe(true);
  });
});
