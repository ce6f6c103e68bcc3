import { encodePassword } from '@omnikit/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockOmni } from '../../src/index.js';
import { type OmniTestClient, startMock } from '../support/omni-client.js';

let mock: MockOmni;
let root: OmniTestClient;
beforeAll(async () => {
  ({ mock, client: root } = await startMock());
});
afterAll(() => mock.close());

async function fresh(clock = 'manual'): Promise<OmniTestClient> {
  const res = await root.request('POST', '/__mock/systems', { body: { clock } });
  return root.withKey(res.body.system_key as string);
}

describe('clock', () => {
  it('reads, advances a manual clock, switches modes without jumping', async () => {
    const c = await fresh();
    const adv = await c.advance(90_000);
    expect(adv.body).toMatchObject({
      success: true,
      timers_run: 0,
      clock: { now: '2026-01-05T08:01:30.000Z', mode: 'manual' },
    });
    const scaled = await c.request('PUT', '/__mock/clock', { body: { mode: 'scaled', scale: 60 } });
    expect(scaled.body).toMatchObject({ mode: 'scaled', scale: 60 });
    expect(scaled.body.now_ms).toBeGreaterThanOrEqual(Date.parse('2026-01-05T08:01:30.000Z'));
    const refused = await c.advance(1000);
    expect([refused.status, refused.body.error_code]).toEqual([409, 'INVALID_STATE']);
    expect(refused.body.detail).toMatch(/scaled/);
    const back = await c.request('PUT', '/__mock/clock', { body: { mode: 'manual' } });
    expect(back.body.mode).toBe('manual');
    const noScale = await c.request('PUT', '/__mock/clock', { body: { mode: 'scaled' } });
    expect([noScale.status, noScale.body.errors]).toEqual([
      400,
      [{ field: 'scale', message: 'is required with mode scaled' }],
    ]);
  });

  it('a real clock follows the injected wall clock', async () => {
    let wall = Date.parse('2026-06-01T12:00:00.000Z');
    // A real clock with no start starts at the wall clock's instant (B.3a).
    const { mock: m, client } = await startMock({ clock: 'real', wallNow: () => wall });
    try {
      wall += 2500;
      const clock = (await client.request('GET', '/__mock/clock')).body;
      expect(clock).toMatchObject({ mode: 'real', now: '2026-06-01T12:00:02.500Z' });
    } finally {
      await m.close();
    }
  });
});

describe('users, seed, DNC, office hours', () => {
  it('creates a user who can authorize; duplicates answer 409', async () => {
    const c = await fresh();
    const res = await c.request('POST', '/__mock/users', {
      body: { user_name: 'qa.lead', password: 's3cret!', extension: '2001', webrtc_password: 'wr-2001' },
    });
    expect(res.body).toMatchObject({ success: true, user_id: 6 });
    const list = (await c.request('GET', '/__mock/users')).body.users;
    expect(list[5]).toEqual({ user_id: 6, user_name: 'qa.lead', extension: '2001', webrtc_password: 'wr-2001' });
    expect(list[0]).toEqual({ user_id: 1, user_name: 'agent1', extension: '1001', webrtc_password: 'webrtc1' });
    const auth = await c.request('POST', '/omni/user/authorize', {
      body: { user_name: 'qa.lead', password: encodePassword('s3cret!') },
    });
    expect(auth.body.user_id).toBe(6);
    const dupName = await c.request('POST', '/__mock/users', {
      body: { user_name: 'qa.lead', password: 'x', extension: '2002', webrtc_password: 'w' },
    });
    expect([dupName.status, dupName.body.errors[0].field]).toEqual([409, 'user_name']);
    const dupExt = await c.request('POST', '/__mock/users', {
      body: { user_name: 'other', password: 'x', extension: '1001', webrtc_password: 'w' },
    });
    expect([dupExt.status, dupExt.body.errors[0].field]).toEqual([409, 'extension']);
  });

  it('refuses a password authorize could never be sent (not printable ASCII), and creates no user', async () => {
    const c = await fresh();
    for (const password of ['café', 'tab\there', 'emoji😀']) {
      const res = await c.request('POST', '/__mock/users', {
        body: { user_name: 'intl.user', password, extension: '2101', webrtc_password: 'w' },
      });
      expect([res.status, res.body.error_code, res.body.errors]).toEqual([
        400,
        'VALIDATION_FAILED',
        [{ field: 'password', message: 'must be printable ASCII: authorize takes the Base64 of its ASCII bytes' }],
      ]);
    }
    expect((await c.request('GET', '/__mock/users')).body.users).toHaveLength(5);
    // Every printable ASCII character, spaces and symbols included, signs in.
    const printable = ` !"#$%&'()*+,-./09:;<=>?@AZ[\\]^_\`az{|}~`;
    await c.request('POST', '/__mock/users', {
      body: { user_name: 'ascii.user', password: printable, extension: '2102', webrtc_password: 'w' },
    });
    const auth = await c.request('POST', '/omni/user/authorize', {
      body: { user_name: 'ascii.user', password: encodePassword(printable) },
    });
    expect(auth.status).toBe(200);
  });

  it('sets the seed (kept for a later reset)', async () => {
    const c = await fresh();
    const res = await c.request('PUT', '/__mock/system/seed', { body: { seed: 99 } });
    expect(res.body.seed).toBe(99);
    expect((await c.request('POST', '/__mock/system/reset', { body: {} })).body.seed).toBe(99);
  });

  it('keeps the DNC list', async () => {
    const c = await fresh();
    const add = await c.request('POST', '/__mock/dnc', {
      body: { phone_numbers: ['0215550002', '0215550001', '0215550002'] },
    });
    expect(add.body.changed).toBe(2);
    expect((await c.request('GET', '/__mock/dnc')).body).toEqual({
      phone_numbers: ['0215550001', '0215550002'],
      total: 2,
    });
    expect((await c.request('DELETE', '/__mock/dnc/0215550001')).body.changed).toBe(1);
    const again = await c.request('DELETE', '/__mock/dnc/0215550001');
    expect([again.status, again.body.error_code]).toEqual([404, 'NOT_FOUND']);
    expect((await c.request('GET', '/__mock/dnc')).body.total).toBe(1);
  });

  it('evaluates office hours on the system clock and time zone', async () => {
    const c = await fresh();
    // Monday 08:00 UTC is 10:00 in Johannesburg.
    const hours = { time_zone: 'Africa/Johannesburg', windows: [{ days: ['mon'], start: '09:00', end: '10:00' }] };
    expect((await c.request('PUT', '/__mock/office-hours', { body: hours })).status).toBe(200);
    expect((await c.request('GET', '/__mock/office-hours')).body).toEqual({ ...hours, inside_now: false });
    await c.request('PUT', '/__mock/office-hours', {
      body: { ...hours, windows: [{ days: ['mon'], start: '10:00', end: '10:01' }] },
    });
    expect((await c.request('GET', '/__mock/office-hours')).body.inside_now).toBe(true);
    await c.advance(60_000);
    expect((await c.request('GET', '/__mock/office-hours')).body.inside_now).toBe(false);
    const bad = await c.request('PUT', '/__mock/office-hours', { body: { time_zone: 'Mars/Olympus', windows: [] } });
    expect([bad.status, bad.body.errors[0].field]).toEqual([400, 'time_zone']);
  });
});

