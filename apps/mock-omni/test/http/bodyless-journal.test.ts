/**
 * The request journal shows what a client sent, a body on a route that takes none included (logout, hold, hangup,
 * DELETE…): the route ignores it, but a user reading `GET /__mock/journal` sees that their client sends a stray body.
 * The journal's rules for bodies hold for it too: secrets read `***`, and one over 64 KiB is kept as its size. A
 * request without a body still shows none. Over real HTTP.
 *
 * @module
 */

import { encodePassword } from '@omnikit/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockOmni, type MockOmni } from '../../src/index.js';

const KEY = 'Key=omni-demo-key';
let mock: MockOmni;
let url: string;
let token: string;

beforeAll(async () => {
  mock = await createMockOmni({ clock: 'manual', logger: { info: () => {}, error: () => {} } });
  ({ url } = await mock.listen({ host: '127.0.0.1', port: 0 }));
  const auth = await fetch(`${url}/omni/user/authorize`, {
    method: 'POST',
    headers: { Authorization: KEY, 'Content-Type': 'application/json' },
    body: JSON.stringify({ user_name: 'agent1', password: encodePassword('password1') }),
  });
  token = ((await auth.json()) as { token_key: string }).token_key;
});
afterAll(() => mock.close());

/** `POST /omni/users/1/logout` (a route that takes no body) with `body` as sent, if any; its journal entry. */
async function logoutJournalled(body?: { text: string; type?: string }): Promise<Record<string, unknown>> {
  const res = await fetch(`${url}/omni/users/1/logout`, {
    method: 'POST',
    headers: {
      Authorization: KEY,
      tokenKey: token,
      ...(body ? { 'Content-Type': body.type ?? 'application/json' } : {}),
    },
    ...(body ? { body: body.text } : {}),
  });
  expect(res.status).toBe(200);
  await res.arrayBuffer();
  const journal = await fetch(`${url}/__mock/journal?route_id=logout&limit=1`, { headers: { Authorization: KEY } });
  expect(journal.status).toBe(200);
  const { entries } = (await journal.json()) as { entries: Record<string, unknown>[] };
  expect(entries).toHaveLength(1);
  expect(entries[0]).toMatchObject({ method: 'POST', path: '/omni/users/1/logout', route_id: 'logout', status: 200 });
  return entries[0] as Record<string, unknown>;
}

describe('the journal of a route that takes no body', () => {
  it('shows a JSON body the route ignored, as sent', async () => {
    const sent = { reason: 'end of shift', nested: { ids: [1, 2, 3] } };
    const entry = await logoutJournalled({ text: JSON.stringify(sent) });
    expect(entry.request_body).toEqual(sent);
  });

  it('shows no body when none was sent, nor for an empty body declared JSON', async () => {
    expect((await logoutJournalled()).request_body).toBeNull();
    expect((await logoutJournalled({ text: '' })).request_body).toBeNull();
  });

  it('masks secrets in it and keeps one over 64 KiB as its size, as for any body', async () => {
    const secret = await logoutJournalled({ text: JSON.stringify({ password: 'cGFzc3dvcmQx', note: 'kept' }) });
    expect(secret.request_body).toEqual({ password: '***', note: 'kept' });

    const large = JSON.stringify({ pad: 'x'.repeat(70 * 1024) });
    const big = await logoutJournalled({ text: large });
    expect(big.request_body).toEqual({ truncated: true, bytes: Buffer.byteLength(large) });
  });
});
