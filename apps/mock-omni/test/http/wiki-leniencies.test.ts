/**
 * Inputs TForge's wiki allows, as omni-api.md A.6 and B.3 transcribe them, each row with the page it comes from: the
 * status, and what the mock then holds. The rows after each leniency are the bad inputs that still fail. Every row
 * runs on a fresh system whose manual clock stands at 08:01:30.
 *
 * @module
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenKeyCookie } from '../../src/http/read-token.js';
import type { MockOmni } from '../../src/index.js';
import { type Answer as AnswerOf, type OmniTestClient, startMock } from '../support/omni-client.js';
import { rawGet } from '../support/raw-get.js';

// biome-ignore lint/suspicious/noExplicitAny: rows read answers loosely and assert each field.
type Answer = AnswerOf<any>;

const ADD_LEAD = '2175107084';
const BULK = '2174943251';
const CAMPAIGN = '2174910465';
const TOKENS = '2158002231';
const NOW = '2026-01-05T08:01:30.000Z';

let mock: MockOmni;
let root: OmniTestClient;
beforeAll(async () => {
  ({ mock, client: root } = await startMock());
});
afterAll(() => mock.close());

interface Sys {
  c: OmniTestClient;
  token: string;
}

async function freshSystem(): Promise<Sys> {
  const created = await root.request('POST', '/__mock/systems', { body: { clock: 'manual' } });
  const c = root.withKey(created.body.system_key as string);
  await c.advance(90_000);
  return { c, token: await c.login() };
}

const phoneSchedule = (s: Sys, leadId: number) =>
  s.c
    .request('GET', `/omni/lead/${leadId}`, { token: s.token })
    .then((r) =>
      r.body.phone_numbers.map((p: { schedule_call_date_time: string | null }) => p.schedule_call_date_time),
    );

/** A lead row of the add-lead table: `schedule_call_date_time` as sent (absent when undefined). */
interface AddLeadRow {
  page: string;
  schedule: unknown;
  status: number;
  /** The stored phone's schedule (200), or the field the 400 names. */
  holds: string | null;
}

describe(`add lead, schedule_call_date_time (page ${ADD_LEAD}: "Now()" for the default)`, () => {
  const rows: AddLeadRow[] = [
    { page: ADD_LEAD, schedule: 'Now()', status: 200, holds: NOW },
    { page: ADD_LEAD, schedule: undefined, status: 200, holds: null },
    { page: ADD_LEAD, schedule: '2026-01-06 09:00:00', status: 200, holds: '2026-01-06T09:00:00.000Z' },
    { page: ADD_LEAD, schedule: 'Now', status: 400, holds: 'phone_numbers.0.schedule_call_date_time' },
    { page: ADD_LEAD, schedule: 'NOW()', status: 400, holds: 'phone_numbers.0.schedule_call_date_time' },
    { page: ADD_LEAD, schedule: 'later', status: 400, holds: 'phone_numbers.0.schedule_call_date_time' },
    { page: ADD_LEAD, schedule: null, status: 400, holds: 'phone_numbers.0.schedule_call_date_time' },
  ];
  it.each(rows)('page $page: $schedule → $status ($holds)', async ({ schedule, status, holds }) => {
    const s = await freshSystem();
    const phone =
      schedule === undefined
        ? { phone_number: '0215550100' }
        : { phone_number: '0215550100', schedule_call_date_time: schedule };
    const res = await s.c.request('POST', '/omni/lead', {
      token: s.token,
      body: { other_info: 'Asked for a quote', list_id: 1, phone_numbers: [phone] },
    });
    expect(res.status).toBe(status);
    if (status === 200) expect(await phoneSchedule(s, res.body.lead_id)).toEqual([holds]);
    else expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([holds]);
  });
});

/** A bulk upload row of the table: the body sent, the status, and what must hold after. */
interface BulkRow {
  page: string;
  what: string;
  body: Record<string, unknown>;
  status: number;
  holds: (res: Answer, s: Sys) => Promise<void> | void;
}

