import { encodePassword } from '@omnikit/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockOmni } from '../../../src/index.js';
import { type OmniTestClient, startMock } from '../../support/omni-client.js';

let mock: MockOmni;
let client: OmniTestClient;
beforeAll(async () => {
  ({ mock, client } = await startMock());
});
afterAll(() => mock.close());

describe('authorize (A.2)', () => {
  it('trades user name and Base64 password for a token that expires 8 h later on the system clock', async () => {
    const res = await client.request('POST', '/omni/user/authorize', {
      body: { user_name: 'agent2', password: encodePassword('password2') },
    });
    expect(res.status).toBe(200);
    expect(res.body.user_id).toBe(2);
    expect(res.body.user_name).toBe('agent2');
    expect(res.body.token_key).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(res.body.expiry_date).toBe('2026-01-05T16:00:00.000Z');
  });

  it.each([['/omni/user/login'], ['/omni/user/login/authorize']])(
    'serves the older path %s and the older field username',
    async (path) => {
      const res = await client.request('POST', path, {
        body: { username: 'agent3', password: encodePassword('password3') },
      });
      expect(res.status).toBe(200);
      expect(res.body.user_id).toBe(3);
    },
  );

  it.each([
    ['a wrong password', { user_name: 'agent1', password: encodePassword('password2') }],
    ['an unknown user', { user_name: 'nobody', password: encodePassword('password1') }],
    ['the plain password where its Base64 belongs', { user_name: 'agent1', password: 'password' }],
  ])('answers 401 INVALID_TOKEN for %s', async (_, body) => {
    const res = await client.request('POST', '/omni/user/authorize', { body });
    expect(res.status).toBe(401);
    expect(res.body.error_code).toBe('INVALID_TOKEN');
    expect(res.body.success).toBe(false);
  });

  it('stores only the SHA-256 of a token', async () => {
    const token = await client.login('agent1');
    const rows = mock.services.stores.tokens.findByHash(token);
    expect(rows).toBeUndefined();
    const { createHash } = await import('node:crypto');
    const hash = createHash('sha256').update(token).digest('hex');
    const row = mock.services.stores.tokens.findByHash(hash);
    expect(row?.userId).toBe(1);
  });

  it('a new authorize does not revoke the earlier token', async () => {
    const first = await client.login('agent4');
    const second = await client.login('agent4');
    expect(first).not.toBe(second);
    for (const token of [first, second]) {
      const res = await client.request('GET', '/omni/users', { token });
      expect(res.status).toBe(200);
    }
  });
});

describe('system key and token checks (A.2, B.2)', () => {
  it('accepts the system key as ?auth-key=', async () => {
    const token = await client.login();
    const res = await client.request('GET', `/omni/users?auth-key=${mock.defaultSystemKey}`, { key: null, token });
    expect(res.status).toBe(200);
  });

  it.each([
    ['no key', { key: null }, 'MISSING_SYSTEM_KEY'],
    ['an unknown key', { key: 'no-such-system' }, 'INVALID_SYSTEM_KEY'],
    ['a header without Key=', { key: null, headers: { Authorization: 'Bearer omni-demo-key' } }, 'INVALID_SYSTEM_KEY'],
  ] as const)('refuses %s with 401 %s', async (_, opts, code) => {
    const res = await client.request('POST', '/omni/user/authorize', {
      ...opts,
      body: { user_name: 'agent1', password: encodePassword('password1') },
    });
    expect(res.status).toBe(401);
    expect(res.body.error_code).toBe(code);
  });

  it('refuses a missing and an unknown token', async () => {
    const missing = await client.request('GET', '/omni/campaigns');
    expect([missing.status, missing.body.error_code]).toEqual([401, 'MISSING_TOKEN']);
    const unknown = await client.request('GET', '/omni/campaigns', { token: 'not-a-token' });
    expect([unknown.status, unknown.body.error_code]).toEqual([401, 'INVALID_TOKEN']);
  });

  it("refuses a token on another system's key", async () => {
    const token = await client.login();
    const created = await client.request('POST', '/__mock/systems', { body: { clock: 'manual' } });
    const other = client.withKey(created.body.system_key);
    const res = await other.request('GET', '/omni/users', { token });
    expect([res.status, res.body.error_code]).toEqual([401, 'INVALID_TOKEN']);
  });

  it("answers 403 FORBIDDEN_USER when the token is used on another user's path", async () => {
    const token = await client.login('agent1');
    const res = await client.request('GET', '/omni/users/2', { token });
    expect([res.status, res.body.error_code]).toEqual([403, 'FORBIDDEN_USER']);
    const own = await client.request('GET', '/omni/users/1', { token });
    expect(own.status).toBe(200);
  });
});

describe('token expiry under a manual clock (B.3)', () => {
  it('a token works until 8 h have passed on the system clock, then answers TOKEN_EXPIRED', async () => {
    const created = await client.request('POST', '/__mock/systems', { body: { clock: 'manual' } });
    const sys = client.withKey(created.body.system_key);
    const token = await sys.login('agent5');
    expect((await sys.advance(8 * 3600_000 - 1)).status).toBe(200);
    expect((await sys.request('GET', '/omni/users', { token })).status).toBe(200);
    await sys.advance(1);
    const expired = await sys.request('GET', '/omni/users', { token });
    expect([expired.status, expired.body.error_code]).toEqual([401, 'TOKEN_EXPIRED']);
    // Moving this system's clock did not touch the default system's tokens.
    const fresh = await client.login('agent5');
    expect((await client.request('GET', '/omni/users', { token: fresh })).status).toBe(200);
    const again = await sys.login('agent5');
    expect((await sys.request('GET', '/omni/users', { token: again })).status).toBe(200);
  });
});

