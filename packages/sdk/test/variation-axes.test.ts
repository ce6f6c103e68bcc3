import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  InvalidStateError,
  NotFoundError,
  OmniClient,
  type OmniClientOptions,
  RateLimitError,
  ValidationError,
} from '../src/index.js';
import { fakeFetch, json, type Responder, type Seen, T0, tokenData } from './support/fake-fetch.js';

/**
 * Per axis and value (issue 19's variation axes), a literal table: one request, the answer as a
 * Omni of that variant writes it on the wire, and what the sdk hands the application. The wire
 * answers are written out by hand, not produced by the contracts' rewriters, so a rewriter and the
 * sdk cannot agree on a mistake.
 */

const SESSION = tokenData('t1', T0 + 3600_000, 3);

function clientOn(responder: Responder, extra: Partial<OmniClientOptions> = {}) {
  const fake = fakeFetch(responder);
  const client = new OmniClient({
    baseUrl: 'http://omni.test',
    systemKey: 'k',
    fetch: fake.fetch,
    now: () => T0,
    maxRetries: 0,
    validateResponses: true,
    ...extra,
  });
  return { client, seen: fake.seen, agent: client.agent(client.restoreSession(SESSION)) };
}

const caught = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

describe('errors: the same class in all three forms', () => {
  /** [what, the request, the three wire answers, the class]. */
  const TABLE = [
    {
      what: 'hold on a ringing call',
      coded: [
        409,
        {
          success: false,
          detail:
            'hold is not allowed in this state (call_state ringing, agent_leg_state none, recording_state off, wrap-up none, conference none): hold needs an answered call the agent is connected to',
          error_code: 'INVALID_STATE',
        },
      ],
      class: InvalidStateError,
    },
    {
      what: 'hold on an unknown call',
      coded: [404, { success: false, detail: 'call 12 does not exist in this system', error_code: 'NOT_FOUND' }],
      class: NotFoundError,
    },
    {
      what: 'hold with a malformed path id',
      coded: [
        400,
        {
          success: false,
          detail: 'invalid path parameter: call_id must be a positive integer',
          error_code: 'VALIDATION_FAILED',
          errors: [{ field: 'call_id', message: 'must be a positive integer' }],
        },
      ],
      class: ValidationError,
    },
    {
      what: 'hold before campaign login',
      coded: [
        409,
        {
          success: false,
          detail: 'agent 3 is not logged in to a campaign: log in first',
          error_code: 'AGENT_NOT_LOGGED_IN',
        },
      ],
      class: InvalidStateError,
    },
  ] as const;

  for (const row of TABLE) {
    const [status, coded] = row.coded;
    const plain = { success: false, detail: coded.detail };
    const forms = [
      ['coded', status, coded, status, coded.error_code],
      ['status-only', status, plain, status, undefined],
      ['ok-false', 200, plain, 200, undefined],
    ] as const;
    for (const [form, wireStatus, body, expectStatus, expectCode] of forms) {
      it(`${row.what}, ${form}: ${wireStatus} ${JSON.stringify(body).slice(0, 50)}… → ${row.class.name}`, async () => {
        const { agent, seen } = clientOn(() => json(wireStatus, body));
        const error = await caught(agent.calls.hold(12));
        expect(error).toBeInstanceOf(row.class);
        expect(error).toMatchObject({ status: expectStatus, errorCode: expectCode, detail: coded.detail });
        expect(seen).toHaveLength(1);
      });
    }
  }

  it('ok-false: a 200 `{ success: false }` is never a success, even where the contract allows success false', async () => {
    // cancelShotgun answers `{ success, detail }`: the body would pass the schema.
    const { agent } = clientOn(() =>
      json(200, { success: false, detail: 'shotgun 4 is won: only a race still racing can be cancelled' }),
    );
    await expect(agent.shotgun.cancel(4)).rejects.toBeInstanceOf(InvalidStateError);
  });

  it('ok-false: a rate limit (Retry-After) on an idempotent route is retried as a 429 would be', async () => {
    const { agent, seen } = clientOn(
      (_req, n) =>
        n === 1
          ? json(200, { success: false, detail: 'Too many requests' }, { 'retry-after': '0' })
          : json(200, { campaigns: [] }),
      { maxRetries: 2, sleep: async () => {} },
    );
    expect(await agent.campaigns.list()).toEqual({ campaigns: [] });
    expect(seen).toHaveLength(2);
  });

  it('ok-false: a rate limit on a call is not retried (it may have dialled)', async () => {
    const { agent, seen } = clientOn(
      () => json(200, { success: false, detail: 'Too many requests' }, { 'retry-after': '0' }),
      { maxRetries: 2, sleep: async () => {} },
    );
    await expect(agent.calls.make({ phone_number: '0800555001' })).rejects.toBeInstanceOf(RateLimitError);
    expect(seen).toHaveLength(1);
  });
});

