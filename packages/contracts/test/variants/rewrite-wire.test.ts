import { describe, expect, it } from 'vitest';
import { authorizeResponse, callView, listUsers, notification } from '../../src/index.js';
import {
  fixedZone,
  formatDateAs,
  normalizeBody,
  parseAnyDate,
  parseVary,
  rewriteBody,
  rewriteError,
  type WireZone,
  wireFields,
} from '../../src/variants/index.js';

/** One answer of `GET /omni/voice/{user_id}/call/{call_id}` as the contracts write it. */
const call = {
  call_id: 4021,
  phone_number: '0800555001',
  call_state: 'answered',
  call_direction: 'outbound',
  call_type: 1,
  campaign_id: 3,
  lead_id: 0,
  unique_id: 'crm-77',
  agent_leg_state: 'connected',
  recording_state: 'off',
  call_start_time: '2026-01-05T08:00:00.000Z',
  answer_time: '2026-01-05T08:00:03.250Z',
  end_time: null,
};

/** Johannesburg: UTC+2 all year. */
const SAST = fixedZone(120);

describe('which fields the axes touch, read off the schemas', () => {
  it('finds the call view’s dates and ids, not its other integers', () => {
    const f = wireFields(callView);
    expect(f.filter((x) => x.kind === 'date').map((x) => x.path.join('.'))).toEqual([
      'call_start_time',
      'answer_time',
      'end_time',
      'callback_date_time',
    ]);
    expect(f.filter((x) => x.kind === 'id').map((x) => x.path.join('.'))).toEqual([
      'call_id',
      'campaign_id',
      'lead_id',
    ]);
  });

  it('leaves authorize’s expiry_date alone: A.2 documents it as ISO-8601', () => {
    expect(wireFields(authorizeResponse).map((x) => `${x.kind}:${x.path.join('.')}`)).toEqual([
      'object:',
      'id:user_id',
    ]);
  });

  it('leaves GET /omni/users’ user_id alone: it is already a string', () => {
    const schema = listUsers.responses[200] as Parameters<typeof wireFields>[0];
    expect(wireFields(schema).filter((x) => x.kind === 'id')).toEqual([]);
  });

  it('walks every notification type’s payload, arrays included', () => {
    const paths = wireFields(notification).map((x) => `${x.kind}:${x.path.join('.')}`);
    expect(paths).toContain('date:payload.start_date_time');
    expect(paths).toContain('id:payload.legs.[].call_id');
    expect(paths).toContain('object:payload.legs.[]');
    expect(paths).not.toContain('id:payload.sip_code');
  });
});

describe('each axis value on the wire: one call view, literally', () => {
  it.each([
    ['default', call],
    [
      'dates=vicidial',
      { ...call, call_start_time: '2026-01-05 10:00:00', answer_time: '2026-01-05 10:00:03', end_time: null },
    ],
    [
      'dates=iso-offset',
      { ...call, call_start_time: '2026-01-05T10:00:00.000+02:00', answer_time: '2026-01-05T10:00:03.250+02:00' },
    ],
    ['ids=strings', { ...call, call_id: '4021', campaign_id: '3', lead_id: '0' }],
    ['extras=extra-fields', { ...call, server_node: 'omni-app-01', api_version: '3.4.2', request_ms: 3 }],
    ['errors=ok-false,tokens=revoke-older,notifications=twice', call],
  ])('%s', (vary, wire) => {
    expect(rewriteBody(callView, call, parseVary(vary), SAST)).toEqual(wire);
  });

  it('dates in UTC write +00:00 and the plain local time', () => {
    expect(rewriteBody(callView, call, parseVary('dates=iso-offset'))).toMatchObject({
      call_start_time: '2026-01-05T08:00:00.000+00:00',
    });
    expect(rewriteBody(callView, call, parseVary('dates=vicidial'))).toMatchObject({
      call_start_time: '2026-01-05 08:00:00',
    });
  });

  it('adds extra fields to nested objects too, never over a field of the contract', () => {
    const shotgun = {
      type: 'shotgun_result',
      payload: {
        shotgun_id: 9,
        user_id: 2,
        state: 'won',
        winner_call_id: 11,
        legs: [{ call_id: 11, phone_number: '0800555001', outcome: 'won', sip_code: 200 }],
        timestamp: '2026-01-05T08:00:00.000Z',
      },
    };
    const out = rewriteBody(notification, shotgun, parseVary('extras=extra-fields,ids=strings')) as typeof shotgun;
    expect(out.payload.legs[0]).toEqual({
      call_id: '11',
      phone_number: '0800555001',
      outcome: 'won',
      sip_code: 200,
      server_node: 'omni-app-01',
    });
    expect(out.payload).toMatchObject({ shotgun_id: '9', winner_call_id: '11', server_node: 'omni-app-01' });
    expect(out).toMatchObject({ type: 'shotgun_result', api_version: '3.4.2' });
    expect(shotgun.payload.shotgun_id).toBe(9);
  });

  it('never changes the value it is given', () => {
    const before = structuredClone(call);
    rewriteBody(callView, call, parseVary('dates=vicidial,ids=strings,extras=extra-fields'), SAST);
    expect(call).toEqual(before);
  });
});

