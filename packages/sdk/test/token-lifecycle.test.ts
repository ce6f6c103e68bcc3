import { encodePassword } from '@omnikit/contracts';
import { describe, expect, it } from 'vitest';
import { AuthenticationError, OmniClient, OmniError, type SessionData } from '../src/index.js';
import { fakeFetch, json, omniError, type Seen, T0, tokenData } from './support/fake-fetch.js';

/**
 * A fake Omni for tokens: authorize issues t1, t2, … (each valid 8 h from the clock), and every
 * other request succeeds only with the newest token; older ones get `refusal`.
 */
function tokenServer(options: { clock: () => number; refusal?: () => Response; delayAuthorize?: number }) {
  let issued = 0;
  const authorizeBodies: unknown[] = [];
  const fake = fakeFetch(async (req: Seen) => {
    if (req.url.pathname === '/omni/user/authorize') {
      authorizeBodies.push(JSON.parse(req.body));
      if (options.delayAuthorize) await new Promise((r) => setTimeout(r, options.delayAuthorize));
      issued += 1;
      return json(200, tokenData(`t${issued}`, options.clock() + 8 * 3600_000));
    }
    if (req.headers.get('tokenKey') !== `t${issued}`) {
      return options.refusal ? options.refusal() : omniError(401, 'TOKEN_EXPIRED', 'the user token has expired');
    }
    return json(200, { users: [{ user_id: '1', user_name: 'agent1' }] });
  });
  return {
    ...fake,
    authorizeBodies,
    get issued() {
      return issued;
    },
    other: () => fake.seen.filter((s) => s.url.pathname !== '/omni/user/authorize'),
  };
}

function clientFor(server: ReturnType<typeof tokenServer>, clock: () => number) {
  return new OmniClient({ baseUrl: 'http://omni.test', systemKey: 'k', fetch: server.fetch, now: clock });
}

const credentials = () => ({ password: 'password1' });

