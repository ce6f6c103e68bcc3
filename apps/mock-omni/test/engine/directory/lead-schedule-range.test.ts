/**
 * A lead number's `schedule_call_date_time` (A.6) is taken from 1970-01-01T00:00:00Z to a year (366 days) after the
 * system clock (inferred, as a `CALLBK`'s `callback_date_time` is held to a year ahead): `"Now()"`, absent (and `null`
 * in a bulk row) are due now, and so is a time already past, kept as given. Outside that range add lead and edit lead
 * answer 400 naming the field and store nothing; a bulk upload rejects the row, as it does any row with a bad field.
 * Over real HTTP on 127.0.0.1, on a SQLite file; each case on a fresh system whose manual clock stands at
 * 2026-01-05T08:00:00Z (time zone UTC).
 *
 * @module
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OmniTestClient } from '../../support/omni-client.js';
import { type MockOverHttp, startMockOverHttp } from '../../support/socket-client.js';
import { agentOf, freshSystem } from '../../support/telephony.js';
import { addLead, campaignWithList, lead } from '../dialler/support/http-campaign.js';

let served: MockOverHttp;
beforeAll(async () => {
  served = await startMockOverHttp();
});
afterAll(() => served.close());

const NOW = '2026-01-05T08:00:00.000Z';
/** The latest schedule taken at NOW: 366 days later. */
const LATEST = '2027-01-06T08:00:00.000Z';

/** Schedules out of range, each with why: far ahead, or before 1970, or a year the wire cannot carry. */
const OUT_OF_RANGE: [string, string][] = [
  ['9999-12-31 23:59:59', 'the year 9999 of a date picker'],
  ['9999-12-31T23:59:59-23:59', 'the year 10000 once its offset is applied'],
  ['2027-01-06T08:00:00.001Z', 'a millisecond past a year ahead'],
  ['2027-01-06 08:00:01', 'a second past a year ahead, local form'],
  ['0001-01-01T00:00:00Z', 'the year 1 (an unset .NET date)'],
  ['0000-01-01T00:00:00+14:00', 'the year -1 once its offset is applied'],
  ['1969-12-31T23:59:59.999Z', 'a millisecond before 1970'],
  ['0001-01-01 00:00:00', 'the year 1, local form'],
  ['275760-09-13 00:00:00', 'a six-digit year'],
  ['+275760-09-13T00:00:00Z', 'an expanded ISO year'],
];

async function system(): Promise<{ c: OmniTestClient; token: string; listId: number }> {
  const c = await freshSystem(served.client);
  const token = await c.login('agent1');
  const { listId } = await campaignWithList(c, token, 1);
  return { c, token, listId };
}

async function leadCount(c: OmniTestClient, token: string, listId: number): Promise<number> {
  const page = await c.request('GET', `/omni/list/${listId}/leads?page=1&page_size=10`, { token });
  expect(page.status).toBe(200);
  return page.body.total as number;
}

const addBody = (listId: number, schedules: unknown[]) => ({
  other_info: 'Asked for a quote',
  list_id: listId,
  phone_numbers: schedules.map((s, i) => ({ phone_number: `021555010${i}`, schedule_call_date_time: s })),
});

describe('add lead: schedule_call_date_time out of range', () => {
  it.each(OUT_OF_RANGE)('%s (%s) → 400 naming the field, nothing stored', async (schedule) => {
    const { c, token, listId } = await system();
    const res = await c.request('POST', '/omni/lead', { token, body: addBody(listId, ['Now()', schedule]) });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ success: false, error_code: 'VALIDATION_FAILED' });
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['phone_numbers.1.schedule_call_date_time']);
    expect(await leadCount(c, token, listId)).toBe(0);
    // The same lead with a schedule in range goes in.
    const ok = await c.request('POST', '/omni/lead', { token, body: addBody(listId, ['Now()']) });
    expect(ok.status).toBe(200);
    expect(await leadCount(c, token, listId)).toBe(1);
  });

  it('edit lead (PUT) with a number scheduled out of range → 400, the lead unchanged', async () => {
    const { c, token, listId } = await system();
    const leadId = await addLead(c, token, listId, '0215550100', { schedule_call_date_time: '2026-02-01 09:00:00' });
    const res = await c.request('PUT', `/omni/lead/${leadId}`, {
      token,
      body: { phone_numbers: [{ phone_number: '0215550199', schedule_call_date_time: '9999-12-31 23:59:59' }] },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['phone_numbers.0.schedule_call_date_time']);
    expect((await lead(c, token, leadId)).phone_numbers).toMatchObject([
      { phone_number: '0215550100', schedule_call_date_time: '2026-02-01T09:00:00.000Z' },
    ]);
  });
});

