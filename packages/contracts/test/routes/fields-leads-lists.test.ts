import { describe, expect, it } from 'vitest';
import { bulkLeadRow } from '../../src/index.js';
import { checkFields, type FieldRow, type FieldTable, failsAt, nul, opt, req } from '../support/field-table.js';
import { bodyOf, responseOf, routeAt } from '../support/route-at.js';

/** A.6 lead fields, A.6 bulk fields and B.8 lists and leads, transcribed from omni-api.md. */

const commandResult: FieldTable = { success: req('bool'), detail: req('string') };

// Contact fields a lead carries besides A.6's add-lead set: the bulk upload's (A.6), accepted on
// add and update too so a lead reads the same whichever way it came in (inferred).
const CONTACT: Readonly<Record<string, FieldRow>> = {
  title: opt('string', { source: 'inferred' }),
  email_1: opt('string', { source: 'inferred' }),
  email_2: opt('string', { source: 'inferred' }),
  messenger: opt('string', { source: 'inferred' }),
  address_line_1: opt('string', { source: 'inferred' }),
  address_line_2: opt('string', { source: 'inferred' }),
  city: opt('string', { source: 'inferred' }),
  province: opt('string', { source: 'inferred' }),
  postal_code: opt('string', { source: 'inferred' }),
  caller_id: opt('string', { source: 'inferred' }),
};

// A.6: `other_info` is required. `list_id` and `phone_numbers` are required too (inferred: a lead
// with no list or no number cannot be dialled).
const ADD = 'POST /omni/lead';
const phone = { phone_number: '0800555001' };
checkFields(`${ADD} body`, bodyOf(ADD), {
  first_name: opt('string', { source: 'documented' }),
  last_name: opt('string', { source: 'documented' }),
  other_info: req('string', { source: 'documented' }),
  unique_id: opt('string', { source: 'documented' }),
  lead_provider: opt('string', { source: 'documented' }),
  list_id: req('id', { source: 'documented' }),
  cost: opt('decimal', { source: 'documented' }),
  phone_numbers: req('objectArray', { sample: [phone], source: 'documented' }),
  ...CONTACT,
});

// A.6: `{ phone_number, phone_type_id (1 Work, 2 Mobile), time_zone_id (0 unless specified),
// high_priority bool, schedule_call_date_time }`.
const leadPhone: FieldTable = {
  phone_number: req('phone'),
  phone_type_id: opt({ enum: [1, 2] }),
  time_zone_id: opt('int', { sample: 0 }),
  high_priority: opt('bool'),
  // A.6: "Now()" for the default (due at once).
  schedule_call_date_time: opt('scheduleIn', { source: 'documented' }),
};
checkFields(`${ADD} body phone_numbers[]`, bodyOf(ADD), leadPhone, {
  wrap: (p) => ({ other_info: 'Renewal due', list_id: 1, phone_numbers: [p] }),
  at: 'phone_numbers.0',
});
// B.8: add lead → `{ success, detail, lead_id }`.
checkFields(`${ADD} 200`, responseOf(ADD), { ...commandResult, lead_id: req('id') }, { io: 'output' });

// B.8: PUT is partial; a lead's status can be set (`DNC` stops dialling).
const PUT = 'PUT /omni/lead/{lead_id}';
checkFields(
  `${PUT} body`,
  bodyOf(PUT),
  {
    first_name: opt('string'),
    last_name: opt('string'),
    other_info: opt('string'),
    unique_id: opt('string'),
    lead_provider: opt('string'),
    list_id: opt('id'),
    cost: opt('decimal'),
    phone_numbers: opt('objectArray', { sample: [phone] }),
    status: opt('string', { sample: 'DNC', source: 'inferred' }),
    ...CONTACT,
  },
  { minimalAlso: ['status'] },
);
checkFields(`${PUT} 200`, responseOf(PUT), commandResult, { io: 'output' });
checkFields('DELETE /omni/lead/{lead_id} 200', responseOf('DELETE /omni/lead/{lead_id}'), commandResult, {
  io: 'output',
});

