import { describe, expect, it } from 'vitest';
import { checkFields, type FieldTable, nul, opt, req } from '../support/field-table.js';
import { bodyOf, responseOf } from '../support/route-at.js';

/** A.3 Click-2-Dial, B.5 calls, B.6 shotgun: fields transcribed from omni-api.md. */

const CALL_STATES = ['initiated', 'ringing', 'answered', 'on_hold', 'ended'];
const CALL_TYPES = [1, 2, 3, 4, 5];
const RECORDING_STATES = ['off', 'recording', 'paused', 'stopped'];
const commandResult: FieldTable = { success: req('bool'), detail: req('string') };

// A.3 / B.5: `phone_number` required; `lead_id` integer, `outbound_cli` (also `outboud_cli`),
// `unique_id` optional.
const MAKE_CALL = 'POST /omni/voice/{user_id}/call';
checkFields(
  `${MAKE_CALL} body`,
  bodyOf(MAKE_CALL),
  {
    phone_number: req('phone'),
    lead_id: opt('id'),
    outbound_cli: opt('phone'),
    outboud_cli: opt('phone'),
    unique_id: opt('string', { sample: 'crm-ref-1' }),
  },
  { renamedOnOutput: ['outboud_cli'] },
);

// A.3: `call_id` integer, `phone_number` string, `call_state` string, `call_start_time` date-time.
checkFields(
  `${MAKE_CALL} 200`,
  responseOf(MAKE_CALL),
  {
    call_id: req('id'),
    phone_number: req('string'),
    call_state: req({ enum: CALL_STATES }),
    call_start_time: req('dateTimeOut'),
  },
  { io: 'output' },
);

// B.5: the call's live state. `agent_leg_state` values and null times are not in the doc
// (the agent's part "ends separately"; a time not yet reached has no value).
const GET_CALL = 'GET /omni/voice/{user_id}/call/{call_id}';
checkFields(
  `${GET_CALL} 200`,
  responseOf(GET_CALL),
  {
    call_id: req('id'),
    phone_number: req('string'),
    call_state: req({ enum: CALL_STATES }),
    call_direction: req({ enum: ['inbound', 'outbound'] }),
    call_type: req({ enum: CALL_TYPES }),
    campaign_id: req('id0'),
    lead_id: req('id0'),
    unique_id: req('string'),
    agent_leg_state: req('string', { sample: 'connected', source: 'inferred' }),
    recording_state: req({ enum: RECORDING_STATES }),
    call_start_time: req('dateTimeOut'),
    answer_time: nul('dateTimeOut'),
    end_time: nul('dateTimeOut'),
    // Inferred: the dispose route's `disposition_code` and `notes`, read back once the call is disposed, and a
    // `CALLBK`'s `callback_date_time`.
    disposition_code: opt('string', { sample: 'SALE', source: 'inferred' }),
    notes: opt('string', { source: 'inferred' }),
    callback_date_time: opt('dateTimeOut', { source: 'inferred' }),
  },
  { io: 'output' },
);

for (const command of ['hold', 'retrieve', 'hangup', 'connect']) {
  const key = `POST /omni/voice/{user_id}/call/{call_id}/${command}`;
  checkFields(`${key} 200`, responseOf(key), commandResult, { io: 'output' });
}

// B.5 dispose: `{ disposition_code, callback_date_time?, notes? }`.
const DISPOSE = 'POST /omni/voice/{user_id}/call/{call_id}/dispose';
checkFields(`${DISPOSE} body`, bodyOf(DISPOSE), {
  disposition_code: req('string', { sample: 'SALE' }),
  callback_date_time: opt('dateTimeIn'),
  notes: opt('string'),
});
checkFields(`${DISPOSE} 200`, responseOf(DISPOSE), commandResult, { io: 'output' });

// B.5 recording: `{ action: "start" | "stop" | "pause" | "resume" }`; the answer's extra fields
// are not in the doc (inferred: the state it moved to and the file name).
const RECORDING = 'POST /omni/voice/{user_id}/call/{call_id}/recording';
checkFields(`${RECORDING} body`, bodyOf(RECORDING), { action: req({ enum: ['start', 'stop', 'pause', 'resume'] }) });
checkFields(
  `${RECORDING} 200`,
  responseOf(RECORDING),
  {
    ...commandResult,
    recording_state: req({ enum: RECORDING_STATES }, { source: 'inferred' }),
    recording_url: req('string', { source: 'inferred' }),
  },
  { io: 'output' },
);

