import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { routeList } from '../../src/index.js';
import { routeAt } from '../support/route-at.js';

/**
 * For every route with a body, path parameters or a query: a valid input, and bad inputs with
 * the field each must be refused at (the dotted path the error body's `errors[].field` shows)
 * and, where omni-api.md states the rule, what the message must say.
 */
type Part = 'params' | 'query' | 'body';
type BadRow = readonly [part: Part, input: unknown, field: string, message?: RegExp];
interface InputTable {
  readonly valid: Partial<Record<Part, unknown>>;
  readonly bad: readonly BadRow[];
}

const PHONE = /3 to 16 digits/;
const PATH_ID = /positive integer/;
const PATH_ID_MAX = /must be at most 9007199254740991/;
const DATE_TIME = /ISO-8601|YYYY-MM-DD HH:MM:SS|calendar/;
const ok = '0800555001';
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

const user = { user_id: '17' };
const badUser: readonly BadRow[] = [
  ['params', { user_id: 'abc' }, 'user_id', PATH_ID],
  ['params', { user_id: '0' }, 'user_id', PATH_ID],
  ['params', { user_id: '-3' }, 'user_id', PATH_ID],
  ['params', { user_id: '1.5' }, 'user_id', PATH_ID],
];
const call = { user_id: '17', call_id: '41' };
const badCall: readonly BadRow[] = [
  ['params', { user_id: '17', call_id: 'x' }, 'call_id', PATH_ID],
  ['params', { user_id: '17', call_id: '0' }, 'call_id', PATH_ID],
  ['params', { user_id: 'me', call_id: '41' }, 'user_id', PATH_ID],
];
const shotgun = { user_id: '17', shotgun_id: '5' };
const badShotgun: readonly BadRow[] = [
  ['params', { user_id: '17', shotgun_id: 'latest' }, 'shotgun_id', PATH_ID],
  ['params', { user_id: '', shotgun_id: '5' }, 'user_id', PATH_ID],
];
const idParam = (name: string): readonly BadRow[] => [
  ['params', { [name]: 'abc' }, name, PATH_ID],
  ['params', { [name]: '0' }, name, PATH_ID],
  ['params', { [name]: '12345678901234567' }, name, PATH_ID_MAX],
];

const authorize: InputTable = {
  valid: { body: { user_name: 'agent1', password: 'cGFzc3dvcmQx' } },
  bad: [
    ['body', { password: 'cGFzc3dvcmQx' }, 'user_name'],
    ['body', { user_name: '', password: 'cGFzc3dvcmQx' }, 'user_name'],
    ['body', { user_name: 7, password: 'cGFzc3dvcmQx' }, 'user_name'],
    ['body', { username: 7, password: 'cGFzc3dvcmQx' }, 'username'],
    ['body', { user_name: 'agent1' }, 'password'],
    ['body', { user_name: 'agent1', password: 'password1!' }, 'password', /Base64/],
    ['body', { user_name: 'agent1', password: '' }, 'password', /Base64/],
  ],
};

const login: InputTable = {
  valid: { params: user, body: { campaign_id: 3, extension: '1001' } },
  bad: [
    ...badUser,
    ['body', { extension: '1001' }, 'campaign_id'],
    ['body', { campaign_id: '3', extension: '1001' }, 'campaign_id'],
    ['body', { campaign_id: 3.5, extension: '1001' }, 'campaign_id'],
    ['body', { campaign_id: 0, extension: '1001' }, 'campaign_id'],
    ['body', { campaign_id: 3 }, 'extension'],
    ['body', { campaign_id: 3, extension: '' }, 'extension'],
    ['body', { campaign_id: 3, extension: 1001 }, 'extension'],
  ],
};

const commandOnCall: InputTable = { valid: { params: call }, bad: badCall };

const leadPhone = { phone_number: ok };
const newLead = { other_info: 'Renewal due in May', list_id: 1, phone_numbers: [leadPhone] };
const bulk = { list_id: 1, dnc_check: true, deduplication: false, leads: [{ phone_number_1: ok }] };

