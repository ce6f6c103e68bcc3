import { describe, expect, it } from 'vitest';
import {
  NOTIFICATION_HEADERS,
  NOTIFICATION_RETRY_SECONDS,
  NOTIFICATION_TYPES,
  notification,
  notificationInput,
  notificationPayloads,
} from '../src/index.js';
import { checkFields, type FieldTable, failsAt, nul, opt, req, sampleObject } from './support/field-table.js';
import { bodyOf, responseOf } from './support/route-at.js';

/** A.4 and B.7 notifications: every type with its payload fields, transcribed from omni-api.md. */

const CALL_STATES = ['initiated', 'ringing', 'answered', 'on_hold', 'ended'];
const AGENT_STATES = ['logged_out', 'paused', 'ready', 'on_call', 'wrap_up'];
const DIRECTIONS = ['inbound', 'outbound'];
const CALL_TYPES = [1, 2, 3, 4, 5];

// A.4 CDR (B.1 emitted names: `unique_id`, `end_date_time`, `wrap_time`); durations in ms.
const cdr: FieldTable = {
  call_id: req('id'),
  phone_number: req('string'),
  caller_id: req('string'),
  unique_id: req('string'),
  call_direction: req({ enum: DIRECTIONS }),
  dispostion_code: req('string', { sample: 'SALE' }),
  sip_code: req('int', { sample: 200 }),
  user_id: req('id0'),
  campaign_id: req('id0'),
  list_id: req('id0'),
  call_type: req({ enum: CALL_TYPES }),
  recording_url: req('string', { sample: '41_20240506070809.wav' }),
  start_date_time: req('dateTimeOut'),
  end_date_time: req('dateTimeOut'),
  ivr_time: req('count'),
  ring_time: req('count'),
  talk_time: req('count'),
  user_time: req('count'),
  hold_time: req('count'),
  wrap_time: req('count'),
};

// A.4 inbound call object (B.1 emitted names: `reference_id`, `DNIS`).
const inbound: FieldTable = {
  call_id: req('id'),
  phone_number: req('string'),
  DNIS: req('string', { sample: '0800555100' }),
  reference_id: req('string'),
  call_direction: req({ enum: DIRECTIONS }),
  user_id: req('id0'),
  campaign_id: req('id0'),
  list_id: req('id0'),
  call_type: req({ enum: CALL_TYPES }),
};

// B.7 payloads beyond the documented two.
const callState: FieldTable = {
  call_id: req('id'),
  user_id: req('id0'),
  campaign_id: req('id0'),
  lead_id: req('id0'),
  phone_number: req('string'),
  call_direction: req({ enum: DIRECTIONS }),
  call_type: req({ enum: CALL_TYPES }),
  unique_id: req('string'),
  call_state: req({ enum: CALL_STATES }),
  // The first state has no previous one: '' (inferred).
  previous_state: req({ enum: [...CALL_STATES, ''] }),
  sip_code: req('int', { sample: 180 }),
  shotgun_id: req('id0'),
  timestamp: req('dateTimeOut'),
};

const agentState: FieldTable = {
  user_id: req('id'),
  campaign_id: req('id0'),
  extension: req('string', { sample: '1001' }),
  agent_state: req({ enum: AGENT_STATES }),
  previous_state: req({ enum: AGENT_STATES }),
  pause_code: req('string', { sample: 'BREAK' }),
  reason: req('string', { sample: 'api' }),
  timestamp: req('dateTimeOut'),
};

const recording: FieldTable = {
  call_id: req('id'),
  user_id: req('id0'),
  recording_state: req({ enum: ['off', 'recording', 'paused', 'stopped'] }),
  recording_url: req('string', { sample: '41_20240506070809.wav' }),
  timestamp: req('dateTimeOut'),
};

const shotgunResult: FieldTable = {
  shotgun_id: req('id'),
  user_id: req('id'),
  state: req({ enum: ['racing', 'won', 'lost', 'cancelled'] }),
  winner_call_id: req('id0'),
  legs: req('objectArray'),
  timestamp: req('dateTimeOut'),
};

// B.6: the legs are the live state's legs.
const shotgunLeg: FieldTable = {
  call_id: req('id'),
  phone_number: req('string'),
  call_state: req({ enum: CALL_STATES }),
  outcome: req('string', { sample: 'busy' }),
  sip_code: req('int', { sample: 486 }),
};

const PAYLOADS = {
  cdr,
  inbound,
  call_state: callState,
  agent_state: agentState,
  recording,
  shotgun_result: shotgunResult,
} as const;

