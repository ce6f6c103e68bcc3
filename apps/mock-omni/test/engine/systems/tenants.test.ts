import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockOmni } from '../../../src/index.js';
import { type OmniTestClient, startMock } from '../../support/omni-client.js';

let mock: MockOmni;
let client: OmniTestClient;
beforeAll(async () => {
  ({ mock, client } = await startMock({ adminKey: 'admin-secret-1' }));
});
afterAll(() => mock.close());

async function newSystem(body: Record<string, unknown> = {}): Promise<OmniTestClient> {
  const res = await client.request('POST', '/__mock/systems', {
    admin: 'admin-secret-1',
    body: { clock: 'manual', ...body },
  });
  expect(res.status).toBe(200);
  return client.withKey(res.body.system_key as string);
}

describe('systems (tenants)', () => {
  it('creating and deleting systems needs the admin key when the mock has one', async () => {
    const none = await client.request('POST', '/__mock/systems', { admin: null, body: {} });
    expect([none.status, none.body.error_code]).toEqual([401, 'MISSING_SYSTEM_KEY']);
    const wrong = await client.request('POST', '/__mock/systems', { admin: 'nope-nope', body: {} });
    expect([wrong.status, wrong.body.error_code]).toEqual([401, 'INVALID_SYSTEM_KEY']);
    const list = await client.request('GET', '/__mock/systems', { admin: 'admin-secret-1' });
    expect(list.body.systems[0]).toMatchObject({ system_key: 'omni-demo-key', is_default: true });
    // Per-system routes need it too.
    expect((await client.request('GET', '/__mock/clock', { admin: null })).status).toBe(401);
    expect((await client.request('GET', '/__mock/clock')).status).toBe(200);
  });

  it('a new system has its own key, the demo users and data, and its own seed and clock', async () => {
    const sys = await newSystem({ system_key: 'suite-a-system', seed: 7, clock_start: '2026-03-02T12:00:00Z' });
    expect(sys.key).toBe('suite-a-system');
    const view = (await sys.request('GET', '/__mock/system')).body;
    expect(view).toMatchObject({ system_key: 'suite-a-system', is_default: false, seed: 7 });
    expect(view.clock).toMatchObject({ mode: 'manual', now: '2026-03-02T12:00:00.000Z' });
    const token = await sys.login('agent3');
    const users = await sys.request('GET', '/omni/users', { token });
    expect(users.body.users).toHaveLength(5);
    const dup = await client.request('POST', '/__mock/systems', {
      admin: 'admin-secret-1',
      body: { system_key: 'suite-a-system' },
    });
    expect([dup.status, dup.body.error_code]).toEqual([409, 'INVALID_STATE']);
  });

  it('a create may name the new system in Authorization, as a proxy hashing on that header needs', async () => {
    const res = await client.request('POST', '/__mock/systems', {
      key: 'routed-new-system',
      admin: 'admin-secret-1',
      body: { clock: 'manual', seed: 3 },
    });
    expect([res.status, res.body.system_key]).toEqual([200, 'routed-new-system']);
    const sys = client.withKey('routed-new-system');
    expect((await sys.request('GET', '/__mock/system')).body).toMatchObject({
      system_key: 'routed-new-system',
      seed: 3,
    });
    // The same key in the body too is the same create.
    const both = await client.request('POST', '/__mock/systems', {
      key: 'routed-both-keys',
      admin: 'admin-secret-1',
      body: { system_key: 'routed-both-keys' },
    });
    expect([both.status, both.body.system_key]).toEqual([200, 'routed-both-keys']);
    // Named again, it is an existing system: the caller's own key, so the body's key is created (today's form).
    const again = await client.request('POST', '/__mock/systems', {
      key: 'routed-new-system',
      admin: 'admin-secret-1',
      body: { system_key: 'created-by-a-tenant' },
    });
    expect([again.status, again.body.system_key]).toEqual([200, 'created-by-a-tenant']);
  });

  it('a create whose body key differs from the new key in Authorization is a 400, and creates neither', async () => {
    const res = await client.request('POST', '/__mock/systems', {
      key: 'header-new-key',
      admin: 'admin-secret-1',
      body: { system_key: 'body-new-key' },
    });
    expect([res.status, res.body.error_code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(res.body.detail).toContain('not the new system key in Authorization');
    expect(res.body.errors).toEqual([
      { field: 'system_key', message: 'differs from the new system key in Authorization' },
    ]);
    const bad = await client.request('POST', '/__mock/systems', { key: 'short', admin: 'admin-secret-1', body: {} });
    expect([bad.status, bad.body.error_code, bad.body.errors?.[0]?.field]).toEqual([
      400,
      'VALIDATION_FAILED',
      'Authorization',
    ]);
    const list = await client.request('GET', '/__mock/systems', { admin: 'admin-secret-1' });
    const keys = (list.body.systems as { system_key: string }[]).map((s) => s.system_key);
    expect(keys).not.toContain('header-new-key');
    expect(keys).not.toContain('body-new-key');
    expect(keys).not.toContain('short');
  });

  it('isolates data: what one system changes, another never sees', async () => {
    const a = await newSystem();
    const b = await newSystem();
    const ta = await a.login();
    const tb = await b.login();
    const created = await a.request('POST', '/omni/campaign', {
      token: ta,
      body: { campaign_name: 'Only in A', campaign_type: 3 },
    });
    expect(created.body.campaign_id).toBe(6);
    expect((await b.request('GET', '/omni/campaign/6', { token: tb })).status).toBe(404);
    await a.request('DELETE', '/omni/lead/1', { token: ta });
    expect((await b.request('GET', '/omni/lead/1', { token: tb })).status).toBe(200);
    await a.request('POST', '/__mock/users', {
      body: { user_name: 'supervisor', password: 'pw', extension: '2001', webrtc_password: 'w' },
    });
    expect((await a.request('GET', '/omni/users', { token: ta })).body.users).toHaveLength(6);
    expect((await b.request('GET', '/omni/users', { token: tb })).body.users).toHaveLength(5);
    // Ids are per system: B's next campaign is 6 too.
    const inB = await b.request('POST', '/omni/campaign', {
      token: tb,
      body: { campaign_name: 'B', campaign_type: 3 },
    });
    expect(inB.body.campaign_id).toBe(6);
  });

  it('isolates clocks: advancing one system moves no other', async () => {
    const a = await newSystem();
    const b = await newSystem();
    await a.advance(3_600_000);
    const ca = (await a.request('GET', '/__mock/clock')).body;
    const cb = (await b.request('GET', '/__mock/clock')).body;
    expect(ca.now).toBe('2026-01-05T09:00:00.000Z');
    expect(cb.now).toBe('2026-01-05T08:00:00.000Z');
    const def = (await client.request('GET', '/__mock/clock')).body;
    expect(def.now).toBe('2026-01-05T08:00:00.000Z');
  });

  it('reset puts the demo data back and restarts the clock at its start', async () => {
    const a = await newSystem({ seed: 3 });
    const t = await a.login();
    await a.request('DELETE', '/omni/lead/5', { token: t });
    await a.request('POST', '/omni/campaign', {
      token: t,
      body: { campaign_name: 'gone after reset', campaign_type: 3 },
    });
    await a.advance(60_000);
    const reset = await a.request('POST', '/__mock/system/reset', { body: { seed: 4 } });
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ seed: 4, clock: { now: '2026-01-05T08:00:00.000Z' } });
    const t2 = await a.login();
    expect((await a.request('GET', '/omni/lead/5', { token: t2 })).status).toBe(200);
    expect((await a.request('GET', '/omni/campaign/6', { token: t2 })).status).toBe(404);
    // The old token died with the reset.
    expect((await a.request('GET', '/omni/users', { token: t })).body.error_code).toBe('INVALID_TOKEN');
  });

  it('deletes a system (admin), and refuses to delete the default one', async () => {
    const a = await newSystem();
    const del = await client.request('DELETE', `/__mock/systems/${a.key}`, { admin: 'admin-secret-1' });
    expect(del.status).toBe(200);
    const after = await a.request('POST', '/omni/user/authorize', {
      body: { user_name: 'agent1', password: 'cGFzc3dvcmQx' },
    });
    expect([after.status, after.body.error_code]).toEqual([401, 'INVALID_SYSTEM_KEY']);
    const again = await client.request('DELETE', `/__mock/systems/${a.key}`, { admin: 'admin-secret-1' });
    expect([again.status, again.body.error_code]).toEqual([404, 'NOT_FOUND']);
    const def = await client.request('DELETE', '/__mock/systems/omni-demo-key', { admin: 'admin-secret-1' });
    expect([def.status, def.body.error_code]).toEqual([409, 'INVALID_STATE']);
  });

  it('an admin key puts every control route but /health behind it', async () => {
    const { mock: guarded, client: c } = await startMock({ adminKey: 'admin-secret-2' });
    try {
      expect((await c.request('GET', '/__mock/clock', { admin: null })).body.error_code).toBe('MISSING_SYSTEM_KEY');
      expect((await c.request('GET', '/__mock/clock', { admin: 'admin-secret-2' })).status).toBe(200);
      expect((await c.request('GET', '/health', { admin: null })).status).toBe(200);
    } finally {
      await guarded.close();
    }
  });
});