// B.8: GET lead shows status, attempts and last call besides the lead's own fields (names of
// those three are inferred).
const GET = 'GET /omni/lead/{lead_id}';
const contactOut = Object.fromEntries(Object.keys(CONTACT).map((k) => [k, req('string')]));
checkFields(
  `${GET} 200`,
  responseOf(GET),
  {
    lead_id: req('id'),
    list_id: req('id'),
    first_name: req('string'),
    last_name: req('string'),
    other_info: req('string'),
    unique_id: req('string'),
    lead_provider: req('string'),
    cost: nul('decimal'),
    ...contactOut,
    status: req('string', { sample: 'NEW' }),
    attempts: req('count', { sample: 2 }),
    last_call_id: req('id0'),
    last_call_date_time: nul('dateTimeOut'),
    callback_date_time: nul('dateTimeOut'),
    phone_numbers: req('objectArray'),
    created_at: req('dateTimeOut'),
  },
  { io: 'output' },
);

// A.6's phone fields as GET lead shows them (a time not set is null).
checkFields(
  `${GET} 200 phone_numbers[]`,
  responseOf(GET),
  {
    phone_number: req('string'),
    phone_type_id: req('int', { sample: 2 }),
    time_zone_id: req('int', { sample: 0 }),
    high_priority: req('bool'),
    schedule_call_date_time: nul('dateTimeOut'),
  },
  {
    io: 'output',
    wrap: (p) => ({
      lead_id: 1,
      list_id: 1,
      first_name: '',
      last_name: '',
      other_info: 'x',
      unique_id: '',
      lead_provider: '',
      cost: null,
      ...Object.fromEntries(Object.keys(CONTACT).map((k) => [k, ''])),
      status: 'NEW',
      attempts: 0,
      last_call_id: 0,
      last_call_date_time: null,
      callback_date_time: null,
      phone_numbers: [p],
      created_at: '2024-05-06T07:08:09.123Z',
    }),
    at: 'phone_numbers.0',
  },
);

// A.6 bulk upload: `list_id` int (an earlier version took `list_name` string: either names the
// list; `list_id` wins when both are sent), `dnc_check` bool, `deduplication` bool, `leads[]`.
for (const key of ['POST /omni/leads/bulk/upload', 'POST /omni/leads/upload']) {
  checkFields(
    `${key} body`,
    bodyOf(key),
    {
      list_id: opt('id', { source: 'documented' }),
      list_name: opt('string', { source: 'documented' }),
      dnc_check: req('bool'),
      deduplication: req('bool'),
      leads: req('objectArray', { sample: [{ phone_number_1: '0800555001' }] }),
    },
    { minimalAlso: ['list_id'] },
  );
  it(`${key}: a body with neither list_id nor list_name fails at list_id`, () => {
    const body = { dnc_check: true, deduplication: false, leads: [{ phone_number_1: '0800555001' }] };
    expect(failsAt(bodyOf(key).safeParse(body), 'list_id')).toBe(true);
    expect(failsAt(bodyOf(key).safeParse({ ...body, list_name: '' }), 'list_name')).toBe(true);
  });
  // B.8: → `{ success, detail, inserted, duplicates, dnc_rejected, rejected: [{ index, field, detail }] }`.
  checkFields(
    `${key} 200`,
    responseOf(key),
    {
      ...commandResult,
      inserted: req('count'),
      duplicates: req('count'),
      dnc_rejected: req('count'),
      rejected: req('objectArray'),
    },
    { io: 'output' },
  );
  checkFields(
    `${key} 200 rejected[]`,
    responseOf(key),
    { index: req('count', { sample: 3 }), field: req('string'), detail: req('string') },
    {
      io: 'output',
      wrap: (r) => ({ success: true, detail: 'ok', inserted: 0, duplicates: 0, dnc_rejected: 0, rejected: [r] }),
      at: 'rejected.0',
    },
  );
}