describe('request journal', () => {
  it('records Omni requests with bodies and answers, newest first, filterable, passwords masked', async () => {
    const c = await fresh();
    const token = await c.login('agent2');
    await c.request('GET', '/omni/campaign/1', { token });
    await c.request('GET', '/omni/campaign/77', { token });
    await c.request('POST', '/omni/list', { token, body: { list_name: 'J' } });
    const all = (await c.request('GET', '/__mock/journal')).body;
    expect(all.entries.map((e: { route_id: string; status: number }) => [e.route_id, e.status])).toEqual([
      ['createList', 200],
      ['getCampaign', 404],
      ['getCampaign', 200],
      ['authorize', 200],
    ]);
    const auth = all.entries[3];
    expect(auth.request_body).toEqual({ user_name: 'agent2', password: '***' });
    expect(auth.response_body.token_key).toBe('***');
    expect(all.entries[0].request_body).toEqual({ list_name: 'J' });
    expect(all.entries[0].response_body).toMatchObject({ success: true, list_id: 4 });
    const notFound = (await c.request('GET', '/__mock/journal?status=404')).body.entries;
    expect(notFound).toHaveLength(1);
    expect(notFound[0].path).toBe('/omni/campaign/77');
    const since = (await c.request('GET', `/__mock/journal?since_id=${all.entries[1].id}`)).body.entries;
    expect(since).toHaveLength(1);
    const limited = (await c.request('GET', '/__mock/journal?limit=2&route_id=getCampaign')).body.entries;
    expect(limited).toHaveLength(2);
    expect((await c.request('DELETE', '/__mock/journal')).status).toBe(200);
    expect((await c.request('GET', '/__mock/journal')).body.entries).toEqual([]);
  });

  it('refuses a bad query with 400 naming the field, and keeps the entries it holds', async () => {
    const c = await fresh();
    await c.login('agent2');
    const before = (await c.request('GET', '/__mock/journal')).body.entries;
    expect(before.length).toBeGreaterThan(0);
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=1001', 'limit'],
      ['limit=many', 'limit'],
      ['status=99', 'status'],
      ['since_id=-1', 'since_id'],
      ['method=FETCH', 'method'],
    ] as const) {
      const bad = await c.request('GET', `/__mock/journal?${query}`);
      expect([query, bad.status, bad.body.error_code, bad.body.errors?.[0]?.field]).toEqual([
        query,
        400,
        'VALIDATION_FAILED',
        field,
      ]);
    }
    const after = (await c.request('GET', '/__mock/journal')).body.entries;
    expect(after.slice(-before.length)).toEqual(before);
  });
});