const upload = (extra: Record<string, unknown>) => ({ list_id: 1, dnc_check: false, deduplication: true, ...extra });
const newestLead = async (s: Sys, listId: number) => {
  const page = await s.c.request('GET', `/omni/list/${listId}/leads?page=1&page_size=500`, { token: s.token });
  const leads = page.body.leads as { lead_id: number }[];
  const newest = leads.reduce((a, b) => (a.lead_id > b.lead_id ? a : b));
  return (await s.c.request('GET', `/omni/lead/${newest.lead_id}`, { token: s.token })).body;
};
const counts = (res: Answer) => [
  res.body.inserted,
  res.body.duplicates,
  res.body.dnc_rejected,
  res.body.rejected.length,
];

describe(`bulk upload (page ${BULK})`, () => {
  const rows: BulkRow[] = [
    {
      page: BULK,
      what: 'schedule_call_date_time: null ("null if not needed")',
      body: upload({ leads: [{ phone_number_1: '0211110001', schedule_call_date_time: null }] }),
      status: 200,
      holds: async (res, s) => {
        expect(counts(res)).toEqual([1, 0, 0, 0]);
        expect((await newestLead(s, 1)).phone_numbers[0].schedule_call_date_time).toBeNull();
      },
    },
    {
      page: BULK,
      what: 'an empty phone_number_2 means none',
      body: upload({ leads: [{ phone_number_1: '0211110002', phone_number_2: '' }] }),
      status: 200,
      holds: async (res, s) => {
        expect(counts(res)).toEqual([1, 0, 0, 0]);
        const lead = await newestLead(s, 1);
        expect(lead.phone_numbers.map((p: { phone_number: string }) => p.phone_number)).toEqual(['0211110002']);
      },
    },
    {
      page: BULK,
      what: 'every optional cell empty, as a CSV-fed upload sends them',
      body: upload({
        leads: [
          {
            phone_number_1: '0211110003',
            phone_number_2: '',
            phone_number_3: '',
            email_1: '',
            email_2: '',
            messenger: '',
            unique_id: '',
            title: '',
            first_name: '',
            last_name: '',
            address_line_1: '',
            address_line_2: '',
            city: '',
            province: '',
            postal_code: '',
            caller_id: '',
            schedule_call_date_time: '',
          },
        ],
      }),
      status: 200,
      holds: async (res, s) => {
        expect(counts(res)).toEqual([1, 0, 0, 0]);
        const lead = await newestLead(s, 1);
        expect([lead.unique_id, lead.phone_numbers.length, lead.phone_numbers[0].schedule_call_date_time]).toEqual([
          '',
          1,
          null,
        ]);
      },
    },
    {
      page: BULK,
      what: 'reference_id (the table’s name for unique_id), deduplicated as unique_id',
      body: upload({
        leads: [
          { phone_number_1: '0211110004', reference_id: 'CRM-7' },
          { phone_number_1: '0211110005', unique_id: 'CRM-7' },
        ],
      }),
      status: 200,
      holds: async (res, s) => {
        expect(counts(res)).toEqual([1, 1, 0, 1]);
        expect(res.body.rejected[0]).toMatchObject({ index: 1, field: 'unique_id' });
        expect((await newestLead(s, 1)).unique_id).toBe('CRM-7');
      },
    },
    {
      page: BULK,
      what: 'unique_id and reference_id both sent: unique_id is kept',
      body: upload({ leads: [{ phone_number_1: '0211110006', unique_id: 'U-1', reference_id: 'R-1' }] }),
      status: 200,
      holds: async (_res, s) => expect((await newestLead(s, 1)).unique_id).toBe('U-1'),
    },
    {
      page: BULK,
      what: 'the older body with list_name: the list is found by its name',
      body: {
        list_name: 'Preview leads',
        dnc_check: false,
        deduplication: false,
        leads: [{ phone_number_1: '0211110007' }],
      },
      status: 200,
      holds: async (res, s) => {
        expect(counts(res)).toEqual([1, 0, 0, 0]);
        expect(res.body.detail).toMatch(/into list 2;/);
        const lead = await newestLead(s, 2);
        expect([lead.list_id, lead.phone_numbers[0].phone_number]).toEqual([2, '0211110007']);
      },
    },
    {
      page: BULK,
      what: 'list_id and list_name both sent: list_id is used',
      body: upload({ list_id: 3, list_name: 'Preview leads', leads: [{ phone_number_1: '0211110008' }] }),
      status: 200,
      holds: async (res) => expect(res.body.detail).toMatch(/into list 3;/),
    },
    // Bad inputs that still fail.
    {
      page: BULK,
      what: 'a list_name no list has',
      body: {
        list_name: 'No such list',
        dnc_check: false,
        deduplication: false,
        leads: [{ phone_number_1: '0211110009' }],
      },
      status: 404,
      holds: (res) => {
        expect(res.body.error_code).toBe('NOT_FOUND');
        expect(res.body.errors).toEqual([{ field: 'list_name', message: 'list No such list does not exist' }]);
      },
    },
    {
      page: BULK,
      what: 'neither list_id nor list_name',
      body: { dnc_check: false, deduplication: false, leads: [{ phone_number_1: '0211110010' }] },
      status: 400,
      holds: (res) => expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['list_id']),
    },
    {
      page: BULK,
      what: 'an empty list_name',
      body: { list_name: '', dnc_check: false, deduplication: false, leads: [{ phone_number_1: '0211110011' }] },
      status: 400,
      holds: (res) => expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['list_name']),
    },
    {
      page: BULK,
      what: 'a bad phone_number_2, a bad date, "Now", an empty phone_number_1: each row rejected',
      body: upload({
        leads: [
          { phone_number_1: '0211110012', phone_number_2: 'abc' },
          { phone_number_1: '0211110013', schedule_call_date_time: 'later' },
          { phone_number_1: '0211110014', schedule_call_date_time: 'Now' },
          { phone_number_1: '' },
          { phone_number_1: '0211110015', reference_id: 7 },
        ],
      }),
      status: 200,
      holds: (res) => {
        expect(counts(res)).toEqual([0, 0, 0, 5]);
        expect(res.body.rejected.map((r: { field: string }) => r.field)).toEqual([
          'phone_number_2',
          'schedule_call_date_time',
          'schedule_call_date_time',
          'phone_number_1',
          'reference_id',
        ]);
      },
    },
  ];
  it.each(rows)('page $page: $what → $status', async ({ body, status, holds }) => {
    const s = await freshSystem();
    const res = await s.c.request('POST', '/omni/leads/bulk/upload', { token: s.token, body });
    expect(res.status).toBe(status);
    await holds(res, s);
  });
});