describe('errors on a binary route', () => {
  it('ok-false: a recording that does not exist is a NotFoundError, not a Blob of JSON', async () => {
    const { agent } = clientOn(() =>
      json(200, { success: false, detail: 'recording 9_20260105080000.wav does not exist in this system' }),
    );
    await expect(agent.recordings.get('9_20260105080000.wav')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('a WAV is still a Blob', async () => {
    const { agent } = clientOn(
      () => new Response(new Uint8Array([82, 73, 70, 70]), { status: 200, headers: { 'content-type': 'audio/wav' } }),
    );
    const wav = await agent.recordings.get('9_20260105080000.wav');
    expect(wav).toBeInstanceOf(Blob);
    expect(new Uint8Array(await wav.arrayBuffer())).toEqual(new Uint8Array([82, 73, 70, 70]));
  });
});

describe('tokens: a refused token is re-authorized once, then the request is retried once', () => {
  /** The refusal of a revoked token, as each `errors` form writes it. */
  const REVOKED = 'the tokenKey was revoked by a newer authorize of user 3: authorize again';
  const REFUSALS = [
    ['coded', () => json(401, { success: false, detail: REVOKED, error_code: 'INVALID_TOKEN' })],
    ['status-only', () => json(401, { success: false, detail: REVOKED })],
    ['ok-false', () => json(200, { success: false, detail: REVOKED })],
  ] as const;
  const STARTED = {
    call_id: 7,
    phone_number: '0800555001',
    call_state: 'initiated',
    call_start_time: '2026-01-05T08:00:00.000Z',
  };

  for (const [form, refusal] of REFUSALS) {
    it(`revoke-older, ${form}: makeCall (not idempotent) refused, re-authorized, sent again once`, async () => {
      const { client, seen } = clientOn((req: Seen) => {
        if (req.url.pathname === '/omni/user/authorize') return json(200, tokenData('t2', T0 + 3600_000, 3));
        return req.headers.get('tokenKey') === 't2' ? json(200, STARTED) : refusal();
      });
      const session = client.restoreSession(SESSION, { credentials: () => ({ password: 'password3' }) });
      expect(await client.agent(session).calls.make({ phone_number: '0800555001' })).toEqual(STARTED);
      expect(seen.map((s) => `${s.url.pathname} ${s.headers.get('tokenKey') ?? '-'}`)).toEqual([
        '/omni/voice/3/call t1',
        '/omni/user/authorize -',
        '/omni/voice/3/call t2',
      ]);
      expect(session.tokenKey).toBe('t2');
    });

    it(`revoke-older, ${form}: refused again after the new authorize → thrown, never a loop`, async () => {
      const { client, seen } = clientOn((req: Seen) =>
        req.url.pathname === '/omni/user/authorize' ? json(200, tokenData('t2', T0 + 3600_000, 3)) : refusal(),
      );
      const session = client.restoreSession(SESSION, { credentials: () => ({ password: 'password3' }) });
      const error = await caught(client.agent(session).calls.make({ phone_number: '0800555001' }));
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(seen).toHaveLength(3);
    });
  }

  it('status-only: a 401 that blames the system key does not re-authorize', async () => {
    const { client, seen } = clientOn(() =>
      json(401, { success: false, detail: 'the system key is not the key of any system of this mock' }),
    );
    const session = client.restoreSession(SESSION, { credentials: () => ({ password: 'password3' }) });
    await expect(client.agent(session).get()).rejects.toBeInstanceOf(AuthenticationError);
    expect(seen).toHaveLength(1);
  });

  it('short-lived: a 15-minute token is renewed by the clock before it is sent', async () => {
    let now = T0;
    const { client, seen } = clientOn(
      (req: Seen) =>
        req.url.pathname === '/omni/user/authorize'
          ? json(200, tokenData(`t${seen.length}`, now + 15 * 60_000, 3))
          : json(200, { users: [] }),
      { now: () => now },
    );
    const session = await client.authorize('agent3', 'password3', { credentials: () => ({ password: 'password3' }) });
    expect(session.expiryDate).toBe('2026-01-05T08:15:00.000Z');
    now = T0 + 15 * 60_000 - 10_000; // inside the 30 s refresh margin
    await client.withSession(session).users.list();
    expect(seen.map((s) => s.url.pathname)).toEqual(['/omni/user/authorize', '/omni/user/authorize', '/omni/users']);
  });

  it('several: two sessions of one user keep their own tokens', async () => {
    const { client, seen } = clientOn((req: Seen) =>
      req.url.pathname === '/omni/user/authorize'
        ? json(200, tokenData(`t${seen.length}`, T0 + 3600_000, 3))
        : json(200, { users: [] }),
    );
    const a = await client.authorize('agent3', 'password3');
    const b = await client.authorize('agent3', 'password3');
    await client.withSession(a).users.list();
    await client.withSession(b).users.list();
    expect(seen.map((s) => s.headers.get('tokenKey'))).toEqual([null, null, 't1', 't2']);
  });
});

describe('dates: every date-time comes out as ISO-8601 UTC with milliseconds and Z', () => {
  const call = (times: [string, string | null]) => ({
    call_id: 7,
    phone_number: '0800555001',
    call_state: 'answered',
    call_direction: 'outbound',
    call_type: 1,
    campaign_id: 1,
    lead_id: 0,
    unique_id: 'crm-7',
    agent_leg_state: 'connected',
    recording_state: 'off',
    call_start_time: times[0],
    answer_time: times[1],
    end_time: null,
  });
  /** [form, the client's timeZone, call_start_time and answer_time on the wire]. */
  const TABLE = [
    ['iso-z', undefined, ['2026-01-05T08:00:00.000Z', '2026-01-05T08:00:03.250Z']],
    ['vicidial, UTC', undefined, ['2026-01-05 08:00:00', '2026-01-05 08:00:03']],
    ['vicidial, Johannesburg', 'Africa/Johannesburg', ['2026-01-05 10:00:00', '2026-01-05 10:00:03']],
    ['vicidial, fixed offset', '+02:00', ['2026-01-05 10:00:00', '2026-01-05 10:00:03']],
    ['vicidial, New York in winter', 'America/New_York', ['2026-01-05 03:00:00', '2026-01-05 03:00:03']],
    ['iso-offset, UTC', undefined, ['2026-01-05T08:00:00.000+00:00', '2026-01-05T08:00:03.250+00:00']],
    ['iso-offset, +02:00', 'Africa/Johannesburg', ['2026-01-05T10:00:00.000+02:00', '2026-01-05T10:00:03.250+02:00']],
  ] as const;
  for (const [form, timeZone, wire] of TABLE) {
    it(`${form}: ${wire[0]} → 2026-01-05T08:00:00.000Z`, async () => {
      const { agent } = clientOn(() => json(200, call([wire[0], wire[1]])), timeZone ? { timeZone } : {});
      const got = await agent.calls.get(7);
      expect(got.call_start_time).toBe('2026-01-05T08:00:00.000Z');
      // The local form has whole seconds; the ISO forms keep the milliseconds.
      expect(got.answer_time).toBe(
        form.startsWith('vicidial') ? '2026-01-05T08:00:03.000Z' : '2026-01-05T08:00:03.250Z',
      );
      expect(got.end_time).toBeNull();
    });
  }

  it('vicidial across a DST change: New York in July is UTC-4', async () => {
    const { agent } = clientOn(() => json(200, call(['2026-07-06 04:00:00', null])), { timeZone: 'America/New_York' });
    expect((await agent.calls.get(7)).call_start_time).toBe('2026-07-06T08:00:00.000Z');
  });

  it('authorize: the token expiry the session caches is the same instant in every form', async () => {
    for (const [expiry, timeZone] of [
      ['2026-01-05T16:00:00.000Z', 'UTC'],
      ['2026-01-05 18:00:00', 'Africa/Johannesburg'],
      ['2026-01-05T18:00:00.000+02:00', 'UTC'],
    ] as const) {
      let now = T0;
      const { client } = clientOn(
        () => json(200, { user_id: 3, user_name: 'agent3', token_key: 't1', expiry_date: expiry }),
        { timeZone, now: () => now, refreshMarginMs: 0 },
      );
      const session = await client.authorize('agent3', 'password3');
      expect(session.expiryDate).toBe('2026-01-05T16:00:00.000Z');
      now = Date.parse('2026-01-05T15:59:59.000Z');
      expect(session.isExpired()).toBe(false);
      now = Date.parse('2026-01-05T16:00:00.000Z');
      expect(session.isExpired()).toBe(true);
    }
  });

  it('restoreSession reads a stored expiry in any form', () => {
    const { client } = clientOn(() => json(200, {}), { timeZone: 'Africa/Johannesburg' });
    const session = client.restoreSession({ ...SESSION, expiry_date: '2026-01-05 11:00:00' });
    expect(session.expiryDate).toBe('2026-01-05T09:00:00.000Z');
  });

  it('a bad timeZone is refused when the client is made', () => {
    expect(() => new OmniClient({ baseUrl: 'http://omni.test', systemKey: 'k', timeZone: 'Mars/Olympus' })).toThrow(
      /timeZone "Mars\/Olympus" is neither an IANA time zone/,
    );
  });
});

describe('ids: integer ids sent as strings come out as numbers, where the contract says integer', () => {
  it('strings: a shotgun and its legs', async () => {
    const { agent } = clientOn(() =>
      json(200, {
        shotgun_id: '4',
        state: 'won',
        winner_call_id: '51',
        legs: [
          { call_id: '51', phone_number: '0800555008', call_state: 'answered', outcome: 'won', sip_code: 200 },
          { call_id: '52', phone_number: '0800555002', call_state: 'ended', outcome: 'busy', sip_code: 486 },
        ],
      }),
    );
    expect(await agent.shotgun.get(4)).toEqual({
      shotgun_id: 4,
      state: 'won',
      winner_call_id: 51,
      legs: [
        { call_id: 51, phone_number: '0800555008', call_state: 'answered', outcome: 'won', sip_code: 200 },
        { call_id: 52, phone_number: '0800555002', call_state: 'ended', outcome: 'busy', sip_code: 486 },
      ],
    });
  });

  it('strings: absent ids ("0") become 0; integers stay as they are', async () => {
    const started = {
      call_id: '7',
      phone_number: '0800555001',
      call_state: 'initiated',
      call_start_time: '2026-01-05T08:00:00.000Z',
    };
    const { agent } = clientOn(() => json(200, started));
    expect((await agent.calls.make({ phone_number: '0800555001' })).call_id).toBe(7);
    const { agent: plain } = clientOn(() => json(200, { ...started, call_id: 7 }));
    expect((await plain.calls.make({ phone_number: '0800555001' })).call_id).toBe(7);
  });

  it('GET /omni/users keeps user_id a string: the contract documents it so', async () => {
    const { agent } = clientOn(() => json(200, { users: [{ user_id: '3', user_name: 'agent3' }] }));
    expect(await agent.users.list()).toEqual({ users: [{ user_id: '3', user_name: 'agent3' }] });
  });

  it('a string that is not a decimal id is left alone, and validation says so', async () => {
    const { agent } = clientOn(() =>
      json(200, {
        call_id: 'seven',
        phone_number: '0800555001',
        call_state: 'initiated',
        call_start_time: '2026-01-05T08:00:00.000Z',
      }),
    );
    await expect(agent.calls.make({ phone_number: '0800555001' })).rejects.toMatchObject({
      name: 'ResponseValidationError',
      issues: [expect.objectContaining({ path: 'call_id' })],
    });
  });
});

describe('extras: unknown fields are tolerated and kept', () => {
  it('extra-fields: at the top and in every object, with validation on', async () => {
    const { agent } = clientOn(() =>
      json(200, {
        shotgun_id: 4,
        state: 'racing',
        winner_call_id: 0,
        legs: [
          {
            call_id: 51,
            phone_number: '0800555008',
            call_state: 'ringing',
            outcome: 'pending',
            sip_code: 0,
            server_node: 'omni-app-01',
          },
        ],
        server_node: 'omni-app-01',
        api_version: '3.4.2',
        request_ms: 3,
      }),
    );
    const got = await agent.shotgun.get(4);
    expect(got).toMatchObject({ shotgun_id: 4, api_version: '3.4.2', request_ms: 3, server_node: 'omni-app-01' });
    expect(got.legs[0]).toMatchObject({ call_id: 51, server_node: 'omni-app-01' });
  });

  it('exact: the answer as the contract writes it', async () => {
    const body = { shotgun_id: 4, state: 'cancelled', winner_call_id: 0, legs: [] };
    const { agent } = clientOn(() => json(200, body));
    expect(await agent.shotgun.get(4)).toEqual(body);
  });
});