const TABLE: Readonly<Record<string, InputTable>> = {
  'POST /omni/user/authorize': authorize,
  'POST /omni/user/login': authorize,
  'POST /omni/user/login/authorize': authorize,
  'GET /omni/users/{user_id}': { valid: { params: user }, bad: badUser },
  'POST /omni/users/{user_id}/login': login,
  'POST /omni/user/{user_id}/login': login,
  'POST /omni/users/{user_id}/logout': { valid: { params: user }, bad: badUser },
  'POST /omni/users/{user_id}/state': {
    valid: { params: user, body: { state: 'paused', pause_code: 'LUNCH' } },
    bad: [
      ...badUser,
      ['body', {}, 'state'],
      ['body', { state: 'on_call' }, 'state'],
      ['body', { state: 'READY' }, 'state'],
      ['body', { state: 'paused', pause_code: '' }, 'pause_code'],
      ['body', { state: 'paused', pause_code: 5 }, 'pause_code'],
    ],
  },
  'POST /omni/voice/{user_id}/call': {
    valid: { params: user, body: { phone_number: ok, lead_id: 9, outbound_cli: '+442070000000', unique_id: 'crm-1' } },
    bad: [
      ...badUser,
      ['body', {}, 'phone_number'],
      ['body', { phone_number: '12' }, 'phone_number', PHONE],
      ['body', { phone_number: '12345678901234567' }, 'phone_number', PHONE],
      ['body', { phone_number: '0800 555 001' }, 'phone_number', PHONE],
      ['body', { phone_number: '+44(0)800555001' }, 'phone_number', PHONE],
      ['body', { phone_number: 800555001 }, 'phone_number'],
      ['body', { phone_number: ok, lead_id: '9' }, 'lead_id'],
      ['body', { phone_number: ok, lead_id: 0 }, 'lead_id'],
      ['body', { phone_number: ok, outbound_cli: 'ACME' }, 'outbound_cli', PHONE],
      ['body', { phone_number: ok, outboud_cli: 'ACME' }, 'outboud_cli', PHONE],
      ['body', { phone_number: ok, unique_id: 17 }, 'unique_id'],
    ],
  },
  'GET /omni/voice/{user_id}/call/{call_id}': commandOnCall,
  'POST /omni/voice/{user_id}/call/{call_id}/hold': commandOnCall,
  'POST /omni/voice/{user_id}/call/{call_id}/retrieve': commandOnCall,
  'POST /omni/voice/{user_id}/call/{call_id}/hangup': commandOnCall,
  'POST /omni/voice/{user_id}/call/{call_id}/connect': commandOnCall,
  'POST /omni/voice/{user_id}/call/{call_id}/dispose': {
    valid: {
      params: call,
      body: { disposition_code: 'CALLBK', callback_date_time: '2024-05-07 10:00:00', notes: 'call after 10' },
    },
    bad: [
      ...badCall,
      ['body', {}, 'disposition_code'],
      ['body', { disposition_code: '' }, 'disposition_code'],
      ['body', { disposition_code: 5 }, 'disposition_code'],
      ['body', { disposition_code: 'CALLBK', callback_date_time: 'tomorrow' }, 'callback_date_time', DATE_TIME],
      [
        'body',
        { disposition_code: 'CALLBK', callback_date_time: '2024-02-30 10:00:00' },
        'callback_date_time',
        DATE_TIME,
      ],
      [
        'body',
        { disposition_code: 'CALLBK', callback_date_time: '2024-05-07T10:00:00' },
        'callback_date_time',
        DATE_TIME,
      ],
      ['body', { disposition_code: 'SALE', notes: 5 }, 'notes'],
    ],
  },
  'POST /omni/voice/{user_id}/call/{call_id}/recording': {
    valid: { params: call, body: { action: 'pause' } },
    bad: [
      ...badCall,
      ['body', {}, 'action'],
      ['body', { action: 'record' }, 'action'],
      ['body', { action: 1 }, 'action'],
    ],
  },
  'POST /omni/voice/{user_id}/call/{call_id}/conference': {
    valid: { params: call, body: { phone_number: ok, outbound_cli: '0210000000' } },
    bad: [
      ...badCall,
      ['body', {}, 'phone_number'],
      ['body', { phone_number: 'reception' }, 'phone_number', PHONE],
      ['body', { phone_number: ok, outbound_cli: '1' }, 'outbound_cli', PHONE],
      ['body', { phone_number: ok, outboud_cli: '1' }, 'outboud_cli', PHONE],
    ],
  },
  'POST /omni/voice/{user_id}/shotgun': {
    valid: { params: user, body: { phone_numbers: [ok, '0800555002', '0800555003', '0800555004', '0800555005'] } },
    bad: [
      ...badUser,
      ['body', {}, 'phone_numbers'],
      ['body', { phone_numbers: [] }, 'phone_numbers'],
      ['body', { phone_numbers: ['1', '2', '3', '4', '5', '6'].map((d) => `080055500${d}`) }, 'phone_numbers'],
      ['body', { phone_numbers: ok }, 'phone_numbers'],
      ['body', { phone_numbers: [ok, '12'] }, 'phone_numbers.1', PHONE],
      ['body', { phone_numbers: [ok, '0800555002', ok] }, 'phone_numbers.2', /duplicate/],
      ['body', { phone_numbers: [ok], lead_id: 'x' }, 'lead_id'],
      ['body', { phone_numbers: [ok], outboud_cli: 'x' }, 'outboud_cli', PHONE],
      ['body', { phone_numbers: [ok], unique_id: [] }, 'unique_id'],
    ],
  },
  'GET /omni/voice/{user_id}/shotgun/{shotgun_id}': { valid: { params: shotgun }, bad: badShotgun },
  'POST /omni/voice/{user_id}/shotgun/{shotgun_id}/cancel': { valid: { params: shotgun }, bad: badShotgun },
  'POST /omni/users/{user_id}/preview/next': { valid: { params: user }, bad: badUser },
  'POST /omni/users/{user_id}/preview/skip': {
    valid: { params: user, body: { lead_id: 12 } },
    bad: [
      ...badUser,
      ['body', {}, 'lead_id'],
      ['body', { lead_id: '12' }, 'lead_id'],
      ['body', { lead_id: -12 }, 'lead_id'],
    ],
  },
  'POST /omni/campaign': {
    valid: { body: { campaign_name: 'Renewals', campaign_type: 1, HoursPerWorkingDay: 8, ProgressiveThreshold: 2 } },
    bad: [
      ['body', {}, 'campaign_name'],
      ['body', {}, 'campaign_type'],
      ['body', { campaign_type: 1 }, 'campaign_name'],
      ['body', { campaign_name: '', campaign_type: 1 }, 'campaign_name'],
      ['body', { campaign_name: 'R', campaign_type: 0 }, 'campaign_type'],
      ['body', { campaign_name: 'R', campaign_type: 10 }, 'campaign_type'],
      ['body', { campaign_name: 'R', campaign_type: '1' }, 'campaign_type'],
      ['body', { campaign_name: 'R', campaign_type: 1, HoursPerWorkingDay: '8' }, 'HoursPerWorkingDay'],
      ['body', { campaign_name: 'R', campaign_type: 1, HoursPerWorkingDay: 7.5 }, 'HoursPerWorkingDay'],
      ['body', { campaign_name: 'R', campaign_type: 1, ProgressiveThreshold: -1 }, 'ProgressiveThreshold'],
      ['body', { campaign_name: 'R', campaign_type: 1, caller_id: true }, 'caller_id'],
      ['body', { campaign_name: 'R', campaign_type: 1, target_drop_percentage: '3%' }, 'target_drop_percentage'],
      ['body', { campaign_name: 'R', campaign_type: 1, auto_record: 'yes' }, 'auto_record'],
      ['body', { campaign_name: 'R', campaign_type: 1, max_lines: 0 }, 'max_lines'],
      ['body', { campaign_name: 'R', campaign_type: 1, inbound_dids: ['0800555100', 'x'] }, 'inbound_dids.1', PHONE],
      ['body', { campaign_name: 'R', campaign_type: 1, pause_codes: [''] }, 'pause_codes.0'],
      ['body', { campaign_name: 'R', campaign_type: 1, dispositions: [7] }, 'dispositions.0'],
    ],
  },
  'GET /omni/campaign/{campaign_id}': { valid: { params: { campaign_id: '3' } }, bad: idParam('campaign_id') },
  'PUT /omni/campaign/{campaign_id}': {
    valid: { params: { campaign_id: '3' }, body: { is_blended: true } },
    bad: [
      ...idParam('campaign_id'),
      ['body', {}, '', /at least one field/],
      ['body', { campaign_type: 12 }, 'campaign_type'],
      ['body', { degrade_to_progressive: 1 }, 'degrade_to_progressive'],
      ['body', { zip_tone_wav: 5 }, 'zip_tone_wav'],
      ['body', { wrapup_seconds: -1 }, 'wrapup_seconds'],
      ['body', { caller_id: 1.5 }, 'caller_id'],
      ['body', { caller_id: -5 }, 'caller_id'],
    ],
  },
  'POST /omni/list': {
    valid: { body: { list_name: 'May renewals', campaign_id: 3, description: 'from the CRM' } },
    bad: [
      ['body', {}, 'list_name'],
      ['body', { list_name: '' }, 'list_name'],
      ['body', { list_name: 'L', campaign_id: '3' }, 'campaign_id'],
      ['body', { list_name: 'L', description: 5 }, 'description'],
    ],
  },
  'GET /omni/list/{list_id}': { valid: { params: { list_id: '2' } }, bad: idParam('list_id') },
  'GET /omni/list/{list_id}/leads': {
    valid: { params: { list_id: '2' }, query: { status: 'NEW', page: '2', page_size: '100' } },
    bad: [
      ...idParam('list_id'),
      ['query', { page: '0' }, 'page'],
      ['query', { page: 'two' }, 'page'],
      ['query', { page: '1.5' }, 'page'],
      ['query', { page_size: '0' }, 'page_size'],
      ['query', { page_size: '501' }, 'page_size'],
      ['query', { status: 'not a status' }, 'status'],
    ],
  },
  'POST /omni/lead': {
    valid: {
      body: {
        ...newLead,
        first_name: 'Ada',
        cost: 1.25,
        phone_numbers: [
          { phone_number: ok, phone_type_id: 2, time_zone_id: 0, high_priority: true },
          { phone_number: '+442070000000', phone_type_id: 1, schedule_call_date_time: '2024-05-07T09:00:00+01:00' },
        ],
      },
    },
    bad: [
      ['body', { list_id: 1, phone_numbers: [leadPhone] }, 'other_info'],
      ['body', { ...newLead, other_info: '' }, 'other_info'],
      ['body', { ...newLead, other_info: 5 }, 'other_info'],
      ['body', { other_info: 'x', phone_numbers: [leadPhone] }, 'list_id'],
      ['body', { ...newLead, list_id: '1' }, 'list_id'],
      ['body', { ...newLead, cost: -1 }, 'cost'],
      ['body', { ...newLead, cost: '1.25' }, 'cost'],
      ['body', { ...newLead, phone_numbers: [] }, 'phone_numbers'],
      ['body', { ...newLead, phone_numbers: [{}] }, 'phone_numbers.0.phone_number'],
      ['body', { ...newLead, phone_numbers: [{ phone_number: '12' }] }, 'phone_numbers.0.phone_number', PHONE],
      [
        'body',
        { ...newLead, phone_numbers: [leadPhone, { phone_number: 'x' }] },
        'phone_numbers.1.phone_number',
        PHONE,
      ],
      ['body', { ...newLead, phone_numbers: [{ ...leadPhone, phone_type_id: 3 }] }, 'phone_numbers.0.phone_type_id'],
      ['body', { ...newLead, phone_numbers: [{ ...leadPhone, time_zone_id: 1.5 }] }, 'phone_numbers.0.time_zone_id'],
      [
        'body',
        { ...newLead, phone_numbers: [{ ...leadPhone, high_priority: 'yes' }] },
        'phone_numbers.0.high_priority',
      ],
      [
        'body',
        { ...newLead, phone_numbers: [{ ...leadPhone, schedule_call_date_time: 'next week' }] },
        'phone_numbers.0.schedule_call_date_time',
        DATE_TIME,
      ],
      [
        'body',
        { ...newLead, phone_numbers: [{ ...leadPhone, schedule_call_date_time: 'Now' }] },
        'phone_numbers.0.schedule_call_date_time',
        /"Now\(\)"/,
      ],
    ],
  },
  'GET /omni/lead/{lead_id}': { valid: { params: { lead_id: '12' } }, bad: idParam('lead_id') },
  'PUT /omni/lead/{lead_id}': {
    valid: { params: { lead_id: '12' }, body: { status: 'DNC' } },
    bad: [
      ...idParam('lead_id'),
      ['body', {}, '', /at least one field/],
      ['body', { other_info: '' }, 'other_info'],
      ['body', { phone_numbers: [{ phone_number: 'x' }] }, 'phone_numbers.0.phone_number', PHONE],
      ['body', { status: 'not a status' }, 'status'],
      ['body', { list_id: 0 }, 'list_id'],
    ],
  },
  'DELETE /omni/lead/{lead_id}': { valid: { params: { lead_id: '12' } }, bad: idParam('lead_id') },
  'POST /omni/leads/bulk/upload': {
    valid: { body: bulk },
    bad: [
      ['body', { ...bulk, list_id: undefined }, 'list_id'],
      ['body', { ...bulk, list_id: 'one' }, 'list_id'],
      ['body', { ...bulk, list_id: undefined, list_name: '' }, 'list_name'],
      ['body', { ...bulk, list_id: undefined, list_name: 7 }, 'list_name'],
      ['body', { ...bulk, dnc_check: 'true' }, 'dnc_check'],
      ['body', { ...bulk, deduplication: undefined }, 'deduplication'],
      ['body', { ...bulk, leads: [] }, 'leads'],
      ['body', { ...bulk, leads: 'a,b,c' }, 'leads'],
      ['body', { ...bulk, leads: [{ phone_number_1: ok }, 'row'] }, 'leads.1'],
    ],
  },
  'POST /omni/leads/upload': {
    valid: { body: bulk },
    bad: [
      ['body', { ...bulk, list_id: 0 }, 'list_id'],
      ['body', { ...bulk, dnc_check: undefined }, 'dnc_check'],
      ['body', { ...bulk, leads: [7] }, 'leads.0'],
    ],
  },
  'POST /vicidial/leads/archive': {
    valid: { body: { insert_leads: true, update_leads: true, delete_leads: true, lead_ids: [1, 2, 3] } },
    bad: [
      ['body', { update_leads: true, delete_leads: true, lead_ids: [1] }, 'insert_leads'],
      ['body', { insert_leads: 'true', update_leads: true, delete_leads: true, lead_ids: [1] }, 'insert_leads'],
      ['body', { insert_leads: true, update_leads: 1, delete_leads: true, lead_ids: [1] }, 'update_leads'],
      ['body', { insert_leads: true, update_leads: true, delete_leads: null, lead_ids: [1] }, 'delete_leads'],
      ['body', { insert_leads: true, update_leads: true, delete_leads: true }, 'lead_ids'],
      ['body', { insert_leads: true, update_leads: true, delete_leads: true, lead_ids: [] }, 'lead_ids'],
      ['body', { insert_leads: true, update_leads: true, delete_leads: true, lead_ids: range(501) }, 'lead_ids', /500/],
      ['body', { insert_leads: true, update_leads: true, delete_leads: true, lead_ids: [1, 'two'] }, 'lead_ids.1'],
      ['body', { insert_leads: true, update_leads: true, delete_leads: true, lead_ids: [1, 2.5] }, 'lead_ids.1'],
      [
        'body',
        { insert_leads: true, update_leads: true, delete_leads: true, lead_ids: [7, 8, 7] },
        'lead_ids.2',
        /duplicate/,
      ],
    ],
  },
  'POST /vicidial/leads/dearchive': {
    valid: { body: { insert_leads: true, delete_leads: false, lead_ids: [4] } },
    bad: [
      ['body', { delete_leads: true, lead_ids: [1] }, 'insert_leads'],
      ['body', { insert_leads: true, delete_leads: 'no', lead_ids: [1] }, 'delete_leads'],
      ['body', { insert_leads: true, delete_leads: true, lead_ids: [] }, 'lead_ids'],
      ['body', { insert_leads: true, delete_leads: true, lead_ids: range(501) }, 'lead_ids', /500/],
      ['body', { insert_leads: true, delete_leads: true, lead_ids: [1, 1] }, 'lead_ids.1', /duplicate/],
      ['body', { insert_leads: true, delete_leads: true, lead_ids: ['1'] }, 'lead_ids.0'],
    ],
  },
  // A.7's older paths: the same rules, reported with the same messages.
  'POST /vicidial/lead/archive/': {
    valid: { body: { insert_leads: false, update_leads: false, delete_leads: false, lead_ids: [0, 1] } },
    bad: [
      [
        'body',
        { insert_leads: 'yes', update_leads: true, delete_leads: true, lead_ids: [1] },
        'insert_leads',
        /^insert_leads must be a boolean value$/,
      ],
      [
        'body',
        { insert_leads: true, update_leads: true, delete_leads: true, lead_ids: [1, 'x'] },
        'lead_ids.1',
        /^lead_ids must only contain integer values$/,
      ],
      [
        'body',
        { insert_leads: true, update_leads: true, delete_leads: true, lead_ids: [] },
        'lead_ids',
        /^lead_ids must contain atleast 1 value$/,
      ],
      [
        'body',
        { insert_leads: true, update_leads: true, delete_leads: true, lead_ids: [3, 3] },
        'lead_ids.1',
        /^lead_ids cannot contain duplicate values$/,
      ],
    ],
  },
  'POST /vicidial/lead/dearchive': {
    valid: { body: { insert_leads: true, delete_leads: true, lead_ids: [0] } },
    bad: [
      ['body', { insert_leads: true, lead_ids: [1] }, 'delete_leads', /^delete_leads must be a boolean value$/],
      [
        'body',
        { insert_leads: true, delete_leads: true, lead_ids: range(501) },
        'lead_ids',
        /^lead_ids cannot exceed 500 values$/,
      ],
      [
        'body',
        { insert_leads: true, delete_leads: true, lead_ids: [2.5] },
        'lead_ids.0',
        /^lead_ids must only contain integer values$/,
      ],
    ],
  },
  'POST /omni/notification/endpoint': {
    valid: {
      body: {
        url: 'https://crm.example.com/omni',
        notification_types: ['cdr', 'shotgun_result'],
        secret: 's3cret-value',
      },
    },
    bad: [
      ['body', {}, 'url'],
      ['body', { url: 'not a url' }, 'url'],
      ['body', { url: 'ftp://crm.example.com/omni' }, 'url'],
      ['body', { url: 'https://crm.example.com/omni', notification_types: [] }, 'notification_types'],
      ['body', { url: 'https://crm.example.com/omni', notification_types: ['cdr', 'sms'] }, 'notification_types.1'],
      ['body', { url: 'https://crm.example.com/omni', secret: 'short' }, 'secret'],
    ],
  },
  'GET /omni/recording/{file}': {
    valid: { params: { file: '41_20240506070809.wav' } },
    bad: [
      ['params', { file: 'recording.wav' }, 'file'],
      ['params', { file: '41_20240506070809.mp3' }, 'file'],
      ['params', { file: '41_2024.wav' }, 'file'],
      ['params', { file: '../41_20240506070809.wav' }, 'file'],
    ],
  },
};

