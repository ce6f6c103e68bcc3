import { CAMPAIGN_DEFAULTS, campaignView, leadView, listView } from '@omnikit/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockOmni } from '../../../src/index.js';
import { type OmniTestClient, startMock } from '../../support/omni-client.js';

let mock: MockOmni;
let client: OmniTestClient;
let token: string;
beforeAll(async () => {
  ({ mock, client } = await startMock());
  token = await client.login();
});
afterAll(() => mock.close());

const get = (path: string) => client.request('GET', path, { token });
const post = (path: string, body: unknown) => client.request('POST', path, { token, body });
const put = (path: string, body: unknown) => client.request('PUT', path, { token, body });
const del = (path: string) => client.request('DELETE', path, { token });

describe('users', () => {
  it('GET /omni/users lists the demo users with string user_id (page 2333081617)', async () => {
    const res = await get('/omni/users');
    expect(res.status).toBe(200);
    expect(res.body.users).toEqual([
      { user_id: '1', user_name: 'agent1' },
      { user_id: '2', user_name: 'agent2' },
      { user_id: '3', user_name: 'agent3' },
      { user_id: '4', user_name: 'agent4' },
      { user_id: '5', user_name: 'agent5' },
    ]);
  });

  it('GET /omni/users/{id} shows the agent logged out, unregistered, on no call', async () => {
    const res = await get('/omni/users/1');
    expect(res.body).toEqual({
      user_id: 1,
      user_name: 'agent1',
      extension: '1001',
      agent_state: 'logged_out',
      campaign_id: 0,
      registered: false,
      call_id: 0,
    });
  });
});

describe('campaigns (A.5, B.8)', () => {
  it('the demo campaigns are exactly as the demo data lists them', async () => {
    const res = await get('/omni/campaigns');
    const rows = res.body.campaigns.map((c: Record<string, unknown>) => [
      c.campaign_id,
      c.campaign_name,
      c.campaign_type,
      c.default_list_id,
      c.is_blended,
      c.inbound_dids,
    ]);
    expect(rows).toEqual([
      [1, 'Click-2-Dial', 3, 0, false, []],
      [2, 'Progressive', 1, 1, false, []],
      [3, 'Preview', 2, 2, false, []],
      [4, 'Inbound', 7, 0, false, ['0861000004']],
      [5, 'Progressive blended', 1, 3, true, ['0861000005']],
    ]);
  });

  it('creates with the defaults for every field not given, and reads it back', async () => {
    const created = await post('/omni/campaign', { campaign_name: 'Winter sale', campaign_type: 1, max_lines: 3 });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ success: true, campaign_id: 6 });
    const res = await get('/omni/campaign/6');
    expect(campaignView.parse(res.body)).toEqual({
      ...CAMPAIGN_DEFAULTS,
      campaign_id: 6,
      campaign_name: 'Winter sale',
      campaign_type: 1,
      max_lines: 3,
    });
  });

  it('PUT changes only the fields given (documented names, PascalCase included)', async () => {
    const before = (await get('/omni/campaign/2')).body;
    const res = await put('/omni/campaign/2', { HoursPerWorkingDay: 6, ProgressiveThreshold: 2, wrapup_seconds: 45 });
    expect(res.status).toBe(200);
    expect(res.body.success).toBe(true);
    const after = (await get('/omni/campaign/2')).body;
    expect(after).toEqual({ ...before, HoursPerWorkingDay: 6, ProgressiveThreshold: 2, wrapup_seconds: 45 });
  });

  it('answers 404 for an unknown campaign and an unknown default_list_id', async () => {
    const missing = await get('/omni/campaign/999');
    expect([missing.status, missing.body.error_code]).toEqual([404, 'NOT_FOUND']);
    expect(missing.body.errors).toEqual([{ field: 'campaign_id', message: 'campaign 999 does not exist' }]);
    const badList = await post('/omni/campaign', { campaign_name: 'x', campaign_type: 1, default_list_id: 77 });
    expect([badList.status, badList.body.errors[0].field]).toEqual([404, 'default_list_id']);
    const badUpdate = await put('/omni/campaign/1', { default_list_id: 77 });
    expect([badUpdate.status, badUpdate.body.errors[0].field]).toEqual([404, 'default_list_id']);
  });
});

