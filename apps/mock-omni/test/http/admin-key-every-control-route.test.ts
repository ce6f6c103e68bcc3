/**
 * `--admin-key` guards every control route but `/health`: generated from the control contract, each route is sent the
 * request that works (its fixture, in a system prepared for it) without the admin key and with a wrong one. Both are
 * 401 in the error shape, and nothing the control API can show changed — the system's state, its clock, its journal,
 * the systems themselves.
 *
 * @module
 */

import type { RouteDef } from '@omnikit/contracts';
import { type ControlRouteId, controlRoutes } from '@omnikit/contracts/control';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servedControlRoutes } from '../../src/http/create-app.js';
import type { MockOmni } from '../../src/index.js';
import { prepareTelephony } from '../support/call-fixtures.js';
import { type OmniTestClient, startMock } from '../support/omni-client.js';
import { FIXTURES, fillPath } from '../support/route-fixtures.js';

const ADMIN = 'every-route-admin-key';
const ids = Object.keys(controlRoutes) as ControlRouteId[];
const guarded = ids.filter((id) => controlRoutes[id].path !== '/health');

let mock: MockOmni;
let root: OmniTestClient;
beforeAll(async () => {
  ({ mock, client: root } = await startMock({ adminKey: ADMIN }));
});
afterAll(() => mock.close());

/** Every parameterless GET of the control API, read with the admin key. */
async function snapshot(c: OmniTestClient): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const id of ids) {
    const route = controlRoutes[id] as RouteDef;
    if (route.method !== 'GET' || route.path.includes('{')) continue;
    const res = await c.request('GET', route.path);
    out[route.path] = [res.status, res.body];
  }
  return out;
}

describe('the admin key guards every control route but /health', () => {
  it('every control route of the contract is served (none escapes this test)', () => {
    expect(servedControlRoutes().unmounted).toEqual([]);
    expect(guarded.length).toBe(ids.length - 1);
  });

  it.each(guarded)('%s is refused without it and with a wrong one, and the refusal changes nothing', async (id) => {
    const route = controlRoutes[id] as RouteDef;
    const made = await root.request('POST', '/__mock/systems', { body: { clock: 'manual' } });
    expect(made.status).toBe(200);
    const c = root.withKey(made.body.system_key as string);
    if (id === 'deleteSystem') await root.request('POST', '/__mock/systems', { body: { system_key: 'matrix-victim' } });
    if (id === 'removeDnc') await c.request('POST', '/__mock/dnc', { body: { phone_numbers: ['0215550999'] } });
    if (id === 'deleteFault') await c.request('POST', '/__mock/faults', { body: { route_id: 'listUsers' } });
    const params = { ...(FIXTURES[id]?.params ?? {}), ...(await prepareTelephony(id, c)) };
    const query = new URLSearchParams(FIXTURES[id]?.query ?? {}).toString();
    const path = `${fillPath(route, params)}${query ? `?${query}` : ''}`;
    const body = route.body ? { body: FIXTURES[id]?.body ?? {} } : {};

    const before = await snapshot(c);
    const none = await c.request(route.method, path, { admin: null, ...body });
    expect([none.status, none.body.success, none.body.error_code]).toEqual([401, false, 'MISSING_SYSTEM_KEY']);
    expect(none.body.detail).toContain('X-Mock-Admin-Key');
    const wrong = await c.request(route.method, path, { admin: 'not-the-admin-key', ...body });
    expect([wrong.status, wrong.body.error_code]).toEqual([401, 'INVALID_SYSTEM_KEY']);
    expect(await snapshot(c)).toEqual(before);
  });

  it('/health stays open', async () => {
    const res = await root.request('GET', '/health', { admin: null, key: null });
    expect([res.status, res.body.status]).toEqual([200, 'ok']);
  });
});