describe('reading any variant back to the contracts’ shape', () => {
  it.each(['default', 'dates=vicidial', 'dates=iso-offset', 'ids=strings', 'ids=strings,dates=vicidial'])(
    '%s normalises to the original (the local form loses only milliseconds)',
    (vary) => {
      const wire = rewriteBody(callView, call, parseVary(vary), SAST);
      const back = normalizeBody(callView, wire, SAST) as typeof call;
      const expected = vary.includes('vicidial') ? { ...call, answer_time: '2026-01-05T08:00:03.000Z' } : call;
      expect(back).toEqual(expected);
    },
  );

  it('keeps a string id that is not a number, and unknown fields', () => {
    const back = normalizeBody(callView, { ...call, call_id: 'abc', extra: 1 }) as Record<string, unknown>;
    expect(back.call_id).toBe('abc');
    expect(back.extra).toBe(1);
  });
});

describe('date forms', () => {
  const berlin: WireZone = {
    // CET (+60) and from 2026-03-29 01:00Z CEST (+120).
    offsetMinutesAt: (t) => (t >= Date.UTC(2026, 2, 29, 1) ? 120 : 60),
  };

  it.each([
    ['2026-01-05T08:00:00.000Z', Date.UTC(2026, 0, 5, 8)],
    ['2026-01-05T10:00:00.000+02:00', Date.UTC(2026, 0, 5, 8)],
    ['2026-01-05T10:00:00+0200', Date.UTC(2026, 0, 5, 8)],
    ['2026-01-05 09:00:00', Date.UTC(2026, 0, 5, 8)],
    ['2026-07-05 10:00:00', Date.UTC(2026, 6, 5, 8)],
    ['not a date', undefined],
    ['2026-01-05', undefined],
  ])('%s in Berlin is %s', (text, at) => {
    expect(parseAnyDate(text, berlin)).toBe(at);
  });

  it('writes each form', () => {
    const t = Date.UTC(2026, 6, 5, 8, 30, 15, 42);
    expect(formatDateAs(t, 'iso-z', berlin)).toBe('2026-07-05T08:30:15.042Z');
    expect(formatDateAs(t, 'vicidial', berlin)).toBe('2026-07-05 10:30:15');
    expect(formatDateAs(t, 'iso-offset', berlin)).toBe('2026-07-05T10:30:15.042+02:00');
    expect(formatDateAs(t, 'iso-offset', fixedZone(-270))).toBe('2026-07-05T04:00:15.042-04:30');
  });
});

describe('errors', () => {
  const body = {
    success: false,
    detail: 'campaign 9 does not exist',
    error_code: 'NOT_FOUND',
    errors: [{ field: 'campaign_id', message: 'does not exist' }],
  };

  it.each([
    ['coded', 404, body],
    [
      'ok-false',
      200,
      {
        success: false,
        detail: 'campaign 9 does not exist',
        errors: [{ field: 'campaign_id', message: 'does not exist' }],
      },
    ],
    ['status-only', 404, { success: false, detail: 'campaign 9 does not exist' }],
  ] as const)('%s answers %i with %j', (errors, status, wire) => {
    expect(rewriteError(errors, 404, body)).toEqual({ status, body: wire });
  });

  it('ok-false keeps a 400’s field errors as the coded body’s `errors`, and adds none where it has none', () => {
    const invalid = {
      success: false,
      detail: 'invalid body field: phone_number: is required',
      error_code: 'VALIDATION_FAILED',
      errors: [{ field: 'phone_number', message: 'is required' }],
    };
    expect(rewriteError('ok-false', 400, invalid)).toEqual({
      status: 200,
      body: { success: false, detail: invalid.detail, errors: [{ field: 'phone_number', message: 'is required' }] },
    });
    const state = { success: false, detail: 'the agent is on_call', error_code: 'INVALID_STATE' };
    expect(rewriteError('ok-false', 409, state)).toEqual({
      status: 200,
      body: { success: false, detail: 'the agent is on_call' },
    });
  });

  it('leaves 5xx and bodies of another shape alone', () => {
    expect(rewriteError('ok-false', 500, { success: false, detail: 'x', error_code: 'INTERNAL' }).status).toBe(500);
    const vicidial = { message: 'unable to validate api user', http_code: 401 };
    expect(rewriteError('ok-false', 401, vicidial)).toEqual({ status: 401, body: vicidial });
  });
});