describe('add lead: schedule_call_date_time in range', () => {
  it('takes Now(), absent, a past time (kept as given), 1970-01-01 and exactly a year ahead', async () => {
    const { c, token, listId } = await system();
    const body = addBody(listId, ['Now()', undefined, '2024-06-01 09:00:00', '1970-01-01T00:00:00Z', LATEST]);
    const res = await c.request('POST', '/omni/lead', { token, body });
    expect(res.status).toBe(200);
    const schedules = (await lead(c, token, res.body.lead_id)).phone_numbers.map(
      (p: { schedule_call_date_time: string | null }) => p.schedule_call_date_time,
    );
    expect(schedules).toEqual([NOW, null, '2024-06-01T09:00:00.000Z', '1970-01-01T00:00:00.000Z', LATEST]);
  });

  it('a past time is due now: a Progressive campaign dials the lead at once', async () => {
    const c = await freshSystem(served.client);
    const token = await c.login('agent1');
    const { campaignId, listId } = await campaignWithList(c, token, 1);
    const past = await addLead(c, token, listId, '0800555003', { schedule_call_date_time: '2024-06-01 09:00:00' });
    const ahead = await addLead(c, token, listId, '0800555003', { schedule_call_date_time: LATEST });
    const agent = await agentOf(c, 1, { campaignId });
    expect((await agent.state('ready')).status).toBe(200);
    await c.advance(1_000);
    expect((await lead(c, token, past)).attempts).toBe(1);
    expect((await lead(c, token, ahead)).attempts).toBe(0);
  });
});

describe('bulk upload: schedule_call_date_time out of range', () => {
  it('rejects each such row with its index and field, and inserts the others', async () => {
    const { c, token, listId } = await system();
    const rows = [
      { phone_number_1: '0211110000', schedule_call_date_time: null },
      { phone_number_1: '0211110001', schedule_call_date_time: '2024-06-01 09:00:00' },
      { phone_number_1: '0211110002', schedule_call_date_time: LATEST },
      ...OUT_OF_RANGE.map(([schedule], i) => ({
        phone_number_1: `02122200${10 + i}`,
        schedule_call_date_time: schedule,
      })),
      { phone_number_1: '0211110003', schedule_call_date_time: 'Now()' },
    ];
    const res = await c.request('POST', '/omni/leads/bulk/upload', {
      token,
      body: { list_id: listId, dnc_check: false, deduplication: false, leads: rows },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ success: true, inserted: 4, duplicates: 0, dnc_rejected: 0 });
    expect(res.body.rejected.map((r: { index: number; field: string }) => [r.index, r.field])).toEqual(
      OUT_OF_RANGE.map((_, i) => [3 + i, 'schedule_call_date_time']),
    );
    expect(res.body.rejected[0].detail).toContain(`${LATEST} at the latest`);
    const page = await c.request('GET', `/omni/list/${listId}/leads?page=1&page_size=50`, { token });
    const stored = page.body.leads.map(
      (l: { phone_numbers: { phone_number: string; schedule_call_date_time: string | null }[] }) => [
        l.phone_numbers[0]?.phone_number,
        l.phone_numbers[0]?.schedule_call_date_time,
      ],
    );
    expect(stored).toEqual([
      ['0211110000', null],
      ['0211110001', '2024-06-01T09:00:00.000Z'],
      ['0211110002', LATEST],
      ['0211110003', NOW],
    ]);
  });
});
