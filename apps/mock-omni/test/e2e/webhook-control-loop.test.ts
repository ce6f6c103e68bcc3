/**
 * A tenant's webhook must never drive the mock's control API. The attack, over real loopback HTTP against a listening
 * mock: an agent of system 2 points its notification endpoint at `/__mock/system/reset` of the mock itself and makes a
 * notification happen; deliveries carry no system key, so the reset would act on the default system (system 1) and
 * wipe its tokens.
 *
 * @module
 */

import { encodePassword } from '@omnikit/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockOmni, type Listening, type MockOmni } from '../../src/index.js';

const silent = { info: () => {}, error: () => {} };
const JSON_TYPE = { 'content-type': 'application/json' };

let mock: MockOmni;
let server: Listening;
let base: string;

beforeAll(async () => {
  mock = await createMockOmni({ clock: 'manual', logger: silent });
  server = await mock.listen({ port: 0 });
  base = server.url;
});
afterAll(async () => {
  await server.close();
  await mock.close();
});

async function call(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? headers : { ...headers, ...JSON_TYPE },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function authorize(systemKey: string): Promise<Record<string, string>> {
  const key = { authorization: `Key=${systemKey}` };
  const auth = await call('POST', '/omni/user/authorize', key, {
    user_name: 'agent1',
    password: encodePassword('password1'),
  });
  expect(auth.status).toBe(200);
  return { ...key, tokenKey: auth.body.token_key as string };
}

describe("a tenant's webhook cannot drive the control API", () => {
  let system1: Record<string, string>;
  let system2: Record<string, string>;
  let key2: string;
  let campaignId: number;

  beforeAll(async () => {
    system1 = await authorize('omni-demo-key');
    const made = await call('POST', '/omni/campaign', system1, { campaign_name: 'Survives', campaign_type: 1 });
    campaignId = made.body.campaign_id as number;
    const created = await call('POST', '/__mock/systems', {}, { clock: 'manual' });
    key2 = created.body.system_key as string;
    system2 = await authorize(key2);
  });

  it('refuses (400, field url) an endpoint that resolves to its own address and port under /__mock', async () => {
    const { port } = server;
    const urls = [
      `${base}/__mock/system/reset`,
      `http://localhost:${port}/__mock/system/reset`,
      `http://LOCALHOST.:${port}//__MOCK/system/reset`,
      `http://0.0.0.0:${port}/__mock/systems`,
      `http://[::ffff:127.0.0.1]:${port}/%5F%5Fmock/system/reset`,
      `http://2130706433:${port}/__mock/clock/advance`,
    ];
    for (const url of urls) {
      const res = await call('POST', '/omni/notification/endpoint', system2, { url });
      expect([url, res.status, res.body.error_code]).toEqual([url, 400, 'VALIDATION_FAILED']);
      expect(res.body.errors).toEqual([{ field: 'url', message: expect.stringContaining('control API') }]);
    }
    expect((await call('GET', '/omni/notification/endpoint', system2)).body.url).toBeNull();
  });

  it('accepts the same address on another path or port, and another host', async () => {
    const otherPort = server.port === 65535 ? 65534 : server.port + 1;
    for (const url of [`${base}/hooks/omni`, `http://127.0.0.1:${otherPort}/__mock/system/reset`]) {
      const res = await call('POST', '/omni/notification/endpoint', system2, { url });
      expect([url, res.status]).toEqual([url, 200]);
    }
    await call('DELETE', '/omni/notification/endpoint', system2);
  });

  it('refuses a delivery that reaches the control API anyway (an alias the check missed): system 1 keeps its data and tokens', async () => {
    // As if a name had resolved elsewhere when the endpoint was set (DNS rebinding).
    const sys2 = mock.services.registry.get(key2);
    if (!sys2) throw new Error('system 2 is missing');
    mock.services.stores.tx.run(() => mock.services.endpoints.set(sys2, { url: `${base}/__mock/system/reset` }));
    const admin2 = { authorization: `Key=${key2}` };
    expect((await call('POST', '/__mock/phones/1001/register', admin2)).status).toBe(200);
    const login = await call('POST', '/omni/users/1/login', system2, { campaign_id: 1, extension: '1001' });
    expect(login.status).toBe(200);

    // The agent_state notification of that login is delivered (and refused) by the worker.
    let attempt: Record<string, unknown> | undefined;
    for (let i = 0; i < 100 && !attempt; i += 1) {
      const list = await call('GET', '/__mock/webhook/deliveries?type=agent_state', admin2);
      const deliveries = list.body.deliveries as { attempt_log: Record<string, unknown>[] }[];
      attempt = deliveries.flatMap((d) => d.attempt_log)[0];
      if (!attempt) await new Promise((r) => setTimeout(r, 50));
    }
    expect(attempt).toMatchObject({ status: 403, outcome: 'rejected' });
    expect(JSON.parse(attempt?.response_body as string)).toMatchObject({ error_code: 'FORBIDDEN_ORIGIN' });

    const users = await call('GET', '/omni/users', system1);
    expect(users.status).toBe(200);
    const campaign = await call('GET', `/omni/campaign/${campaignId}`, system1);
    expect([campaign.status, campaign.body.campaign_name]).toEqual([200, 'Survives']);
  });
});
