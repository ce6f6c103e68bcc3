/**
 * Where a system's clock starts (omni-api.md B.3a): a clock that runs by itself (`real`, `scaled`) starts at the wall
 * clock's current instant unless a start is given, so the `expiry_date` a client caches lies ahead of it; only a
 * `manual` clock starts at the fixed Monday 08:00. The wall clock is injected, far from that Monday, so a fixed start
 * cannot pass for "now".
 *
 * @module
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodePassword } from '@omnikit/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { createMockOmni, type MockOmniOptions } from '../../../src/index.js';
import { OmniTestClient, silentLogger } from '../../support/omni-client.js';

const WALL = Date.parse('2026-12-06T14:41:19.250Z');
const MONDAY = '2026-01-05T08:00:00.000Z';
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

const dir = mkdtempSync(join(tmpdir(), 'omni-clock-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A mock on an injected wall clock that the test moves by hand; no clock option unless given. */
async function mockAt(options: MockOmniOptions = {}) {
  const wall = { now: WALL };
  const mock = await createMockOmni({ logger: silentLogger, wallNow: () => wall.now, ...options });
  return { mock, wall, client: new OmniTestClient(mock) };
}

async function authorize(client: OmniTestClient) {
  return client.request('POST', '/omni/user/authorize', {
    body: { user_name: 'agent1', password: encodePassword('password1') },
  });
}

describe('the default clock starts now (B.3a)', () => {
  it('the default mock (real clock): authorize answers an expiry_date 8 h after the wall clock', async () => {
    const { mock, client, wall } = await mockAt();
    try {
      const first = await authorize(client);
      expect(first.status).toBe(200);
      expect(first.body.expiry_date).toBe(iso(WALL + 8 * HOUR));
      // Demo data is dated by the same clock.
      const token = first.body.token_key as string;
      const lead = await client.request('GET', '/omni/lead/1', { token });
      expect(lead.body.created_at).toBe(iso(WALL));
      // A real clock keeps pace with the wall clock.
      wall.now += 90_000;
      expect((await authorize(client)).body.expiry_date).toBe(iso(WALL + 90_000 + 8 * HOUR));
      expect((await client.request('GET', '/__mock/clock')).body).toMatchObject({
        mode: 'real',
        now: iso(WALL + 90_000),
      });
    } finally {
      await mock.close();
    }
  });

  it.each([
    { clock: 'real', clockStart: undefined, starts: iso(WALL) },
    { clock: 'scaled:60', clockStart: undefined, starts: iso(WALL) },
    { clock: 'manual', clockStart: undefined, starts: MONDAY },
    { clock: 'real', clockStart: '2027-03-01T09:30:00Z', starts: '2027-03-01T09:30:00.000Z' },
    { clock: 'manual', clockStart: '2027-03-01T09:30:00Z', starts: '2027-03-01T09:30:00.000Z' },
  ])(
    '--clock $clock, --clock-start $clockStart: the default system starts at $starts',
    async ({ clock, clockStart, starts }) => {
      const { mock, client } = await mockAt({ clock, ...(clockStart ? { clockStart } : {}) });
      try {
        expect((await client.request('GET', '/__mock/clock')).body.now).toBe(starts);
      } finally {
        await mock.close();
      }
    },
  );

  it.each([
    { mockClock: 'manual', body: { clock: 'real' }, starts: iso(WALL) },
    { mockClock: 'manual', body: { clock: 'scaled:10' }, starts: iso(WALL) },
    { mockClock: 'real', body: {}, starts: iso(WALL) },
    { mockClock: 'real', body: { clock: 'manual' }, starts: MONDAY },
    { mockClock: 'manual', body: {}, starts: MONDAY },
    {
      mockClock: 'real',
      body: { clock: 'real', clock_start: '2026-02-02T09:00:00Z' },
      starts: '2026-02-02T09:00:00.000Z',
    },
  ])('POST /__mock/systems $body on a $mockClock mock starts at $starts', async ({ mockClock, body, starts }) => {
    const { mock, client } = await mockAt({ clock: mockClock });
    try {
      const created = await client.request('POST', '/__mock/systems', { body });
      expect(created.status).toBe(200);
      expect(created.body.system.clock.now).toBe(starts);
    } finally {
      await mock.close();
    }
  });

  it('a reset restarts a real clock at the current instant, a manual one at its start', async () => {
    const { mock, client, wall } = await mockAt();
    try {
      const manual = client.withKey(
        (await client.request('POST', '/__mock/systems', { body: { clock: 'manual' } })).body.system_key,
      );
      await manual.advance(HOUR);
      wall.now += 2 * HOUR;
      const realReset = await client.request('POST', '/__mock/system/reset', { body: {} });
      expect(realReset.body.clock.now).toBe(iso(WALL + 2 * HOUR));
      expect((await authorize(client)).body.expiry_date).toBe(iso(WALL + 10 * HOUR));
      const manualReset = await manual.request('POST', '/__mock/system/reset', { body: {} });
      expect(manualReset.body.clock.now).toBe(MONDAY);
    } finally {
      await mock.close();
    }
  });
});

