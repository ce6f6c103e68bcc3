/**
 * The read caches behind the hot routes (tokens, `GET /omni/users`, `GET /omni/campaign/{id}`, `GET /omni/lists`)
 * through the API: every test reads first (filling the cache), then writes, then reads again and must see the write —
 * in its own system only — and a reset or a deleted system must leave nothing of the old data behind.
 *
 * @module
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockOmni } from '../../src/index.js';
import { type OmniTestClient, startMock } from '../support/omni-client.js';
import { freshSystem } from '../support/telephony.js';

let mock: MockOmni;
let root: OmniTestClient;
beforeAll(async () => {
  ({ mock, client: root } = await startMock());
});
afterAll(() => mock.close());

const newUser = (name: string, extension: string) => ({
  body: { user_name: name, password: 'pw', extension, webrtc_password: 'w' },
});

describe('token cache', () => {
  it('a token used before a reset is refused after it (INVALID_TOKEN); a new one works', async () => {
    const c = await freshSystem(root);
    const token = await c.login('agent1');
    expect((await c.request('GET', '/omni/users', { token })).status).toBe(200);
    expect((await c.request('POST', '/__mock/system/reset', { body: {} })).status).toBe(200);
    const after = await c.request('GET', '/omni/users', { token });
    expect([after.status, after.body.error_code]).toEqual([401, 'INVALID_TOKEN']);
    const fresh = await c.login('agent1');
    expect((await c.request('GET', '/omni/users', { token: fresh })).status).toBe(200);
  });

  it("a token used in its system is refused in another one, and after its system's deletion", async () => {
    const a = await freshSystem(root);
    const b = await freshSystem(root);
    const token = await a.login('agent2');
    expect((await a.request('GET', '/omni/campaign/1', { token })).status).toBe(200);
    const elsewhere = await b.request('GET', '/omni/campaign/1', { token });
    expect([elsewhere.status, elsewhere.body.error_code]).toEqual([401, 'INVALID_TOKEN']);
    expect((await root.request('DELETE', `/__mock/systems/${a.key}`)).status).toBe(200);
    // Systems created after the deletion (one may take the deleted system's id) do not know it.
    for (let i = 0; i < 2; i++) {
      const next = await freshSystem(root);
      const refused = await next.request('GET', '/omni/users', { token });
      expect([refused.status, refused.body.error_code]).toEqual([401, 'INVALID_TOKEN']);
    }
  });

  it('a cached token still expires on its manual clock', async () => {
    const c = await freshSystem(root);
    const token = await c.login('agent3');
    expect((await c.request('GET', '/omni/users', { token })).status).toBe(200);
    await c.advance(8 * 3600_000);
    const expired = await c.request('GET', '/omni/users', { token });
    expect([expired.status, expired.body.error_code]).toEqual([401, 'TOKEN_EXPIRED']);
  });
});

describe('GET /omni/users', () => {
  it('shows a user created after it was read, in that system only; a reset drops the user', async () => {
    const a = await freshSystem(root);
    const b = await freshSystem(root);
    const ta = await a.login('agent1');
    const tb = await b.login('agent1');
    const names = async (c: OmniTestClient, token: string) =>
      ((await c.request('GET', '/omni/users', { token })).body.users as { user_name: string }[]).map(
        (u) => u.user_name,
      );
    expect(await names(a, ta)).toHaveLength(5);
    expect(await names(b, tb)).toHaveLength(5);
    expect((await a.request('POST', '/__mock/users', newUser('supervisor', '2001'))).status).toBe(200);
    expect(await names(a, ta)).toContain('supervisor');
    expect(await names(b, tb)).not.toContain('supervisor');
    await a.request('POST', '/__mock/system/reset', { body: {} });
    const again = await a.login('agent1');
    expect(await names(a, again)).toEqual(['agent1', 'agent2', 'agent3', 'agent4', 'agent5']);
  });
});

describe('GET /omni/campaign/{id}', () => {
  it('shows an update and a new campaign after they were read, in that system only; a reset restores the demo', async () => {
    const a = await freshSystem(root);
    const b = await freshSystem(root);
    const ta = await a.login('agent1');
    const tb = await b.login('agent1');
    const demo = (await a.request('GET', '/omni/campaign/2', { token: ta })).body;
    expect((await b.request('GET', '/omni/campaign/2', { token: tb })).body).toEqual(demo);
    expect((await a.request('GET', '/omni/campaign/6', { token: ta })).status).toBe(404);

    const put = await a.request('PUT', '/omni/campaign/2', {
      token: ta,
      body: { campaign_name: 'Renamed', max_lines: 4 },
    });
    expect(put.status).toBe(200);
    const updated = (await a.request('GET', '/omni/campaign/2', { token: ta })).body;
    expect(updated).toMatchObject({ campaign_name: 'Renamed', max_lines: 4 });
    expect((await b.request('GET', '/omni/campaign/2', { token: tb })).body).toEqual(demo);

    const created = await a.request('POST', '/omni/campaign', {
      token: ta,
      body: { campaign_name: 'New', campaign_type: 3 },
    });
    expect(created.body.campaign_id).toBe(6);
    expect((await a.request('GET', '/omni/campaign/6', { token: ta })).body.campaign_name).toBe('New');
    expect((await b.request('GET', '/omni/campaign/6', { token: tb })).status).toBe(404);

    await a.request('POST', '/__mock/system/reset', { body: {} });
    const again = await a.login('agent1');
    expect((await a.request('GET', '/omni/campaign/2', { token: again })).body).toEqual(demo);
    expect((await a.request('GET', '/omni/campaign/6', { token: again })).status).toBe(404);
  });
});

describe('GET /omni/lists', () => {
  it('shows a list created after it was read; a reset drops it', async () => {
    const c = await freshSystem(root);
    const token = await c.login('agent1');
    const count = async (t: string) => ((await c.request('GET', '/omni/lists', { token: t })).body.lists as []).length;
    const before = await count(token);
    const created = await c.request('POST', '/omni/list', { token, body: { list_name: 'Extra', campaign_id: 1 } });
    expect(created.status).toBe(200);
    expect(await count(token)).toBe(before + 1);
    await c.request('POST', '/__mock/system/reset', { body: {} });
    expect(await count(await c.login('agent1'))).toBe(before);
  });
});