describe('user-token lifecycle', () => {
  it('authorize sends user_name and the Base64 password with the system key only', async () => {
    const clock = () => T0;
    const server = tokenServer({ clock });
    const session = await clientFor(server, clock).authorize('agent1', 'P@ssw0rd 1!');
    expect(server.authorizeBodies).toEqual([{ user_name: 'agent1', password: encodePassword('P@ssw0rd 1!') }]);
    expect(encodePassword('P@ssw0rd 1!')).toBe('UEBzc3cwcmQgMSE=');
    const req = server.seen[0] as Seen;
    expect(req.method).toBe('POST');
    expect(req.headers.get('authorization')).toBe('Key=k');
    expect(req.headers.get('tokenKey')).toBeNull();
    expect(session.userId).toBe(1);
    expect(session.tokenKey).toBe('t1');
    expect(session.expiryDate).toBe(new Date(T0 + 8 * 3600_000).toISOString());
  });

  it('caches the token: many requests, one authorize', async () => {
    const clock = () => T0;
    const server = tokenServer({ clock });
    const client = clientFor(server, clock);
    const omni = client.withSession(await client.authorize('agent1', 'password1', { credentials }));
    for (let i = 0; i < 5; i++) await omni.users.list();
    expect(server.issued).toBe(1);
    expect(server.other().map((s) => s.headers.get('tokenKey'))).toEqual(['t1', 't1', 't1', 't1', 't1']);
  });

  it('N concurrent requests refused with TOKEN_EXPIRED cause exactly one authorize', async () => {
    const clock = () => T0;
    const server = tokenServer({ clock, delayAuthorize: 5 });
    const client = clientFor(server, clock);
    const session = client.restoreSession(tokenData('stale'), { credentials });
    const omni = client.withSession(session);
    const results = await Promise.all(Array.from({ length: 20 }, () => omni.users.list()));
    expect(results).toHaveLength(20);
    expect(server.issued).toBe(1);
    const tokens = server.other().map((s) => s.headers.get('tokenKey'));
    expect(tokens.filter((t) => t === 'stale')).toHaveLength(20);
    expect(tokens.filter((t) => t === 't1')).toHaveLength(20);
    expect(session.tokenKey).toBe('t1');
  });

  it('N concurrent requests after expiry by the injected clock: one authorize before any is sent', async () => {
    let now = T0;
    const clock = () => now;
    const server = tokenServer({ clock, delayAuthorize: 5 });
    const client = clientFor(server, clock);
    const session = await client.authorize('agent1', 'password1', { credentials });
    now = T0 + 8 * 3600_000; // the token's expiry_date
    expect(session.isExpired()).toBe(true);
    const omni = client.withSession(session);
    await Promise.all(Array.from({ length: 10 }, () => omni.users.list()));
    expect(server.issued).toBe(2);
    expect(server.other().map((s) => s.headers.get('tokenKey'))).toEqual(Array(10).fill('t2'));
  });

  it('re-authorizes ahead of expiry by the refresh margin', async () => {
    let now = T0;
    const clock = () => now;
    const server = tokenServer({ clock });
    const client = new OmniClient({
      baseUrl: 'http://omni.test',
      systemKey: 'k',
      fetch: server.fetch,
      now: clock,
      refreshMarginMs: 60_000,
    });
    const session = await client.authorize('agent1', 'password1', { credentials });
    now = T0 + 8 * 3600_000 - 61_000;
    expect(session.isExpired()).toBe(false);
    now += 2_000;
    expect(session.isExpired()).toBe(true);
  });

  it('re-authorizes once, not in a loop: a token refused right after authorize is final', async () => {
    const clock = () => T0;
    const fake = fakeFetch((req) =>
      req.url.pathname === '/omni/user/authorize'
        ? json(200, tokenData('fresh'))
        : omniError(401, 'INVALID_TOKEN', 'the user token is not valid'),
    );
    const client = new OmniClient({ baseUrl: 'http://omni.test', systemKey: 'k', fetch: fake.fetch, now: clock });
    const omni = client.withSession(client.restoreSession(tokenData('old'), { credentials }));
    const error = await omni.campaigns.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).errorCode).toBe('INVALID_TOKEN');
    expect(fake.seen.map((s) => s.url.pathname)).toEqual([
      '/omni/campaigns',
      '/omni/user/authorize',
      '/omni/campaigns',
    ]);
  });

  it('a stored session with an empty token authorizes before its first request, never sending the empty one', async () => {
    const clock = () => T0;
    const server = tokenServer({ clock });
    const client = clientFor(server, clock);
    const omni = client.withSession(client.restoreSession(tokenData(''), { credentials }));
    await omni.users.list();
    expect(server.issued).toBe(1);
    expect(server.other().map((s) => s.headers.get('tokenKey'))).toEqual(['t1']);
  });

  it('without a credentials callback the refusal reaches the caller and nothing re-authorizes', async () => {
    const clock = () => T0;
    const server = tokenServer({ clock });
    const client = clientFor(server, clock);
    const omni = client.withSession(client.restoreSession(tokenData('stale')));
    const error = await omni.users.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).errorCode).toBe('TOKEN_EXPIRED');
    expect(server.issued).toBe(0);
  });

  it('other 401s (a bad system key) do not re-authorize', async () => {
    const fake = fakeFetch((req) =>
      req.url.pathname === '/omni/user/authorize'
        ? json(200, tokenData('fresh'))
        : omniError(401, 'INVALID_SYSTEM_KEY', 'unknown system key'),
    );
    const client = new OmniClient({ baseUrl: 'http://omni.test', systemKey: 'k', fetch: fake.fetch, now: () => T0 });
    const omni = client.withSession(client.restoreSession(tokenData('t'), { credentials }));
    await expect(omni.users.list()).rejects.toMatchObject({ errorCode: 'INVALID_SYSTEM_KEY' });
    expect(fake.seen).toHaveLength(1);
  });

  it('a 401 without an error_code on a token route re-authorizes once (Omni’s error shape is inferred)', async () => {
    const clock = () => T0;
    const server = tokenServer({ clock, refusal: () => json(401, { message: 'Unauthorized', http_code: 401 }) });
    const client = clientFor(server, clock);
    const omni = client.withSession(client.restoreSession(tokenData('stale'), { credentials }));
    await omni.users.list();
    expect(server.issued).toBe(1);
  });

  it('the archive service’s 401 is about the system key: no token was sent, none is fetched again', async () => {
    const clock = () => T0;
    const fake = fakeFetch(() => json(401, { message: 'unable to validate api user', http_code: 401 }));
    const client = new OmniClient({ baseUrl: 'http://omni.test', systemKey: 'k', fetch: fake.fetch, now: clock });
    const omni = client.withSession(client.restoreSession(tokenData('t1'), { credentials }));
    const error = await omni.archive
      .dearchive({ insert_leads: true, delete_leads: true, lead_ids: [1] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, detail: 'unable to validate api user' });
    expect(fake.seen.map((s) => s.url.pathname)).toEqual(['/vicidial/leads/dearchive']);
    expect((fake.seen[0] as Seen).headers.get('tokenKey')).toBeNull();
  });

  it('a failing re-authorize reaches every waiting request, and the next call tries again', async () => {
    let allow = false;
    const fake = fakeFetch(async (req) => {
      if (req.url.pathname === '/omni/user/authorize') {
        // Slow enough that all three refusals arrive while it runs.
        await new Promise((r) => setTimeout(r, 20));
        return allow ? json(200, tokenData('t2')) : omniError(401, 'INVALID_TOKEN', 'wrong user name or password');
      }
      return req.headers.get('tokenKey') === 't2'
        ? json(200, { users: [] })
        : omniError(401, 'TOKEN_EXPIRED', 'expired');
    });
    const client = new OmniClient({ baseUrl: 'http://omni.test', systemKey: 'k', fetch: fake.fetch, now: () => T0 });
    const omni = client.withSession(client.restoreSession(tokenData('t1'), { credentials }));
    const errors = await Promise.all(
      [omni.users.list(), omni.users.list(), omni.users.list()].map((p) => p.catch((e) => e)),
    );
    for (const e of errors) expect(e).toBeInstanceOf(AuthenticationError);
    expect(fake.seen.filter((s) => s.url.pathname === '/omni/user/authorize')).toHaveLength(1);
    allow = true;
    await expect(omni.users.list()).resolves.toEqual({ users: [] });
  });

  it('a session is stored and restored without the password', async () => {
    const clock = () => T0;
    const server = tokenServer({ clock });
    const client = clientFor(server, clock);
    const session = await client.authorize('agent1', 'hunter2-secret', { credentials });
    const stored = JSON.stringify(session);
    expect(stored).not.toContain('hunter2');
    expect(stored).not.toContain(encodePassword('hunter2-secret'));
    expect(JSON.parse(stored)).toEqual(tokenData('t1', T0 + 8 * 3600_000));
    expect(Object.keys(session)).not.toContain('password');
    const restored = client.restoreSession(JSON.parse(stored) as SessionData);
    expect(restored.tokenKey).toBe('t1');
    await client.withSession(restored).users.list();
    expect(server.other().at(-1)?.headers.get('tokenKey')).toBe('t1');
    expect(() => client.restoreSession({ user_id: 1 } as unknown as SessionData)).toThrow(TypeError);
  });

  it('tells onRefresh about each new token, and credentials default the user name', async () => {
    const clock = () => T0;
    const server = tokenServer({ clock });
    const client = clientFor(server, clock);
    const refreshed: SessionData[] = [];
    const session = client.restoreSession(tokenData('stale'), {
      credentials,
      onRefresh: (data) => refreshed.push(data),
    });
    await client.withSession(session).users.list();
    expect(refreshed).toEqual([tokenData('t1', T0 + 8 * 3600_000)]);
    expect(server.authorizeBodies).toEqual([{ user_name: 'agent1', password: encodePassword('password1') }]);
  });

  it('refuses credentials that authorize another user', async () => {
    const fake = fakeFetch((req) =>
      req.url.pathname === '/omni/user/authorize'
        ? json(200, tokenData('x', T0 + 3600_000, 2))
        : omniError(401, 'TOKEN_EXPIRED', 'e'),
    );
    const client = new OmniClient({ baseUrl: 'http://omni.test', systemKey: 'k', fetch: fake.fetch, now: () => T0 });
    const session = client.restoreSession(tokenData('t'), {
      credentials: () => ({ user_name: 'agent2', password: 'p' }),
    });
    const error = await client
      .withSession(session)
      .users.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OmniError);
    expect((error as Error).message).toMatch(/authorized user 2 instead of 1/);
    expect(session.tokenKey).toBe('t');
  });

  it('when the server’s clock is far behind ours, a new token is not re-authorized on every call', async () => {
    // A mock on a manual clock issues tokens that expire "in the past" by the wall clock.
    const wall = () => T0 + 365 * 86_400_000;
    const server = tokenServer({ clock: () => T0 });
    const warnings: string[] = [];
    const client = new OmniClient({
      baseUrl: 'http://omni.test',
      systemKey: 'k',
      fetch: server.fetch,
      now: wall,
      logger: { warn: (m) => warnings.push(m) },
    });
    const session = await client.authorize('agent1', 'password1', { credentials });
    const omni = client.withSession(session);
    for (let i = 0; i < 3; i++) await omni.users.list();
    expect(server.issued).toBe(1);
    expect(session.isExpired()).toBe(false);
    expect(warnings.some((w) => w.includes('already looks expired'))).toBe(true);
  });

  it('the path’s {user_id} comes from the session', async () => {
    const fake = fakeFetch(() => json(200, { success: true, detail: 'ok' }));
    const client = new OmniClient({ baseUrl: 'http://omni.test/', systemKey: 'k', fetch: fake.fetch, now: () => T0 });
    const agent = client.agent(client.restoreSession(tokenData('t', T0 + 3600_000, 4)));
    await agent.logout();
    await agent.calls.hold(77);
    expect(fake.seen.map((s) => s.url.pathname)).toEqual(['/omni/users/4/logout', '/omni/voice/4/call/77/hold']);
  });
});
