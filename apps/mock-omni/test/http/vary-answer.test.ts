/**
 * Every value of the `errors`, `dates`, `ids` and `extras` axes on the wire, as literal tables: one request to a
 * system playing that variant (created through the control API with `vary`) and the answer expected, status and body,
 * through real HTTP. Every system's manual clock starts at Monday 2026-01-05 08:00 UTC.
 *
 * @module
 */

import { encodePassword, routes } from '@omnikit/contracts';
import { DEFAULT_VARIATION, parseVary } from '@omnikit/contracts/variants';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorAnswer } from '../../src/http/error-table.js';
import { RawJson } from '../../src/http/raw-json.js';
import { varyAnswer } from '../../src/http/vary-answer.js';
import type { Listening, MockOmni } from '../../src/index.js';
import { startMock } from '../support/omni-client.js';

let mock: MockOmni;
let server: Listening;

beforeAll(async () => {
  ({ mock } = await startMock());
  server = await mock.listen({ port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await server?.close();
  await mock?.close();
});

interface Wire {
  status: number;
  body: unknown;
  retryAfter: string | null;
}

async function send(method: string, path: string, key: string | null, token?: string, body?: unknown): Promise<Wire> {
  const headers: Record<string, string> = {};
  if (key !== null) headers.Authorization = `Key=${key}`;
  if (token !== undefined) headers.tokenKey = token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json(), retryAfter: res.headers.get('retry-after') };
}

interface Sys {
  key: string;
  token: string;
}

/** A fresh system playing `vary` (manual clock), its office hours in `timeZone`, agent1 authorized. */
async function system(vary: string, timeZone = 'UTC', clockStart?: string): Promise<Sys> {
  const made = await send('POST', '/__mock/systems', null, undefined, {
    clock: 'manual',
    vary,
    ...(clockStart ? { clock_start: clockStart } : {}),
  });
  expect(made.status).toBe(200);
  const key = (made.body as { system_key: string }).system_key;
  if (timeZone !== 'UTC') {
    const set = await send('PUT', '/__mock/office-hours', key, undefined, { time_zone: timeZone, windows: [] });
    expect(set.status).toBe(200);
  }
  const auth = await send('POST', '/omni/user/authorize', key, undefined, {
    user_name: 'agent1',
    password: encodePassword('password1'),
  });
  return { key, token: (auth.body as { token_key: string }).token_key };
}

/** Agent 1 on campaign 1 (Click-2-Dial) dials 0800555008: call 1, started at the clock's start. */
async function withCall(s: Sys): Promise<void> {
  await send('POST', '/__mock/phones/1001/register', s.key);
  await send('POST', '/omni/users/1/login', s.key, s.token, { campaign_id: 1, extension: '1001' });
  const call = await send('POST', '/omni/voice/1/call', s.key, s.token, { phone_number: '0800555008' });
  expect(call.status).toBe(200);
}

const NO_CAMPAIGN = 'campaign 999 does not exist in this system';
const NO_TOKEN = 'the tokenKey header is missing (and no tokenKey cookie): authorize first and send its token_key';
const BAD_LEAD = 'invalid body fields: other_info is required (and 1 more)';
const LEAD_ERRORS = [
  { field: 'other_info', message: 'is required' },
  { field: 'phone_numbers', message: 'is required' },
];

describe('errors: every 4xx of an Omni route in the system’s form', () => {
  interface Row {
    vary: string;
    request: 'unknown campaign' | 'no token' | 'bad lead';
    status: number;
    body: unknown;
  }
  const rows: Row[] = [
    {
      vary: 'errors=coded',
      request: 'unknown campaign',
      status: 404,
      body: {
        success: false,
        detail: NO_CAMPAIGN,
        error_code: 'NOT_FOUND',
        errors: [{ field: 'campaign_id', message: 'campaign 999 does not exist' }],
      },
    },
    {
      vary: 'errors=ok-false',
      request: 'unknown campaign',
      status: 200,
      body: {
        success: false,
        detail: NO_CAMPAIGN,
        errors: [{ field: 'campaign_id', message: 'campaign 999 does not exist' }],
      },
    },
    {
      vary: 'errors=status-only',
      request: 'unknown campaign',
      status: 404,
      body: { success: false, detail: NO_CAMPAIGN },
    },
    {
      vary: 'errors=coded',
      request: 'no token',
      status: 401,
      body: { success: false, detail: NO_TOKEN, error_code: 'MISSING_TOKEN' },
    },
    { vary: 'errors=ok-false', request: 'no token', status: 200, body: { success: false, detail: NO_TOKEN } },
    { vary: 'errors=status-only', request: 'no token', status: 401, body: { success: false, detail: NO_TOKEN } },
    {
      vary: 'errors=coded',
      request: 'bad lead',
      status: 400,
      body: { success: false, detail: BAD_LEAD, error_code: 'VALIDATION_FAILED', errors: LEAD_ERRORS },
    },
    // The field errors the detail folds ("and 1 more") come as the coded body's list (inferred).
    {
      vary: 'errors=ok-false',
      request: 'bad lead',
      status: 200,
      body: { success: false, detail: BAD_LEAD, errors: LEAD_ERRORS },
    },
    { vary: 'errors=status-only', request: 'bad lead', status: 400, body: { success: false, detail: BAD_LEAD } },
    {
      vary: 'errors=ok-false,extras=extra-fields',
      request: 'unknown campaign',
      status: 200,
      body: {
        success: false,
        detail: NO_CAMPAIGN,
        errors: [{ field: 'campaign_id', message: 'campaign 999 does not exist', server_node: 'omni-app-01' }],
        server_node: 'omni-app-01',
        api_version: '3.4.2',
        request_ms: 3,
      },
    },
  ];
  it.each(rows)('$vary: $request → $status', async ({ vary, request, status, body }) => {
    const s = await system(vary);
    const res =
      request === 'unknown campaign'
        ? await send('GET', '/omni/campaign/999', s.key, s.token)
        : request === 'no token'
          ? await send('GET', '/omni/campaign/1', s.key)
          : await send('POST', '/omni/lead', s.key, s.token, { list_id: 1 });
    expect({ status: res.status, body: res.body }).toEqual({ status, body });
  });

  // The detail says what the code means, so that a 200 { success: false } still reads as a rate limit.
  const limited = 'injected fault on getCampaign (fault 1): too many requests: rate limit reached';
  it.each([
    ['errors=coded', 429, { success: false, detail: limited, error_code: 'RATE_LIMITED' }],
    ['errors=ok-false', 200, { success: false, detail: limited }],
    ['errors=status-only', 429, { success: false, detail: limited }],
  ])('%s: a 429 keeps Retry-After → %i', async (vary, status, body) => {
    const s = await system(vary);
    const fault = await send('POST', '/__mock/faults', s.key, undefined, {
      route_id: 'getCampaign',
      error_code: 'RATE_LIMITED',
      retry_after_seconds: 7,
    });
    expect(fault.status).toBe(200);
    expect(await send('GET', '/omni/campaign/1', s.key, s.token)).toEqual({ status, body, retryAfter: '7' });
  });

  it('before the system is known (no key, an unknown key) the answer is the contracts’ own, whatever the mock plays', async () => {
    const { mock: varied } = await startMock({ vary: 'errors=ok-false' });
    const listening = await varied.listen({ port: 0, host: '127.0.0.1' });
    try {
      const noKey = await fetch(`${listening.url}/omni/campaign/1`);
      expect({ status: noKey.status, body: await noKey.json() }).toEqual({
        status: 401,
        body: {
          success: false,
          detail: 'send the system key as "Authorization: Key=<system key>" (or ?auth-key=)',
          error_code: 'MISSING_SYSTEM_KEY',
        },
      });
      const unknown = await fetch(`${listening.url}/omni/campaign/1`, {
        headers: { Authorization: 'Key=nobody-at-all' },
      });
      expect({ status: unknown.status, body: await unknown.json() }).toEqual({
        status: 401,
        body: {
          success: false,
          detail: 'the system key is not the key of any system of this mock',
          error_code: 'INVALID_SYSTEM_KEY',
        },
      });
      // Once the key names the system, its variation applies.
      const known = await fetch(`${listening.url}/omni/campaign/1`, {
        headers: { Authorization: `Key=${varied.defaultSystemKey}` },
      });
      expect({ status: known.status, body: await known.json() }).toEqual({
        status: 200,
        body: { success: false, detail: NO_TOKEN },
      });
    } finally {
      await listening.close();
      await varied.close();
    }
  });

  it('/vicidial/* keeps its documented shape and /__mock/* the control API’s, under errors=ok-false', async () => {
    const s = await system('errors=ok-false,extras=extra-fields');
    const archive = await send('POST', '/vicidial/leads/archive', s.key, undefined, {
      insert_leads: true,
      update_leads: false,
      delete_leads: false,
      lead_ids: [],
    });
    expect(archive).toEqual({
      status: 400,
      retryAfter: null,
      body: { message: 'lead_ids must contain atleast 1 value', lead_errors: 0, lead_ids: [], http_code: 400 },
    });
    const control = await send('DELETE', '/__mock/faults/99', s.key);
    expect(control.status).toBe(404);
    expect(control.body).toMatchObject({ success: false, error_code: 'NOT_FOUND' });
  });
});

describe('dates: every date-time of an answer in the system’s form and time zone', () => {
  const call = {
    call_id: 1,
    phone_number: '0800555008',
    call_state: 'initiated',
    call_direction: 'outbound',
    call_type: 1,
    campaign_id: 1,
    lead_id: 0,
    unique_id: '',
    agent_leg_state: 'none',
    recording_state: 'off',
    answer_time: null,
    end_time: null,
  };
  it.each([
    ['dates=iso-z', 'Africa/Johannesburg', undefined, '2026-01-05T08:00:00.000Z'],
    ['dates=vicidial', 'Africa/Johannesburg', undefined, '2026-01-05 10:00:00'],
    ['dates=vicidial', 'UTC', undefined, '2026-01-05 08:00:00'],
    ['dates=iso-offset', 'Africa/Johannesburg', undefined, '2026-01-05T10:00:00.000+02:00'],
    ['dates=iso-offset', 'UTC', undefined, '2026-01-05T08:00:00.000+00:00'],
    // New York: standard time in January, daylight saving time in July, each instant with its own offset.
    ['dates=iso-offset', 'America/New_York', undefined, '2026-01-05T03:00:00.000-05:00'],
    ['dates=iso-offset', 'America/New_York', '2026-07-06T08:00:00.000Z', '2026-07-06T04:00:00.000-04:00'],
    ['dates=vicidial', 'America/New_York', '2026-07-06T08:00:00.000Z', '2026-07-06 04:00:00'],
  ])('%s in %s (clock from %s): call_start_time %s', async (vary, zone, start, startTime) => {
    const s = await system(vary, zone, start);
    await withCall(s);
    const res = await send('GET', '/omni/voice/1/call/1', s.key, s.token);
    expect({ status: res.status, body: res.body }).toEqual({
      status: 200,
      body: { ...call, call_start_time: startTime },
    });
  });

  it('authorize’s expiry_date stays ISO-8601 with Z under every form: A.2 documents it', async () => {
    const s = await system('dates=vicidial', 'Africa/Johannesburg');
    const res = await send('POST', '/omni/user/authorize', s.key, undefined, {
      user_name: 'agent2',
      password: encodePassword('password2'),
    });
    expect(res.body).toMatchObject({ user_id: 2, expiry_date: '2026-01-05T16:00:00.000Z' });
  });
});

describe('ids: integer ids as decimal strings', () => {
  it('GET /omni/voice/1/call/1 → "call_id":"1", every *_id a string, other integers numbers', async () => {
    const s = await system('ids=strings');
    await withCall(s);
    expect(await send('GET', '/omni/voice/1/call/1', s.key, s.token)).toEqual({
      status: 200,
      retryAfter: null,
      body: {
        call_id: '1',
        phone_number: '0800555008',
        call_state: 'initiated',
        call_direction: 'outbound',
        call_type: 1,
        campaign_id: '1',
        lead_id: '0',
        unique_id: '',
        agent_leg_state: 'none',
        recording_state: 'off',
        call_start_time: '2026-01-05T08:00:00.000Z',
        answer_time: null,
        end_time: null,
      },
    });
  });

  it('a pre-serialised answer (a campaign) is varied too', async () => {
    const s = await system('ids=strings');
    const res = await send('GET', '/omni/campaign/1', s.key, s.token);
    expect(res.body).toMatchObject({
      campaign_id: '1',
      campaign_type: 3,
      teleparam_plan_id: '0',
      default_list_id: '0',
      schedule_plan_id: '0',
    });
  });

  it('authorize: "user_id":"1"; GET /omni/users was strings already', async () => {
    const s = await system('ids=strings');
    const auth = await send('POST', '/omni/user/authorize', s.key, undefined, {
      user_name: 'agent1',
      password: encodePassword('password1'),
    });
    expect(auth.body).toMatchObject({ user_id: '1', user_name: 'agent1' });
    const users = await send('GET', '/omni/users', s.key, s.token);
    expect((users.body as { users: unknown[] }).users[0]).toEqual({ user_id: '1', user_name: 'agent1' });
  });
});

describe('extras: unknown fields on every object', () => {
  const EXTRA = { server_node: 'omni-app-01' };
  const TOP = { server_node: 'omni-app-01', api_version: '3.4.2', request_ms: 3 };
  it('GET /omni/users: on the answer and on each user', async () => {
    const s = await system('extras=extra-fields');
    const res = await send('GET', '/omni/users', s.key, s.token);
    expect(res).toEqual({
      status: 200,
      retryAfter: null,
      body: {
        users: [1, 2, 3, 4, 5].map((n) => ({ user_id: String(n), user_name: `agent${n}`, ...EXTRA })),
        ...TOP,
      },
    });
  });

  it('POST /omni/voice/1/call: on the answer', async () => {
    const s = await system('extras=extra-fields');
    await send('POST', '/__mock/phones/1001/register', s.key);
    await send('POST', '/omni/users/1/login', s.key, s.token, { campaign_id: 1, extension: '1001' });
    expect(await send('POST', '/omni/voice/1/call', s.key, s.token, { phone_number: '0800555008' })).toEqual({
      status: 200,
      retryAfter: null,
      body: {
        call_id: 1,
        phone_number: '0800555008',
        call_state: 'initiated',
        call_start_time: '2026-01-05T08:00:00.000Z',
        ...TOP,
      },
    });
  });

  it('all three with dates and ids: POST /omni/voice/1/call', async () => {
    const s = await system('dates=vicidial,ids=strings,extras=extra-fields', 'Africa/Johannesburg');
    await send('POST', '/__mock/phones/1001/register', s.key);
    await send('POST', '/omni/users/1/login', s.key, s.token, { campaign_id: 1, extension: '1001' });
    expect((await send('POST', '/omni/voice/1/call', s.key, s.token, { phone_number: '0800555008' })).body).toEqual({
      call_id: '1',
      phone_number: '0800555008',
      call_state: 'initiated',
      call_start_time: '2026-01-05 10:00:00',
      ...TOP,
    });
  });
});

describe('the journal shows what was sent', () => {
  it('the varied body, not the contract’s', async () => {
    const s = await system('ids=strings,errors=ok-false');
    await send('GET', '/omni/campaign/999', s.key, s.token);
    const journal = await send('GET', '/__mock/journal?limit=1', s.key);
    expect((journal.body as { entries: unknown[] }).entries[0]).toMatchObject({
      route_id: 'getCampaign',
      status: 200,
      response_body: { success: false, detail: NO_CAMPAIGN },
    });
  });
});

describe('the contracts’ own shapes cost nothing', () => {
  it('a default system’s answer is the very value the handler gave (a RawJson stays unparsed)', () => {
    const sys = { variation: DEFAULT_VARIATION, record: { officeHours: { time_zone: 'UTC' } } } as Parameters<
      typeof varyAnswer
    >[2];
    const raw = new RawJson('{"campaign_id":1}');
    expect(varyAnswer(routes.getCampaign, undefined, sys, 200, raw).body).toBe(raw);
    const refused = errorAnswer({ code: 'NOT_FOUND', detail: NO_CAMPAIGN });
    expect(varyAnswer(routes.getCampaign, undefined, sys, 404, refused.body)).toEqual({
      status: 404,
      body: refused.body,
    });
  });

  it('a system with only tokens and notifications varied keeps the bodies byte for byte', async () => {
    const plain = await system('default');
    const other = await system('tokens=revoke-older,notifications=twice');
    for (const s of [plain, other]) await withCall(s);
    for (const path of ['/omni/voice/1/call/1', '/omni/campaign/1', '/omni/campaign/999', '/omni/users']) {
      const texts = await Promise.all(
        [plain, other].map((s) =>
          fetch(`${server.url}${path}`, { headers: { Authorization: `Key=${s.key}`, tokenKey: s.token } }).then((r) =>
            r.text(),
          ),
        ),
      );
      expect(texts[1]).toBe(texts[0]);
    }
  });

  it('parseVary("default") is the DEFAULT_VARIATION object the answer stage skips on', () => {
    expect(parseVary('default')).toBe(DEFAULT_VARIATION);
  });
});