describe('the tokens axis (issue: every plausible Omni), on a manual clock', () => {
  const GET_USERS = ['GET', '/omni/users'] as const;

  /** A fresh system on its own mock playing `vary`, with agent1 authorized twice at the same instant. */
  async function twoTokens(vary: string) {
    const started = await startMock({ vary });
    const first = await started.client.login('agent1');
    const second = await started.client.login('agent1');
    return { ...started, first, second };
  }

  it.each([
    // vary, the older token's answer, the newer token's answer
    ['tokens=several', [200, undefined], [200, undefined]],
    ['tokens=revoke-older', [401, 'INVALID_TOKEN'], [200, undefined]],
  ] as const)('%s: after a second authorize the older token answers %j, the newer %j', async (vary, older, newer) => {
    const { mock: m, client: c, first, second } = await twoTokens(vary);
    try {
      const a = await c.request(...GET_USERS, { token: first });
      const b = await c.request(...GET_USERS, { token: second });
      expect([a.status, a.body.error_code]).toEqual(older);
      expect([b.status, b.body.error_code]).toEqual(newer);
      if (a.status === 401) expect(a.body.detail).toContain('revoked by a newer authorize');
    } finally {
      await m.close();
    }
  });

  it('tokens=revoke-older revokes only that user’s tokens in that system, and a third authorize the second', async () => {
    const { mock: m, client: c, first, second } = await twoTokens('tokens=revoke-older');
    try {
      const other = await c.login('agent2');
      await c.advance(1_000);
      const third = await c.login('agent1');
      const answers = await Promise.all(
        [first, second, third, other].map(async (token) => (await c.request(...GET_USERS, { token })).status),
      );
      expect(answers).toEqual([401, 401, 200, 200]);
    } finally {
      await m.close();
    }
  });

  it.each([
    // vary, expiry_date of a token issued at 08:00:00, the answer just before it, the answer at it
    ['tokens=several', '2026-01-05T16:00:00.000Z', 8 * 3600_000],
    ['tokens=short-lived', '2026-01-05T08:15:00.000Z', 15 * 60_000],
  ] as const)(
    '%s: expiry_date %s; the token works until then, then 401 TOKEN_EXPIRED',
    async (vary, expiry, lifetime) => {
      const { mock: m, client: c } = await startMock({ vary });
      try {
        const res = await c.request('POST', '/omni/user/authorize', {
          body: { user_name: 'agent1', password: encodePassword('password1') },
        });
        expect(res.body.expiry_date).toBe(expiry);
        const token = res.body.token_key as string;
        await c.advance(lifetime - 1);
        expect((await c.request(...GET_USERS, { token })).status).toBe(200);
        await c.advance(1);
        const expired = await c.request(...GET_USERS, { token });
        expect([expired.status, expired.body.error_code]).toEqual([401, 'TOKEN_EXPIRED']);
        expect(expired.body.detail).toContain(expiry);
      } finally {
        await m.close();
      }
    },
  );

  it('the variation at issue decides: a token issued under several keeps 8 h; a revocation outlives a switch back', async () => {
    const { mock: m, client: c } = await startMock();
    try {
      const sys = m.services.registry.getDefault();
      const older = await c.login('agent1');
      sys.variation = { ...sys.variation, tokens: 'revoke-older' };
      const newer = await c.login('agent1');
      sys.variation = { ...sys.variation, tokens: 'several' };
      const latest = await c.login('agent1');
      const statuses = async () =>
        Promise.all([older, newer, latest].map(async (token) => (await c.request(...GET_USERS, { token })).status));
      expect(await statuses()).toEqual([401, 200, 200]);
      sys.variation = { ...sys.variation, tokens: 'short-lived' };
      await c.advance(15 * 60_000);
      expect(await statuses()).toEqual([401, 200, 200]);
    } finally {
      await m.close();
    }
  });

  it.each(['default', 'tokens=short-lived'])(
    'switched from revoke-older to %s with the clock standing still: a new token works, the revoked one stays revoked',
    async (vary) => {
      const { mock: m, client: c } = await startMock({ vary: 'tokens=revoke-older' });
      try {
        const older = await c.login('agent1');
        const newer = await c.login('agent1');
        const switched = await c.request('PUT', '/__mock/system/variation', { body: { vary } });
        expect(switched.status).toBe(200);
        // The manual clock has not moved: these tokens are issued at the instant of the revoking authorize, after it.
        const latest = await c.login('agent1');
        const another = await c.login('agent1');
        const answers = await Promise.all(
          [older, newer, latest, another].map(async (token) => {
            const res = await c.request(...GET_USERS, { token });
            return [res.status, res.body.error_code];
          }),
        );
        expect(answers).toEqual([
          [401, 'INVALID_TOKEN'],
          [200, undefined],
          [200, undefined],
          [200, undefined],
        ]);
        // Back to revoke-older, still at that instant: the next authorize revokes all three, keeps its own.
        await c.request('PUT', '/__mock/system/variation', { body: { vary: 'tokens=revoke-older' } });
        const last = await c.login('agent1');
        const after = await Promise.all(
          [newer, latest, another, last].map(async (token) => (await c.request(...GET_USERS, { token })).status),
        );
        expect(after).toEqual([401, 401, 401, 200]);
      } finally {
        await m.close();
      }
    },
  );
});