for (const [type, table] of Object.entries(PAYLOADS)) {
  checkFields(`notification ${type}`, notification, table, {
    io: 'output',
    wrap: (payload) => ({ type, payload }),
    at: 'payload',
    keysOf: notificationPayloads[type as keyof typeof notificationPayloads],
  });
}
checkFields('notification shotgun_result legs[]', notification, shotgunLeg, {
  io: 'output',
  wrap: (leg) => ({ type: 'shotgun_result', payload: { ...sampleObject(shotgunResult), legs: [leg] } }),
  at: 'payload.legs.0',
  keysOf: notificationPayloads.shotgun_result,
  keysAt: 'legs.0',
});

const envelope = (type: keyof typeof PAYLOADS) => ({ type, payload: sampleObject(PAYLOADS[type]) });

describe('the notification envelope (A.4, B.7)', () => {
  it('B.7: the type strings are cdr, inbound, call_state, agent_state, recording, shotgun_result, and B.12.6’s five', () => {
    expect([...NOTIFICATION_TYPES].sort()).toEqual(
      [
        'agent_state',
        'call_state',
        'cdr',
        'inbound',
        'recording',
        'shotgun_result',
        'message_received',
        'message_status',
        'conversation_assigned',
        'conversation_window',
        'conversation_end',
      ].sort(),
    );
  });

  it('reads every type of the table as `{ type, payload }`', () => {
    for (const type of Object.keys(PAYLOADS) as (keyof typeof PAYLOADS)[]) {
      const parsed = notification.parse(envelope(type));
      expect(parsed.type).toBe(type);
      expect(Object.keys(parsed.payload).sort()).toEqual(Object.keys(PAYLOADS[type]).sort());
    }
  });

  it('refuses an unknown type at `type`', () => {
    expect(failsAt(notification.safeParse({ type: 'sms', payload: {} }), 'type')).toBe(true);
  });

  it('refuses a payload of another type (the union is discriminated on `type`)', () => {
    expect(failsAt(notification.safeParse({ type: 'cdr', payload: sampleObject(inbound) }), 'payload')).toBe(true);
  });

  it('A.4: the CDR keeps the misspelt `dispostion_code` and has no `disposition_code`', () => {
    const parsed = notification.parse({
      ...envelope('cdr'),
      payload: { ...sampleObject(cdr), disposition_code: 'NI' },
    });
    expect(parsed.payload).toHaveProperty('dispostion_code', 'SALE');
    expect(parsed.payload).not.toHaveProperty('disposition_code');
  });

  it('A.4: durations are whole milliseconds (10.5 s is 10500, never 10.5)', () => {
    const payload = { ...sampleObject(cdr), talk_time: 10_500, user_time: 12_000, hold_time: 1_500 };
    expect(notification.safeParse({ type: 'cdr', payload }).success).toBe(true);
    expect(
      failsAt(notification.safeParse({ type: 'cdr', payload: { ...payload, talk_time: 10.5 } }), 'payload.talk_time'),
    ).toBe(true);
  });

  it('B.7: delivery headers and the retry schedule', () => {
    expect(NOTIFICATION_HEADERS).toEqual({
      id: 'X-Omni-Notification-Id',
      timestamp: 'X-Omni-Timestamp',
      signature: 'X-Omni-Signature',
    });
    // 10 s, 30 s, 1 m, 2 m, 5 m, 10 m, 20 m, 30 m, 60 m after the first attempt: 10 attempts.
    expect(NOTIFICATION_RETRY_SECONDS).toEqual([10, 30, 60, 120, 300, 600, 1200, 1800, 3600]);
    expect(NOTIFICATION_RETRY_SECONDS.length + 1).toBe(10);
  });
});

