/**
 * The Omni routes that take no body but are no GET (hold, retrieve, hangup, connect, logout, a shotgun's cancel,
 * preview next, the DELETEs, and messaging's leave and read): a body declared JSON must still be JSON (inferred, B.2:
 * bad input is a clear 4xx), and the refused request changes nothing. What a client sends them today keeps working:
 * no body, an empty body or `{}` declared JSON, an object with fields the route does not take, another content type.
 * The bad-input matrix checks the same refusals on every route, the control API's included.
 *
 * @module
 */

import { type RouteDef, routes } from '@omnikit/contracts';
import { messagingRoutes } from '@omnikit/contracts/messaging';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servedOmniRoutes } from '../../src/http/create-app.js';
import type { MockOmni } from '../../src/index.js';
import { prepareTelephony } from '../support/call-fixtures.js';
import { type OmniTestClient, type RequestOptions, startMock } from '../support/omni-client.js';
import { FIXTURES, fillPath } from '../support/route-fixtures.js';
import { agentOf, freshSystem } from '../support/telephony.js';

let mock: MockOmni;
let root: OmniTestClient;
beforeAll(async () => {
  ({ mock, client: root } = await startMock());
});
afterAll(() => mock.close());

const bodyless = servedOmniRoutes()
  .served.map((id) => routes[id] as RouteDef)
  .filter((r) => r.body === undefined && r.method !== 'GET');

/** Sends `route`'s fixture request to a system prepared for it, with the body `opts` gives. */
async function sendFixture(c: OmniTestClient, route: RouteDef, params: Record<string, string>, opts: RequestOptions) {
  const token = await c.login('agent1');
  return c.request(route.method, fillPath(route, params), { token, ...opts });
}

async function prepared(route: RouteDef): Promise<{ c: OmniTestClient; params: Record<string, string> }> {
  const c = await freshSystem(root);
  const made = await prepareTelephony(route.id, c);
  return { c, params: { ...(FIXTURES[route.id]?.params ?? {}), ...made } };
}

const JSON_TYPE = { 'Content-Type': 'application/json' };

describe('the Omni routes that take no body', () => {
  it('are the commands and DELETEs the contracts list without a body', () => {
    expect(bodyless.map((r) => r.id).sort()).toEqual(
      [
        'cancelShotgun',
        'connectCall',
        'deleteLead',
        'deleteNotificationEndpoint',
        'hangupCall',
        'holdCall',
        'logout',
        'previewNext',
        'retrieveCall',
      ].sort(),
    );
  });

  describe.each(bodyless.map((r) => [r.id, r] as const))('%s', (_, route) => {
    it.each<[string, RequestOptions]>([
      ['no body, no Content-Type', {}],
      ['an empty body declared JSON', { raw: '', headers: JSON_TYPE }],
      ['{} declared JSON', { raw: '{}', headers: JSON_TYPE }],
      ['an object of fields it does not take', { body: { action: 'start', note: 'ignored' } }],
      ['a body of another type', { raw: '{not json', headers: { 'Content-Type': 'text/plain' } }],
    ])('still answers 200 to %s', async (_, opts) => {
      const { c, params } = await prepared(route);
      const res = await sendFixture(c, route, params, opts);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    });

    it('refuses a body declared JSON that is not JSON: 400 VALIDATION_FAILED on body, and nothing changes', async () => {
      const { c, params } = await prepared(route);
      const res = await sendFixture(c, route, params, { raw: '{"oops": ', headers: JSON_TYPE });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ success: false, error_code: 'VALIDATION_FAILED' });
      expect(res.body.detail).toMatch(/^the body is not valid JSON/);
      expect(res.body.errors[0].field).toBe('body');
      // The command did not run: the same request without the body still can.
      expect((await sendFixture(c, route, params, {})).status).toBe(200);
    });
  });
});

describe('messaging’s routes that take no body', () => {
  const messagingBodyless = Object.values(messagingRoutes as Record<string, RouteDef>).filter(
    (r) => r.body === undefined && r.method !== 'GET',
  );

  it.each(messagingBodyless.map((r) => [r.id, r] as const))(
    '%s refuses a body declared JSON that is not JSON',
    async (_, route) => {
      const c = await freshSystem(root);
      const a = await agentOf(c, 1, { login: false });
      const path = fillPath(route, { user_id: '1', conversation_id: '1' });
      const res = await c.request(route.method, path, { token: a.token, raw: '[1, 2', headers: JSON_TYPE });
      expect([res.status, res.body.error_code, res.body.errors?.[0]?.field]).toEqual([
        400,
        'VALIDATION_FAILED',
        'body',
      ]);
    },
  );
});
