import { describe, expect, it } from 'vitest';
import { CAMPAIGN_DEFAULTS, CAMPAIGN_TYPES } from '../../src/index.js';
import { checkFields, type FieldRow, type FieldTable, failsAt, opt, req } from '../support/field-table.js';
import { bodyOf, responseOf } from '../support/route-at.js';

/** A.5 campaign fields and B.8's inferred ones, transcribed from omni-api.md. */

// A.5, names as documented (PascalCase `HoursPerWorkingDay`, `ProgressiveThreshold` included).
const A5: Readonly<Record<string, FieldRow>> = {
  campaign_name: opt('string', { source: 'documented' }),
  campaign_type: opt({ enum: [1, 2, 3, 4, 5, 6, 7, 8, 9] }, { source: 'documented' }),
  description: opt('string', { source: 'documented' }),
  teleparam_plan_id: opt('int', { source: 'documented' }),
  // A.6: the page's JSON shows a string, its table an integer: both accepted, answered as a string.
  caller_id: opt('stringOrInt', { source: 'documented' }),
  target_drop_percentage: opt('decimal', { source: 'documented' }),
  message_of_the_day: opt('string', { source: 'documented' }),
  default_list_id: opt('id0', { source: 'documented' }),
  default_phone_type: opt('int', { source: 'documented' }),
  auto_record: opt('bool', { source: 'documented' }),
  is_blended: opt('bool', { source: 'documented' }),
  degrade_to_progressive: opt('bool', { source: 'documented' }),
  not_ready_wait_time: opt('int', { source: 'documented' }),
  zip_tone: opt('int', { source: 'documented' }),
  zip_tone_beep: opt('int', { source: 'documented' }),
  zip_tone_wav: opt('string', { source: 'documented' }),
  max_lines: opt('int', { source: 'documented' }),
  schedule_plan_id: opt('int', { source: 'documented' }),
  HoursPerWorkingDay: opt('int', { sample: 8, source: 'documented' }),
  ProgressiveThreshold: opt('int', { sample: 2, source: 'documented' }),
};

// B.8: settings the dialler needs that the docs do not list.
const B8: Readonly<Record<string, FieldRow>> = {
  wrapup_seconds: opt('int', { sample: 30, source: 'inferred' }),
  no_answer_seconds: opt('int', { sample: 25, source: 'inferred' }),
  amd_enabled: opt('bool', { source: 'inferred' }),
  max_attempts: opt('int', { sample: 3, source: 'inferred' }),
  recycle_delay_minutes: opt('int', { sample: 60, source: 'inferred' }),
  pause_codes: opt('stringArray', { sample: ['BREAK', 'LUNCH', 'TRAIN'], source: 'inferred' }),
  dispositions: opt('stringArray', { sample: ['SALE', 'NI', 'CALLBK', 'DNC', 'XFER'], source: 'inferred' }),
  inbound_dids: opt('phoneArray', { sample: ['0800555100'], source: 'inferred' }),
};

const required = (table: Readonly<Record<string, FieldRow>>): FieldTable =>
  Object.fromEntries(Object.entries(table).map(([k, row]) => [k, { ...row, required: true }]));

// A.3: PUT /omni/campaign/{campaign_id} takes the A.5 fields; B.8: it is a partial update.
const PUT = 'PUT /omni/campaign/{campaign_id}';
checkFields(`${PUT} body`, bodyOf(PUT), { ...A5, ...B8 }, { minimalAlso: ['HoursPerWorkingDay'] });
checkFields(`${PUT} 200`, responseOf(PUT), { success: req('bool'), detail: req('string') }, { io: 'output' });

// B.8: POST /omni/campaign, name and type required → `{ success, detail, campaign_id }`.
const CREATE = 'POST /omni/campaign';
checkFields(`${CREATE} body`, bodyOf(CREATE), {
  ...A5,
  ...B8,
  campaign_name: req('string'),
  campaign_type: req({ enum: [1, 2, 3, 4, 5, 6, 7, 8, 9] }),
});
checkFields(
  `${CREATE} 200`,
  responseOf(CREATE),
  { success: req('bool'), detail: req('string'), campaign_id: req('id') },
  { io: 'output' },
);

// B.8: GET answers the campaign with every setting.
const GET = 'GET /omni/campaign/{campaign_id}';
checkFields(
  `${GET} 200`,
  responseOf(GET),
  // A.6: caller_id is answered as a string whichever way it was sent.
  { campaign_id: req('id'), ...required(A5), caller_id: req('string', { source: 'documented' }), ...required(B8) },
  { io: 'output' },
);
checkFields(
  'GET /omni/campaigns 200',
  responseOf('GET /omni/campaigns'),
  { campaigns: req('objectArray') },
  {
    io: 'output',
  },
);

describe('campaign rules', () => {
  it('A.5: campaign_type 1..9 means Progressive .. Interaction', () => {
    expect(CAMPAIGN_TYPES).toEqual({
      PROGRESSIVE: 1,
      PREVIEW: 2,
      CLICK_2_DIAL: 3,
      IVR: 4,
      BRIDGE: 5,
      PING: 6,
      INBOUND: 7,
      COACH: 8,
      INTERACTION: 9,
    });
  });

  it('B.8: the inferred settings default to 30, 25, false, 3, 60, BREAK/LUNCH/TRAIN, the B.9 agent codes, []', () => {
    expect({
      wrapup_seconds: CAMPAIGN_DEFAULTS.wrapup_seconds,
      no_answer_seconds: CAMPAIGN_DEFAULTS.no_answer_seconds,
      amd_enabled: CAMPAIGN_DEFAULTS.amd_enabled,
      max_attempts: CAMPAIGN_DEFAULTS.max_attempts,
      recycle_delay_minutes: CAMPAIGN_DEFAULTS.recycle_delay_minutes,
      pause_codes: CAMPAIGN_DEFAULTS.pause_codes,
      dispositions: CAMPAIGN_DEFAULTS.dispositions,
      inbound_dids: CAMPAIGN_DEFAULTS.inbound_dids,
    }).toEqual({
      wrapup_seconds: 30,
      no_answer_seconds: 25,
      amd_enabled: false,
      max_attempts: 3,
      recycle_delay_minutes: 60,
      pause_codes: ['BREAK', 'LUNCH', 'TRAIN'],
      dispositions: ['SALE', 'NI', 'CALLBK', 'DNC', 'XFER'],
      inbound_dids: [],
    });
  });

  it('Part C: the pacing target defaults to the common 3% drop rate', () => {
    expect(CAMPAIGN_DEFAULTS.target_drop_percentage).toBe(3);
  });

  it('every default is a value the update body accepts', () => {
    const {
      campaign_name: _n,
      campaign_type: _t,
      ...rest
    } = { campaign_name: 'x', campaign_type: 1, ...CAMPAIGN_DEFAULTS };
    expect(bodyOf(PUT).safeParse(rest).error?.issues ?? []).toEqual([]);
  });

  it('B.8: PUT is partial, but an empty change is refused', () => {
    expect(bodyOf(PUT).safeParse({ HoursPerWorkingDay: 10 }).success).toBe(true);
    expect(failsAt(bodyOf(PUT).safeParse({}), '')).toBe(true);
  });

  it('A.5: the PascalCase names are the only spelling (no snake_case twin)', () => {
    const result = bodyOf(PUT).safeParse({ hours_per_working_day: 8, progressive_threshold: 2 }) as {
      success: boolean;
    };
    // Unknown names are dropped, leaving nothing to change.
    expect(result.success).toBe(false);
  });
});