// A.6: each row of `leads[]`. `phone_number_1` is required (inferred: it is the deduplication key, B.8).
// Optional cells sent as "" mean absent; `schedule_call_date_time` is "null if not needed"; the
// page's table calls `unique_id` `reference_id` (accepted, carried as `unique_id`).
checkFields(
  'bulk upload row',
  bulkLeadRow,
  {
    phone_number_1: req('phone'),
    phone_number_2: opt('phone', { blankIsAbsent: true, source: 'documented' }),
    phone_number_3: opt('phone', { blankIsAbsent: true, source: 'documented' }),
    email_1: opt('string'),
    email_2: opt('string'),
    messenger: opt('string'),
    unique_id: opt('string'),
    reference_id: opt('string', { source: 'documented' }),
    title: opt('string'),
    first_name: opt('string'),
    last_name: opt('string'),
    address_line_1: opt('string'),
    address_line_2: opt('string'),
    city: opt('string'),
    province: opt('string'),
    postal_code: opt('string'),
    caller_id: opt('string'),
    schedule_call_date_time: opt('scheduleIn', { nullable: true, blankIsAbsent: true, source: 'documented' }),
  },
  { renamedOnOutput: ['reference_id'] },
);
describe('bulk upload row: reference_id', () => {
  it('A.6: reference_id is carried as unique_id; unique_id wins when both are sent', () => {
    expect(bulkLeadRow.parse({ phone_number_1: '0800555001', reference_id: 'CRM-7' }).unique_id).toBe('CRM-7');
    expect(bulkLeadRow.parse({ phone_number_1: '0800555001', unique_id: 'U', reference_id: 'R' }).unique_id).toBe('U');
    expect(bulkLeadRow.parse({ phone_number_1: '0800555001', unique_id: '', reference_id: 'R' }).unique_id).toBe('R');
  });
});

// B.8 lists: `POST /omni/list { list_name, campaign_id?, description? }` → `list_id`.
const CREATE_LIST = 'POST /omni/list';
checkFields(`${CREATE_LIST} body`, bodyOf(CREATE_LIST), {
  list_name: req('string'),
  campaign_id: opt('id'),
  description: opt('string'),
});
checkFields(`${CREATE_LIST} 200`, responseOf(CREATE_LIST), { ...commandResult, list_id: req('id') }, { io: 'output' });

// B.8: GET list "with lead counts by status" (field names inferred).
const listView: FieldTable = {
  list_id: req('id'),
  list_name: req('string'),
  campaign_id: req('id0'),
  description: req('string'),
  lead_count: req('count'),
  lead_counts: req('object', { sample: { NEW: 3, SALE: 1 } }),
};
checkFields('GET /omni/list/{list_id} 200', responseOf('GET /omni/list/{list_id}'), listView, { io: 'output' });
checkFields('GET /omni/lists 200', responseOf('GET /omni/lists'), { lists: req('objectArray') }, { io: 'output' });

// B.8: `GET /omni/list/{list_id}/leads?status&page&page_size`.
const LIST_LEADS = 'GET /omni/list/{list_id}/leads';
checkFields(
  `${LIST_LEADS} 200`,
  responseOf(LIST_LEADS),
  {
    list_id: req('id'),
    page: req('int'),
    page_size: req('int', { sample: 50 }),
    total: req('count'),
    leads: req('objectArray'),
  },
  { io: 'output' },
);

describe('lead rules', () => {
  it('A.6: other_info is required and must say something', () => {
    const body = bodyOf(ADD);
    expect(failsAt(body.safeParse({ list_id: 1, phone_numbers: [phone] }), 'other_info')).toBe(true);
    expect(failsAt(body.safeParse({ other_info: '', list_id: 1, phone_numbers: [phone] }), 'other_info')).toBe(true);
  });

  it('B.8: the list-leads query takes status, page and page_size, all optional', () => {
    const query = routeAt(LIST_LEADS).query;
    expect(query && Object.keys(query.shape).sort()).toEqual(['page', 'page_size', 'status']);
    expect(query?.parse({ status: 'NEW', page: '2', page_size: '25' })).toEqual({
      status: 'NEW',
      page: 2,
      page_size: 25,
    });
    expect(query?.safeParse({}).success).toBe(true);
  });
});