describe('lists and their leads (B.8)', () => {
  it('the demo lists hold 150, 100 and 100 NEW leads', async () => {
    const res = await get('/omni/lists');
    const rows = res.body.lists.map((l: Record<string, unknown>) => [
      l.list_id,
      l.campaign_id,
      l.lead_count,
      l.lead_counts,
    ]);
    expect(rows).toEqual([
      [1, 2, 150, { NEW: 150 }],
      [2, 3, 100, { NEW: 100 }],
      [3, 5, 100, { NEW: 100 }],
    ]);
  });

  it('creates a list for a campaign and refuses an unknown campaign with 404 naming campaign_id', async () => {
    const res = await post('/omni/list', { list_name: 'Imports', campaign_id: 1, description: 'from the CRM' });
    expect(res.body).toMatchObject({ success: true, list_id: 4 });
    expect(listView.parse((await get('/omni/list/4')).body)).toEqual({
      list_id: 4,
      list_name: 'Imports',
      campaign_id: 1,
      description: 'from the CRM',
      lead_count: 0,
      lead_counts: {},
    });
    const bad = await post('/omni/list', { list_name: 'x', campaign_id: 404 });
    expect([bad.status, bad.body.errors]).toEqual([
      404,
      [{ field: 'campaign_id', message: 'campaign 404 does not exist' }],
    ]);
  });

  it('pages leads in id order and filters by status', async () => {
    const page2 = await get('/omni/list/1/leads?page=2&page_size=20');
    expect(page2.body.total).toBe(150);
    expect(page2.body.leads.map((l: { lead_id: number }) => l.lead_id)).toEqual(
      Array.from({ length: 20 }, (_, i) => 21 + i),
    );
    for (const l of page2.body.leads) leadView.parse(l);
    await put('/omni/lead/3', { status: 'SALE' });
    const sales = await get('/omni/list/1/leads?status=SALE');
    expect(sales.body.total).toBe(1);
    expect(sales.body.leads[0].lead_id).toBe(3);
    const counts = (await get('/omni/list/1')).body.lead_counts;
    expect(counts).toEqual({ NEW: 149, SALE: 1 });
  });
});