describe('a database from an earlier run', () => {
  it('a real clock stored behind the wall clock resumes at the wall clock on restart', async () => {
    // What an older mock left: the default system's real clock started at the fixed Monday.
    const db = join(dir, 'older.db');
    const before = Date.parse('2026-11-30T10:00:00.000Z');
    const first = await mockAt({ db, clock: 'real', clockStart: MONDAY, wallNow: () => before });
    expect((await authorize(first.client)).body.expiry_date).toBe('2026-01-05T16:00:00.000Z');
    await first.mock.close();

    const second = await mockAt({ db });
    try {
      expect((await second.client.request('GET', '/__mock/clock')).body).toMatchObject({
        mode: 'real',
        now: iso(WALL),
      });
      expect((await authorize(second.client)).body.expiry_date).toBe(iso(WALL + 8 * HOUR));
      second.wall.now += 1000;
      expect((await second.client.request('GET', '/__mock/clock')).body.now).toBe(iso(WALL + 1000));
    } finally {
      await second.mock.close();
    }
  });

  it('a real clock given a start ahead of the wall clock keeps its lead across a restart', async () => {
    const db = join(dir, 'ahead.db');
    const first = await mockAt({ db, clockStart: '2027-06-01T00:00:00Z' });
    await first.mock.close();
    const second = await mockAt({ db, wallNow: () => WALL + HOUR });
    try {
      expect((await second.client.request('GET', '/__mock/clock')).body.now).toBe('2027-06-01T01:00:00.000Z');
    } finally {
      await second.mock.close();
    }
  });

  it('a manual clock stands where it stood', async () => {
    const db = join(dir, 'manual.db');
    const first = await mockAt({ db, clock: 'manual' });
    await first.client.advance(60_000);
    await first.mock.close();
    const second = await mockAt({ db, wallNow: () => WALL + 5 * HOUR });
    try {
      expect((await second.client.request('GET', '/__mock/clock')).body).toMatchObject({
        mode: 'manual',
        now: '2026-01-05T08:01:00.000Z',
      });
    } finally {
      await second.mock.close();
    }
  });
});

describe('the clock stays where dates keep four-digit years (B.1)', () => {
  it('a system may not start its clock past 9999-01-01 or before 1970, through any door', async () => {
    const { mock, client } = await mockAt();
    try {
      for (const clock_start of ['9999-12-31T23:00:00Z', '9999-01-01T00:00:00.001Z', '1969-12-31T23:59:59Z']) {
        const res = await client.request('POST', '/__mock/systems', { body: { clock: 'manual', clock_start } });
        expect([res.status, res.body.errors?.[0]?.field]).toEqual([400, 'clock_start']);
        expect(res.body.errors[0].message).toMatch(/^must be (9999-01-01T00:00:00.000Z or earlier|1970-01-01)/);
      }
      // Text that is not an instant gets the words --clock-start gives it (one check for both doors).
      const bare = await client.request('POST', '/__mock/systems', {
        body: { clock: 'manual', clock_start: '2026-01-05' },
      });
      expect(bare.body.errors).toEqual([
        { field: 'clock_start', message: 'must be an ISO-8601 instant with Z or an offset (2026-01-05T08:00:00Z)' },
      ]);
      // The span's ends themselves are allowed.
      for (const clock_start of ['9999-01-01T00:00:00Z', '1970-01-01T00:00:00Z']) {
        const res = await client.request('POST', '/__mock/systems', { body: { clock: 'manual', clock_start } });
        expect(res.status).toBe(200);
      }
    } finally {
      await mock.close();
    }
    await expect(createMockOmni({ logger: silentLogger, clockStart: '9999-06-01T00:00:00Z' })).rejects.toThrow(
      /^clockStart must be 9999-01-01T00:00:00.000Z or earlier/,
    );
  });

  it('the clock is not advanced past 9999-01-01, and a refused advance leaves it where it was', async () => {
    const { mock, client } = await mockAt({ clock: 'manual', clockStart: '9998-12-31T00:00:00Z' });
    try {
      const refused = await client.advance(2 * 86_400_000);
      expect([refused.status, refused.body.error_code, refused.body.errors]).toEqual([
        400,
        'VALIDATION_FAILED',
        [{ field: 'ms', message: 'would move the clock past 9999-01-01T00:00:00.000Z' }],
      ]);
      expect((await client.request('GET', '/__mock/clock')).body.now).toBe('9998-12-31T00:00:00.000Z');
      expect((await client.advance(86_400_000)).status).toBe(200);
      expect((await client.request('GET', '/__mock/clock')).body.now).toBe('9999-01-01T00:00:00.000Z');
      // A token issued at the last instant expires 8 h later, still with a four-digit year.
      expect((await authorize(client)).body.expiry_date).toBe('9999-01-01T08:00:00.000Z');
    } finally {
      await mock.close();
    }
  });
});