// B.5 conference: `{ phone_number, outbound_cli? }` → the 3rd-party leg's `call_id`.
const CONFERENCE = 'POST /omni/voice/{user_id}/call/{call_id}/conference';
checkFields(
  `${CONFERENCE} body`,
  bodyOf(CONFERENCE),
  { phone_number: req('phone'), outbound_cli: opt('phone'), outboud_cli: opt('phone') },
  { renamedOnOutput: ['outboud_cli'] },
);
checkFields(`${CONFERENCE} 200`, responseOf(CONFERENCE), { ...commandResult, call_id: req('id') }, { io: 'output' });

// B.6: `{ phone_numbers: string[1..5] (distinct), lead_id?, outbound_cli?, unique_id? }`.
const SHOTGUN = 'POST /omni/voice/{user_id}/shotgun';
checkFields(
  `${SHOTGUN} body`,
  bodyOf(SHOTGUN),
  {
    phone_numbers: req('phoneArray', { sample: ['0800555001', '0800555002'] }),
    lead_id: opt('id'),
    outbound_cli: opt('phone'),
    outboud_cli: opt('phone'),
    unique_id: opt('string'),
  },
  { renamedOnOutput: ['outboud_cli'] },
);
// → `{ shotgun_id, calls: [{ call_id, phone_number }] }`.
checkFields(
  `${SHOTGUN} 200`,
  responseOf(SHOTGUN),
  { shotgun_id: req('id'), calls: req('objectArray') },
  { io: 'output' },
);
checkFields(
  `${SHOTGUN} 200 calls[]`,
  responseOf(SHOTGUN),
  { call_id: req('id'), phone_number: req('string') },
  { io: 'output', wrap: (c) => ({ shotgun_id: 1, calls: [c] }), at: 'calls.0' },
);

// B.6: `{ shotgun_id, state, winner_call_id, legs: [{ call_id, phone_number, call_state, outcome, sip_code }] }`.
const GET_SHOTGUN = 'GET /omni/voice/{user_id}/shotgun/{shotgun_id}';
checkFields(
  `${GET_SHOTGUN} 200`,
  responseOf(GET_SHOTGUN),
  {
    shotgun_id: req('id'),
    state: req({ enum: ['racing', 'won', 'lost', 'cancelled'] }),
    winner_call_id: req('id0'),
    legs: req('objectArray'),
  },
  { io: 'output' },
);
const shotgunLeg: FieldTable = {
  call_id: req('id'),
  phone_number: req('string'),
  call_state: req({ enum: CALL_STATES }),
  outcome: req('string', { sample: 'won' }),
  sip_code: req('int', { sample: 200 }),
};
checkFields(`${GET_SHOTGUN} 200 legs[]`, responseOf(GET_SHOTGUN), shotgunLeg, {
  io: 'output',
  wrap: (leg) => ({ shotgun_id: 1, state: 'won', winner_call_id: 1, legs: [leg] }),
  at: 'legs.0',
});
const CANCEL = 'POST /omni/voice/{user_id}/shotgun/{shotgun_id}/cancel';
checkFields(`${CANCEL} 200`, responseOf(CANCEL), commandResult, { io: 'output' });

describe('B.1: `outboud_cli` is accepted for `outbound_cli`', () => {
  const cases = [
    [MAKE_CALL, { phone_number: '0800555001' }],
    [CONFERENCE, { phone_number: '0800555001' }],
    [SHOTGUN, { phone_numbers: ['0800555001'] }],
  ] as const;

  it.each(cases)('%s hands on `outbound_cli` whichever spelling came', (key, base) => {
    const body = bodyOf(key);
    const older = body.parse({ ...base, outboud_cli: '0210000000' }) as Record<string, unknown>;
    expect(older.outbound_cli).toBe('0210000000');
    expect(older).not.toHaveProperty('outboud_cli');
    const current = body.parse({ ...base, outbound_cli: '0210000001' }) as Record<string, unknown>;
    expect(current.outbound_cli).toBe('0210000001');
    const both = body.parse({ ...base, outbound_cli: '0210000001', outboud_cli: '0210000000' }) as Record<
      string,
      unknown
    >;
    expect(both.outbound_cli).toBe('0210000001');
  });
});