/** A campaign row: `caller_id` as sent on create (POST) or update (PUT), the status, what GET shows. */
interface CallerIdRow {
  page: string;
  method: 'POST' | 'PUT';
  callerId: unknown;
  status: number;
  /** GET /omni/campaign/{id}'s caller_id (200), or the field the 400 names. */
  holds: string;
}

describe(`campaign caller_id (page ${CAMPAIGN}: a string in the JSON, an integer in the table)`, () => {
  const rows: CallerIdRow[] = [
    { page: CAMPAIGN, method: 'POST', callerId: '0215550100', status: 200, holds: '0215550100' },
    { page: CAMPAIGN, method: 'POST', callerId: 27215550100, status: 200, holds: '27215550100' },
    { page: CAMPAIGN, method: 'PUT', callerId: '0215550111', status: 200, holds: '0215550111' },
    { page: CAMPAIGN, method: 'PUT', callerId: 215550111, status: 200, holds: '215550111' },
    { page: CAMPAIGN, method: 'POST', callerId: true, status: 400, holds: 'caller_id' },
    { page: CAMPAIGN, method: 'PUT', callerId: 1.5, status: 400, holds: 'caller_id' },
    { page: CAMPAIGN, method: 'PUT', callerId: -5, status: 400, holds: 'caller_id' },
    { page: CAMPAIGN, method: 'POST', callerId: null, status: 400, holds: 'caller_id' },
  ];
  it.each(rows)(
    'page $page: $method caller_id $callerId → $status ($holds)',
    async ({ method, callerId, status, holds }) => {
      const s = await freshSystem();
      const res =
        method === 'POST'
          ? await s.c.request('POST', '/omni/campaign', {
              token: s.token,
              body: { campaign_name: 'Caller id', campaign_type: 3, caller_id: callerId },
            })
          : await s.c.request('PUT', '/omni/campaign/1', { token: s.token, body: { caller_id: callerId } });
      expect(res.status).toBe(status);
      if (status !== 200) {
        expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([holds]);
        return;
      }
      const id = method === 'POST' ? res.body.campaign_id : 1;
      const got = await s.c.request('GET', `/omni/campaign/${id}`, { token: s.token });
      expect(got.body.caller_id).toBe(holds);
    },
  );
});