const schemaOf = (key: string, part: Part): z.ZodType => {
  const schema = routeAt(key)[part];
  if (!schema) throw new Error(`${key} has no ${part}`);
  return schema;
};

describe('bad inputs are refused at their field', () => {
  it('the table covers every route that takes a body, path parameters or a query', () => {
    const withInput = routeList.filter((r) => r.body || r.params || r.query).map((r) => `${r.method} ${r.path}`);
    expect(Object.keys(TABLE).sort()).toEqual(withInput.sort());
  });

  describe.each(Object.entries(TABLE))('%s', (key, table) => {
    it('accepts the valid input', () => {
      for (const [part, input] of Object.entries(table.valid) as [Part, unknown][]) {
        expect(schemaOf(key, part).safeParse(input).error?.issues ?? [], part).toEqual([]);
      }
    });

    it('has a bad input for every part it takes', () => {
      const route = routeAt(key);
      const parts = (['params', 'query', 'body'] as const).filter((p) => route[p]);
      expect([...new Set(table.bad.map(([part]) => part))].sort()).toEqual([...parts].sort());
    });

    it.each(table.bad.map((row) => [row[2] === '' ? '(the body)' : row[2], JSON.stringify(row[1]), row] as const))(
      'refuses at %s: %s',
      (_field, _input, [part, input, field, message]) => {
        const result = schemaOf(key, part).safeParse(input);
        expect(result.success).toBe(false);
        const issues = result.error?.issues ?? [];
        const at = issues.filter((i) => i.path.map(String).join('.') === field);
        expect(
          at,
          `expected an issue at "${field}", got ${JSON.stringify(issues.map((i) => i.path.join('.')))}`,
        ).not.toHaveLength(0);
        for (const issue of at) expect(issue.message.trim().length).toBeGreaterThan(0);
        if (message) expect(at.map((i) => i.message).join(' | ')).toMatch(message);
      },
    );
  });
});