describe('notificationInput accepts the documented variants (B.1)', () => {
  it('CDR: `reference_id` for `unique_id`, `end_time_time` for `end_date_time`, `wrapup_time` for `wrap_time`', () => {
    const { unique_id: _u, end_date_time: _e, wrap_time: _w, ...rest } = sampleObject(cdr);
    const parsed = notificationInput.parse({
      type: 'cdr',
      payload: { ...rest, reference_id: 'crm-9', end_time_time: '2024-05-06T07:09:09.000Z', wrapup_time: 4000 },
    });
    expect(parsed.payload).toEqual({
      ...rest,
      unique_id: 'crm-9',
      end_date_time: '2024-05-06T07:09:09.000Z',
      wrap_time: 4000,
    });
  });

  it('inbound: `unique_id` for `reference_id`, `number_called` for `DNIS`', () => {
    const { reference_id: _r, DNIS: _d, ...rest } = sampleObject(inbound);
    const parsed = notificationInput.parse({
      type: 'inbound',
      payload: { ...rest, unique_id: 'crm-10', number_called: '0800555100' },
    });
    expect(parsed.payload).toEqual({ ...rest, reference_id: 'crm-10', DNIS: '0800555100' });
  });

  it('takes the emitted names unchanged, and they win over a variant sent alongside', () => {
    const payload = sampleObject(cdr);
    expect(notificationInput.parse({ type: 'cdr', payload }).payload).toEqual(payload);
    const both = notificationInput.parse({ type: 'cdr', payload: { ...payload, reference_id: 'other' } });
    expect(both.payload).toEqual(payload);
  });

  it('still refuses what is wrong after the variants are read', () => {
    const { unique_id: _u, ...rest } = sampleObject(cdr);
    expect(failsAt(notificationInput.safeParse({ type: 'cdr', payload: rest }), 'payload.unique_id')).toBe(true);
    expect(
      failsAt(notificationInput.safeParse({ type: 'cdr', payload: { ...rest, reference_id: 5 } }), 'payload.unique_id'),
    ).toBe(true);
    expect(notificationInput.safeParse('not an envelope').success).toBe(false);
    expect(notificationInput.safeParse({ type: 'cdr' }).success).toBe(false);
  });

  it('does not rename fields of the other types', () => {
    const payload = { ...sampleObject(callState) };
    expect(notificationInput.parse({ type: 'call_state', payload }).payload).toEqual(payload);
  });
});

// B.7: `POST /omni/notification/endpoint { url, notification_types?: string[], secret? }` → `{ success, detail }`.
const ENDPOINT = '/omni/notification/endpoint';
checkFields(`POST ${ENDPOINT} body`, bodyOf(`POST ${ENDPOINT}`), {
  url: req('string', { sample: 'https://crm.example.com/omni/hook' }),
  notification_types: opt('stringArray', { sample: ['cdr', 'inbound'] }),
  secret: opt('string', { sample: 'a-long-shared-secret' }),
});
checkFields(
  `POST ${ENDPOINT} 200`,
  responseOf(`POST ${ENDPOINT}`),
  { success: req('bool'), detail: req('string') },
  {
    io: 'output',
  },
);
checkFields(
  `DELETE ${ENDPOINT} 200`,
  responseOf(`DELETE ${ENDPOINT}`),
  { success: req('bool'), detail: req('string') },
  {
    io: 'output',
  },
);
// B.7: GET reads it, the secret never echoed (names of the answer inferred).
checkFields(
  `GET ${ENDPOINT} 200`,
  responseOf(`GET ${ENDPOINT}`),
  {
    url: nul('string', { sample: 'https://crm.example.com/omni/hook' }),
    notification_types: req('stringArray', { sample: ['cdr'] }),
    secret_set: req('bool'),
  },
  { io: 'output' },
);

describe('the notification endpoint (B.7)', () => {
  it('accepts every notification type as a filter, and nothing else', () => {
    const body = bodyOf(`POST ${ENDPOINT}`);
    const url = 'https://crm.example.com/omni/hook';
    expect(body.safeParse({ url, notification_types: [...Object.keys(PAYLOADS)] }).success).toBe(true);
    expect(failsAt(body.safeParse({ url, notification_types: ['cdr', 'sms'] }), 'notification_types.1')).toBe(true);
  });

  it('refuses a URL with credentials, no host, port 0 or a control character, saying which', () => {
    const body = bodyOf(`POST ${ENDPOINT}`);
    const cases: Array<[string, RegExp]> = [
      ['http://crm:s3cret-pass@crm.example.com/hook', /must not carry credentials/],
      ['https://crm@crm.example.com/hook', /must not carry credentials/],
      ['http:///path', /must name a host/],
      ['http://crm.example.com:0/hook', /port 0/],
      ['http://crm.example.com/hook\u0000', /control characters/],
    ];
    for (const [url, message] of cases) {
      const r = body.safeParse({ url });
      expect(r.success, url).toBe(false);
      expect(
        r.error?.issues.map((i) => [i.path.join('.'), i.message]),
        url,
      ).toEqual([['url', expect.stringMatching(message)]]);
    }
    expect(body.safeParse({ url: 'http://[::1]:8080/hook?x=1' }).success).toBe(true);
  });

  it('never echoes the secret', () => {
    const parsed = responseOf(`GET ${ENDPOINT}`).parse({
      url: 'https://crm.example.com/omni/hook',
      notification_types: ['cdr'],
      secret_set: true,
      secret: 'a-long-shared-secret',
    });
    expect(parsed).not.toHaveProperty('secret');
  });
});