describe('fault injection', () => {
  it('answers an injected error, 429 with Retry-After, only on the route named', async () => {
    const c = await fresh();
    const token = await c.login();
    const f = await c.request('POST', '/__mock/faults', {
      body: { route_id: 'getCampaign', error_code: 'RATE_LIMITED', retry_after_seconds: 7 },
    });
    expect(f.body).toMatchObject({ success: true, fault_id: 1 });
    const hit = await c.request('GET', '/omni/campaign/1', { token });
    expect([hit.status, hit.body.error_code, hit.headers.get('Retry-After')]).toEqual([429, 'RATE_LIMITED', '7']);
    expect((await c.request('GET', '/omni/campaigns', { token })).status).toBe(200);
    const j = (await c.request('GET', '/__mock/journal?limit=5')).body.entries;
    expect(j[1].fault).toBe('fault 1');
    expect((await c.request('GET', '/__mock/faults')).body.faults[0]).toMatchObject({ fault_id: 1, hits: 1 });
    await c.request('DELETE', '/__mock/faults/1');
    expect((await c.request('GET', '/omni/campaign/1', { token })).status).toBe(200);
  });

  it('a 5xx status with INTERNAL, and a seeded rate', async () => {
    const c = await fresh();
    const token = await c.login();
    await c.request('POST', '/__mock/faults', {
      body: { route_id: '*', error_code: 'INTERNAL', status: 503, rate: 0.5 },
    });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await c.request('GET', '/omni/users', { token })).status);
    const failed = statuses.filter((s) => s === 503).length;
    expect(failed).toBeGreaterThan(8);
    expect(failed).toBeLessThan(32);
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    // Faults never touch the control API.
    expect((await c.request('GET', '/__mock/clock')).status).toBe(200);
    await c.request('DELETE', '/__mock/faults');
    expect((await c.request('GET', '/__mock/faults')).body.faults).toEqual([]);
  });

  it('a seeded rate fails the same requests after a reset or a change of seed as in a new system of that seed', async () => {
    /** Which of 24 requests a fault failing half of them fails: `x` failed, `.` answered. */
    const failures = async (c: OmniTestClient): Promise<string> => {
      await c.request('POST', '/__mock/faults', { body: { route_id: 'listUsers', error_code: 'INTERNAL', rate: 0.5 } });
      const token = await c.login();
      let seen = '';
      for (let i = 0; i < 24; i++)
        seen += (await c.request('GET', '/omni/users', { token })).status === 500 ? 'x' : '.';
      return seen;
    };
    const seeded = async (seed: number) => {
      const res = await root.request('POST', '/__mock/systems', { body: { clock: 'manual', seed } });
      return root.withKey(res.body.system_key as string);
    };
    const seven = await failures(await seeded(7));
    expect(seven).toMatch(/x.*\./);
    // Before: the system's fault book kept drawing where it had got to, whatever the reset or the seed.
    const reset = await seeded(7);
    await failures(reset);
    await reset.request('POST', '/__mock/system/reset', { body: {} });
    expect(await failures(reset)).toBe(seven);
    const reseeded = await seeded(1);
    await failures(reseeded);
    await reseeded.request('DELETE', '/__mock/faults');
    await reseeded.request('PUT', '/__mock/system/seed', { body: { seed: 7 } });
    expect(await failures(reseeded)).toBe(seven);
    // Fault ids go on after a reset (as the journal's do), so an id read before it never names a later fault.
    expect(
      (await reset.request('GET', '/__mock/faults')).body.faults.map((f: { fault_id: number }) => f.fault_id),
    ).toEqual([2]);
  });

  it('delays by a fixed or random wall-clock latency', async () => {
    const c = await fresh();
    const token = await c.login();
    await c.request('POST', '/__mock/faults', { body: { route_id: 'listUsers', latency_ms: 60, latency_max_ms: 90 } });
    const t0 = performance.now();
    const res = await c.request('GET', '/omni/users', { token });
    const took = performance.now() - t0;
    expect(res.status).toBe(200);
    expect(took).toBeGreaterThanOrEqual(55);
  });

  it('refuses an unknown route id and inconsistent settings', async () => {
    const c = await fresh();
    const unknown = await c.request('POST', '/__mock/faults', { body: { route_id: 'noSuchRoute', latency_ms: 5 } });
    expect([unknown.status, unknown.body.errors[0].field]).toEqual([404, 'route_id']);
    const nothing = await c.request('POST', '/__mock/faults', { body: { route_id: 'listUsers' } });
    expect([nothing.status, nothing.body.errors[0].field]).toEqual([400, 'error_code']);
    const status = await c.request('POST', '/__mock/faults', {
      body: { route_id: 'listUsers', error_code: 'NOT_FOUND', status: 503 },
    });
    expect([status.status, status.body.errors[0].field]).toEqual([400, 'status']);
  });
});
