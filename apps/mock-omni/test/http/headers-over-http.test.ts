/**
 * The headers a route reads (system key, tokenKey, admin key, Content-Length) come from node's raw header list on a
 * real server (http/request-header.ts), not from the path the in-process test client takes. Their bad inputs over
 * loopback HTTP: each answers its 4xx in the error shape.
 *
 * @module
 */

import { encodePassword, errorBody } from '@omnikit/contracts';
import { ADMIN_KEY_HEADER } from '@omnikit/contracts/control';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Listening, MockOmni } from '../../src/index.js';
import { startMock } from '../support/omni-client.js';

const ADMIN = 'admin-secret';
let mock: MockOmni;
let server: Listening;
let token = '';

beforeAll(async () => {
  ({ mock } = await startMock({ adminKey: ADMIN }));
  server = await mock.listen({ port: 0, host: '127.0.0.1' });
  const res = await fetch(`${server.url}/omni/user/authorize`, {
    method: 'POST',
    headers: { Authorization: `Key=${mock.defaultSystemKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ user_name: 'agent1', password: encodePassword('password1') }),
  });
  token = ((await res.json()) as { token_key: string }).token_key;
});

afterAll(async () => {
  await server?.close();
  await mock?.close();
});

async function send(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${server.url}${path}`, { method, headers, body });
  return { status: res.status, body: await res.json() };
}

function expectError(res: { status: number; body: unknown }, status: number, code: string): void {
  expect(res.status).toBe(status);
  const parsed = errorBody.parse(res.body);
  expect(parsed.error_code).toBe(code);
}

describe('headers read over loopback HTTP', () => {
  it('answers with a good system key and tokenKey, whatever the case of their names', async () => {
    const res = await send('GET', '/omni/users', { authorization: `Key=${mock.defaultSystemKey}`, TOKENKEY: token });
    expect(res.status).toBe(200);
    expect((res.body as { users: unknown[] }).users).toHaveLength(5);
  });

  it('a missing, empty or unknown tokenKey is 401 MISSING_TOKEN / INVALID_TOKEN', async () => {
    const key = { Authorization: `Key=${mock.defaultSystemKey}` };
    expectError(await send('GET', '/omni/users', key), 401, 'MISSING_TOKEN');
    expectError(await send('GET', '/omni/users', { ...key, tokenKey: '' }), 401, 'MISSING_TOKEN');
    expectError(await send('GET', '/omni/users', { ...key, tokenKey: `${token}x` }), 401, 'INVALID_TOKEN');
  });

  it('a missing, malformed or unknown system key is 401 MISSING_SYSTEM_KEY / INVALID_SYSTEM_KEY', async () => {
    expectError(await send('GET', '/omni/users', { tokenKey: token }), 401, 'MISSING_SYSTEM_KEY');
    expectError(
      await send('GET', '/omni/users', { Authorization: 'Bearer x', tokenKey: token }),
      401,
      'INVALID_SYSTEM_KEY',
    );
    expectError(
      await send('GET', '/omni/users', { Authorization: 'Key=not-a-system', tokenKey: token }),
      401,
      'INVALID_SYSTEM_KEY',
    );
  });

  it('creating a system without the admin key, or with a wrong one, is refused and creates nothing', async () => {
    const listBefore = await send('GET', '/__mock/systems', { [ADMIN_KEY_HEADER]: ADMIN });
    expect(listBefore.status).toBe(200);
    const json = { 'Content-Type': 'application/json' };
    expectError(await send('POST', '/__mock/systems', json, '{}'), 401, 'MISSING_SYSTEM_KEY');
    expectError(
      await send('POST', '/__mock/systems', { ...json, [ADMIN_KEY_HEADER]: `${ADMIN}-wrong` }, '{}'),
      401,
      'INVALID_SYSTEM_KEY',
    );
    expect(await send('GET', '/__mock/systems', { [ADMIN_KEY_HEADER.toLowerCase()]: ADMIN })).toEqual(listBefore);
  });

  it('a body over the limit is 413 PAYLOAD_TOO_LARGE, and no lead is added', async () => {
    const headers = {
      Authorization: `Key=${mock.defaultSystemKey}`,
      tokenKey: token,
      'Content-Type': 'application/json',
    };
    const before = await send('GET', '/omni/list/1', headers);
    const big = JSON.stringify({
      list_id: 1,
      first_name: 'x'.repeat(1024 * 1024),
      phone_numbers: [{ phone_number: '0215550123', phone_type_id: 1 }],
    });
    expectError(await send('POST', '/omni/lead', headers, big), 413, 'PAYLOAD_TOO_LARGE');
    expect(await send('GET', '/omni/list/1', headers)).toEqual(before);
  });
});