describe('leads (A.6, B.8)', () => {
  it('adds a lead and reads it back with defaults for what was not given', async () => {
    const res = await post('/omni/lead', {
      first_name: 'Thandi',
      last_name: 'Nkosi',
      other_info: 'Asked for a quote on fibre',
      unique_id: 'CRM-9',
      list_id: 2,
      cost: 1.5,
      phone_numbers: [
        { phone_number: '0821234567', phone_type_id: 2, high_priority: true },
        { phone_number: '+27115550000', schedule_call_date_time: '2026-01-06 09:30:00' },
      ],
    });
    expect(res.status).toBe(200);
    const leadId = res.body.lead_id as number;
    expect(leadId).toBe(351);
    const lead = (await get(`/omni/lead/${leadId}`)).body;
    expect(leadView.parse(lead)).toMatchObject({
      lead_id: 351,
      list_id: 2,
      first_name: 'Thandi',
      other_info: 'Asked for a quote on fibre',
      cost: 1.5,
      status: 'NEW',
      attempts: 0,
      last_call_id: 0,
      created_at: '2026-01-05T08:00:00.000Z',
      phone_numbers: [
        {
          phone_number: '0821234567',
          phone_type_id: 2,
          time_zone_id: 0,
          high_priority: true,
          schedule_call_date_time: null,
        },
        {
          phone_number: '+27115550000',
          phone_type_id: 1,
          time_zone_id: 0,
          high_priority: false,
          schedule_call_date_time: '2026-01-06T09:30:00.000Z',
        },
      ],
    });
  });

  it('reads the local date-time form in the system time zone', async () => {
    await client.request('PUT', '/__mock/office-hours', { body: { time_zone: 'Africa/Johannesburg', windows: [] } });
    const res = await post('/omni/lead', {
      other_info: 'x',
      list_id: 1,
      phone_numbers: [{ phone_number: '0215550001', schedule_call_date_time: '2026-01-06 09:30:00' }],
    });
    const lead = (await get(`/omni/lead/${res.body.lead_id}`)).body;
    expect(lead.phone_numbers[0].schedule_call_date_time).toBe('2026-01-06T07:30:00.000Z');
    // On the days the clocks change, west of UTC too (before: an hour out, the offset read hours from the time).
    await client.request('PUT', '/__mock/office-hours', { body: { time_zone: 'America/Los_Angeles', windows: [] } });
    const changes = await post('/omni/lead', {
      other_info: 'x',
      list_id: 1,
      phone_numbers: [
        { phone_number: '0215550002', schedule_call_date_time: '2026-03-08 08:00:00' }, // PDT since 02:00
        { phone_number: '0215550003', schedule_call_date_time: '2026-11-01 08:00:00' }, // PST since 02:00
        { phone_number: '0215550004', schedule_call_date_time: '2026-11-01 01:30:00' }, // twice: the first (PDT)
        { phone_number: '0215550005', schedule_call_date_time: '2026-03-08 02:30:00' }, // skipped: at 03:00 PDT
      ],
    });
    const scheduled = (await get(`/omni/lead/${changes.body.lead_id}`)).body.phone_numbers.map(
      (p: { schedule_call_date_time: string }) => p.schedule_call_date_time,
    );
    expect(scheduled).toEqual([
      '2026-03-08T15:00:00.000Z',
      '2026-11-01T16:00:00.000Z',
      '2026-11-01T08:30:00.000Z',
      '2026-03-08T10:00:00.000Z',
    ]);
    await client.request('PUT', '/__mock/office-hours', {
      body: {
        time_zone: 'UTC',
        windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '17:00' }],
      },
    });
  });

  it('updates only the fields given, and deletes', async () => {
    const before = (await get('/omni/lead/10')).body;
    const res = await put('/omni/lead/10', { city: 'Durban', status: 'DNC' });
    expect(res.status).toBe(200);
    expect((await get('/omni/lead/10')).body).toEqual({ ...before, city: 'Durban', status: 'DNC' });
    expect((await del('/omni/lead/11')).status).toBe(200);
    const gone = await get('/omni/lead/11');
    expect([gone.status, gone.body.error_code]).toEqual([404, 'NOT_FOUND']);
    const again = await del('/omni/lead/11');
    expect([again.status, again.body.errors[0].field]).toEqual([404, 'lead_id']);
  });

  it('never gives an id again, after a delete or an archive, nor across systems', async () => {
    const created = await client.request('POST', '/__mock/systems', { body: { clock: 'manual' } });
    const sys = client.withKey(created.body.system_key);
    await sys.request('PUT', '/__mock/office-hours', { body: { time_zone: 'UTC', windows: [] } });
    const t = await sys.login();
    const add = async () =>
      (
        await sys.request('POST', '/omni/lead', {
          token: t,
          body: { other_info: 'x', list_id: 1, phone_numbers: [{ phone_number: '0215550001' }] },
        })
      ).body.lead_id as number;
    expect(await add()).toBe(351);
    await sys.request('DELETE', '/omni/lead/351', { token: t });
    expect(await add()).toBe(352);
    const archived = await sys.request('POST', '/vicidial/leads/archive', {
      token: t,
      body: { insert_leads: true, update_leads: false, delete_leads: true, lead_ids: [352] },
    });
    expect(archived.body.delete_count).toBe(1);
    expect(await add()).toBe(353);
  });

  it('refuses a lead for an unknown list with 404 naming list_id', async () => {
    const res = await post('/omni/lead', {
      other_info: 'x',
      list_id: 42,
      phone_numbers: [{ phone_number: '0215550001' }],
    });
    expect([res.status, res.body.errors]).toEqual([404, [{ field: 'list_id', message: 'list 42 does not exist' }]]);
    const upd = await put('/omni/lead/1', { list_id: 42 });
    expect([upd.status, upd.body.errors[0].field]).toEqual([404, 'list_id']);
  });
});