/** A token row: the `tokenKey` header and `Cookie` header sent to `GET /omni/users`, the status and code. */
interface TokenRow {
  page: string;
  what: string;
  header?: 'valid' | 'unknown';
  cookie?: string;
  status: number;
  code?: string;
}

describe(`the user token in a cookie (page ${TOKENS}: "stored in the HTTP cookie"; B.3)`, () => {
  const rows: TokenRow[] = [
    { page: TOKENS, what: 'the cookie alone', cookie: 'tokenKey=<valid>', status: 200 },
    { page: TOKENS, what: 'among other cookies', cookie: 'theme=dark; tokenKey=<valid>; lang=en', status: 200 },
    { page: TOKENS, what: 'a quoted cookie value', cookie: 'tokenKey="<valid>"', status: 200 },
    { page: TOKENS, what: 'header and cookie: the header wins', header: 'valid', cookie: 'tokenKey=nope', status: 200 },
    {
      page: TOKENS,
      what: 'an unknown header and a good cookie: the header wins',
      header: 'unknown',
      cookie: 'tokenKey=<valid>',
      status: 401,
      code: 'INVALID_TOKEN',
    },
    {
      page: TOKENS,
      what: 'a cookie with an unknown token',
      cookie: 'tokenKey=nope',
      status: 401,
      code: 'INVALID_TOKEN',
    },
    {
      page: TOKENS,
      what: 'cookies without tokenKey',
      cookie: 'theme=dark; lang=en',
      status: 401,
      code: 'MISSING_TOKEN',
    },
    {
      page: TOKENS,
      what: 'another name’s case (cookie names are exact)',
      cookie: 'tokenkey=<valid>',
      status: 401,
      code: 'MISSING_TOKEN',
    },
    { page: TOKENS, what: 'an empty tokenKey cookie', cookie: 'tokenKey=', status: 401, code: 'MISSING_TOKEN' },
  ];
  it.each(rows)('page $page: $what → $status', async ({ header, cookie, status, code }) => {
    const s = await freshSystem();
    const headers: Record<string, string> = {};
    if (cookie !== undefined) headers.Cookie = cookie.replace('<valid>', s.token);
    if (header !== undefined) headers.tokenKey = header === 'valid' ? s.token : 'not-a-token';
    const res = await s.c.request('GET', '/omni/users', { headers });
    expect(res.status).toBe(status);
    if (code) expect(res.body.error_code).toBe(code);
    else expect(res.body.users).toHaveLength(5);
  });

  it.each([
    ['tokenKey=abc', 'abc'],
    ['  tokenKey = abc ', 'abc'],
    ['a=1, tokenKey=abc', 'abc'],
    ['tokenKey=first; tokenKey=second', 'first'],
    ['xtokenKey=abc; tokenKeyx=def', undefined],
    ['tokenKey', undefined],
    ['tokenKey=""', undefined],
    [undefined, undefined],
  ])('the Cookie header %j carries the token %j', (header, token) => {
    // Two Cookie headers reach the mock joined by ", " (node's raw header list).
    expect(tokenKeyCookie(header)).toBe(token);
  });

  it(`page ${TOKENS}: the cookie is read over real HTTP too`, async () => {
    const token = await root.login();
    const server = await mock.listen({ port: 0 });
    try {
      const answer = await rawGet(`${server.url}/omni/users`, {
        Authorization: `Key=${mock.defaultSystemKey}`,
        Cookie: `tokenKey=${token}`,
      });
      expect(answer.status).toBe(200);
      expect((JSON.parse(answer.body) as { users: unknown[] }).users).toHaveLength(5);
    } finally {
      await server.close();
    }
  });
});