describe('bulk upload (A.6, B.8)', () => {
  it('inserts valid rows and reports every other row with its index, field and reason', async () => {
    await client.request('POST', '/__mock/dnc', { body: { phone_numbers: ['0319990000'] } });
    const dncLeadPhone = (await get('/omni/lead/10')).body.phone_numbers[0].phone_number as string;
    const list1Phone = (await get('/omni/lead/1')).body.phone_numbers[0].phone_number as string;
    const res = await post('/omni/leads/bulk/upload', {
      list_id: 1,
      dnc_check: true,
      deduplication: true,
      leads: [
        { phone_number_1: '0211110001', first_name: 'Ann', unique_id: 'B-1' },
        { phone_number_1: 'not-a-number' },
        { phone_number_1: '0319990000' },
        { phone_number_1: '0211110002', phone_number_2: dncLeadPhone },
        { phone_number_1: list1Phone },
        { phone_number_1: '0211110001' },
        { phone_number_1: '0211110003', unique_id: 'B-1' },
        { phone_number_1: '0211110004', schedule_call_date_time: '2026-02-30 10:00:00' },
        { first_name: 'no phone' },
        { phone_number_1: '0211110005', city: 'Cape Town' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ success: true, inserted: 2, duplicates: 3, dnc_rejected: 2 });
    expect(res.body.rejected.map((r: { index: number; field: string }) => [r.index, r.field])).toEqual([
      [1, 'phone_number_1'],
      [2, 'phone_number_1'],
      [3, 'phone_number_2'],
      [4, 'phone_number_1'],
      [5, 'phone_number_1'],
      [6, 'unique_id'],
      [7, 'schedule_call_date_time'],
      [8, 'phone_number_1'],
    ]);
    const page = await get('/omni/list/1/leads?page=1&page_size=500');
    const phones = page.body.leads.map(
      (l: { phone_numbers: { phone_number: string }[] }) => l.phone_numbers[0]?.phone_number,
    );
    expect(phones).toContain('0211110001');
    expect(phones).toContain('0211110005');
    expect(phones).not.toContain('0319990000');
  });

  it('without dnc_check and deduplication, those rows go in; the older path is served too', async () => {
    const res = await post('/omni/leads/upload', {
      list_id: 3,
      dnc_check: false,
      deduplication: false,
      leads: [{ phone_number_1: '0319990000' }, { phone_number_1: '0319990000' }],
    });
    expect(res.body).toMatchObject({ inserted: 2, duplicates: 0, dnc_rejected: 0, rejected: [] });
  });

  it('refuses an unknown list with 404', async () => {
    const res = await post('/omni/leads/bulk/upload', {
      list_id: 99,
      dnc_check: false,
      deduplication: false,
      leads: [{ phone_number_1: '0211110001' }],
    });
    expect([res.status, res.body.errors[0].field]).toEqual([404, 'list_id']);
  });
});

describe('lead archive service (A.7)', () => {
  it('answers 403 inside office hours in the documented shape', async () => {
    const res = await post('/vicidial/leads/archive', {
      insert_leads: true,
      update_leads: false,
      delete_leads: true,
      lead_ids: [20],
    });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ message: 'api cannot be executed during office hours time condition', http_code: 403 });
  });

  it('archives outside office hours: insert → update → delete, then dearchives at any time', async () => {
    const created = await client.request('POST', '/__mock/systems', { body: { clock: 'manual' } });
    const sys = client.withKey(created.body.system_key);
    await sys.advance(10 * 3600_000); // 18:00 on Monday: after hours
    const t = await sys.login();
    // The archive service takes the system key only (A.3); the other calls here need the token.
    const p = (path: string, body: unknown) => sys.request('POST', path, { body });
    const first = await p('/vicidial/leads/archive', {
      insert_leads: true,
      update_leads: true,
      delete_leads: false,
      lead_ids: [1, 2, 999],
    });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      message: 'lead_ids batch was successfully processed',
      select_count: 2,
      insert_count: 2,
      update_count: 0,
      delete_count: 0,
      http_code: 200,
    });
    await sys.request('PUT', '/omni/lead/1', { token: t, body: { city: 'Polokwane' } });
    const second = await p('/vicidial/leads/archive', {
      insert_leads: true,
      update_leads: true,
      delete_leads: true,
      lead_ids: [1, 2, 3],
    });
    expect(second.body).toMatchObject({ select_count: 3, insert_count: 1, update_count: 2, delete_count: 3 });
    expect((await sys.request('GET', '/omni/lead/1', { token: t })).status).toBe(404);
    expect((await sys.request('GET', '/omni/list/1', { token: t })).body.lead_count).toBe(147);
    await sys.request('PUT', '/__mock/office-hours', {
      body: {
        time_zone: 'UTC',
        windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], start: '00:00', end: '24:00' }],
      },
    });
    const back = await p('/vicidial/leads/dearchive', { insert_leads: true, delete_leads: true, lead_ids: [1, 2] });
    expect(back.body).toMatchObject({ select_count: 2, insert_count: 2, update_count: 0, delete_count: 2 });
    const lead1 = (await sys.request('GET', '/omni/lead/1', { token: t })).body;
    expect(lead1.city).toBe('Polokwane');
    const still = await p('/vicidial/leads/archive', {
      insert_leads: true,
      update_leads: false,
      delete_leads: true,
      lead_ids: [1],
    });
    expect(still.status).toBe(403);
  });

  // A.7 (page 2362507280): the documented message of each rule; "no ids" and "more than 500" echo nothing.
  it.each([
    [
      'a flag that is not boolean',
      { insert_leads: 'yes', update_leads: false, delete_leads: false, lead_ids: [1] },
      'insert_leads must be a boolean value',
      [],
    ],
    [
      'a non-integer id',
      { insert_leads: true, update_leads: false, delete_leads: false, lead_ids: [1, 'x', 2.5] },
      'lead_ids must only contain integer values',
      ['x', 2.5],
    ],
    [
      'no ids',
      { insert_leads: true, update_leads: false, delete_leads: false, lead_ids: [] },
      'lead_ids must contain atleast 1 value',
      [],
    ],
    [
      'duplicate ids',
      { insert_leads: true, update_leads: false, delete_leads: false, lead_ids: [4, 5, 4] },
      'lead_ids cannot contain duplicate values',
      [4],
    ],
    [
      'more than 500 ids',
      {
        insert_leads: true,
        update_leads: false,
        delete_leads: false,
        lead_ids: Array.from({ length: 502 }, (_, i) => i + 1),
      },
      'lead_ids cannot exceed 500 values',
      [],
    ],
  ])('answers 400 with lead_errors and lead_ids for %s', async (_, body, message, ids) => {
    const res = await post('/vicidial/leads/archive', body);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ message, lead_errors: ids.length, lead_ids: ids, http_code: 400 });
  });

  it('answers 401 in the documented shape', async () => {
    const res = await client.request('POST', '/vicidial/leads/dearchive', {
      key: 'wrong-key',
      body: { insert_leads: true, delete_leads: true, lead_ids: [1] },
    });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ message: 'unable to validate api user', http_code: 401 });
  });
});

describe('notification endpoint storage (B.7)', () => {
  it('sets, reads without the secret, replaces and deletes', async () => {
    expect((await get('/omni/notification/endpoint')).body).toEqual({
      url: null,
      notification_types: [],
      secret_set: false,
    });
    const set = await post('/omni/notification/endpoint', {
      url: 'https://crm.example/hooks/omni',
      notification_types: ['cdr', 'call_state'],
      secret: 'shared-secret',
    });
    expect(set.body.success).toBe(true);
    expect((await get('/omni/notification/endpoint')).body).toEqual({
      url: 'https://crm.example/hooks/omni',
      notification_types: ['cdr', 'call_state'],
      secret_set: true,
    });
    await post('/omni/notification/endpoint', { url: 'http://127.0.0.1:9/hook' });
    expect((await get('/omni/notification/endpoint')).body).toEqual({
      url: 'http://127.0.0.1:9/hook',
      notification_types: [],
      secret_set: false,
    });
    expect((await del('/omni/notification/endpoint')).body.detail).toMatch(/removed/);
    expect((await del('/omni/notification/endpoint')).body.detail).toMatch(/no notification endpoint/);
    expect((await get('/omni/notification/endpoint')).body.url).toBeNull();
  });
});
