import {
  agentStatePayload,
  callStatePayload,
  cdrPayload,
  inboundPayload,
  notification,
  recordingPayload,
} from '@omnikit/contracts';
import { describe, expect, it } from 'vitest';
import { callDisposition } from '../../../src/engine/calls/call-disposition.js';
import type { CallInput } from '../../../src/engine/calls/call-machine.js';
import type { CallRecord } from '../../../src/engine/calls/call-record.js';
import { type NewCallRecord, startCallRecord, stepCall } from '../../../src/engine/calls/call-step.js';
import { parseRecordingFileName, recordingFileName } from '../../../src/engine/calls/recording-file-name.js';
import {
  buildAgentStatePayload,
  buildCallStatePayload,
  buildCdrPayload,
  buildInboundPayload,
  buildRecordingPayload,
  notificationEnvelope,
} from '../../../src/engine/notifications/notification-payloads.js';

const T0 = Date.UTC(2026, 0, 5, 8, 0, 0);

const CLICK_2_DIAL: NewCallRecord = {
  callId: 41,
  userId: 3,
  campaignId: 2,
  listId: 0,
  leadId: 0,
  shotgunId: 0,
  parentCallId: 0,
  phoneNumber: '0800555001',
  callerId: '27105550100',
  dnis: '',
  uniqueId: 'crm-7781',
  direction: 'outbound',
  callType: 1,
  outcome: 'answer',
};

/** Drives a record through inputs at given virtual seconds, as the integrator will. */
function drive(record: CallRecord, steps: Array<[number, CallInput, string?]>): CallRecord {
  let r = record;
  for (const [s, input, code] of steps) {
    const result = stepCall(r, input, T0 + s * 1000, code === undefined ? {} : { dispositionCode: code });
    if (!result.ok) throw new Error(result.detail);
    r = result.record;
  }
  return r;
}

describe('the CDR of a click-2-dial (every field)', () => {
  const started = startCallRecord(CLICK_2_DIAL, { role: 'agent', at: T0 });
  const done = drive(started.record, [
    [0.5, { type: 'ringing' }],
    [3, { type: 'answered' }],
    [10, { type: 'hold' }],
    [25, { type: 'retrieve' }],
    [30, { type: 'recording_start' }],
    [40, { type: 'recording_pause' }],
    [45, { type: 'recording_resume' }],
    [63, { type: 'hangup' }],
    [80, { type: 'dispose' }, 'SALE'],
  ]);

  it('parses with the contract and carries the true figures', () => {
    const cdr = cdrPayload.parse(buildCdrPayload(done));
    expect(cdr).toEqual({
      call_id: 41,
      phone_number: '0800555001',
      caller_id: '27105550100',
      unique_id: 'crm-7781',
      call_direction: 'outbound',
      dispostion_code: 'SALE',
      sip_code: 200,
      user_id: 3,
      campaign_id: 2,
      list_id: 0,
      call_type: 1,
      recording_url: '41_20260105080030.wav',
      start_date_time: '2026-01-05T08:00:00.000Z',
      end_date_time: '2026-01-05T08:01:03.000Z',
      ivr_time: 0,
      ring_time: 3_000,
      talk_time: 45_000,
      user_time: 60_000,
      hold_time: 15_000,
      wrap_time: 17_000,
    });
    expect(notification.parse(notificationEnvelope('cdr', cdr)).type).toBe('cdr');
  });

  it('the machine asked for exactly one CDR, when the disposition ended wrap-up', () => {
    const last = stepCall(
      drive(started.record, [
        [1, { type: 'answered' }],
        [5, { type: 'hangup' }],
      ]),
      { type: 'dispose' },
      T0 + 9_000,
      { dispositionCode: 'NI' },
    );
    expect(last.ok && last.effects.map((e) => e.type)).toEqual(['timeline', 'cancel_timer', 'agent_state', 'cdr']);
    if (last.ok) expect(buildCdrPayload(last.record)).toMatchObject({ dispostion_code: 'NI', wrap_time: 4_000 });
  });

  it('refuses to build a CDR for a call that has not ended', () => {
    const live = drive(started.record, [[3, { type: 'answered' }]]);
    expect(() => buildCdrPayload(live)).toThrow(/has not ended/);
  });
});

describe('CDRs of calls that never reached the customer', () => {
  const cases: Array<[string, CallRecord['outcome'], CallInput, number, string]> = [
    ['busy', 'busy', { type: 'failed', sipCode: 486 }, 486, 'B'],
    ['declined', 'declined', { type: 'failed', sipCode: 603 }, 603, 'B'],
    ['invalid', 'invalid', { type: 'failed', sipCode: 404 }, 404, 'DC'],
    ['network failure', 'failed', { type: 'failed', sipCode: 503 }, 503, 'DC'],
    ['no answer', 'no_answer', { type: 'no_answer_timeout' }, 480, 'NA'],
    ['agent cancelled', 'answer', { type: 'hangup' }, 487, 'NA'],
  ];
  it.each(cases.map(([name, outcome, end, sip, dispo]) => ({ name, outcome, end, sip, dispo })))(
    '$name → sip $sip, system disposition $dispo after the wrap-up timeout',
    ({ outcome, end, sip, dispo }) => {
      const start = startCallRecord({ ...CLICK_2_DIAL, outcome }, { role: 'agent', at: T0 });
      const record = drive(start.record, [
        [0.7, { type: 'ringing' }],
        [25, end],
        [55, { type: 'wrap_up_timeout' }],
      ]);
      const cdr = cdrPayload.parse(buildCdrPayload(record));
      expect(cdr).toMatchObject({
        sip_code: sip,
        dispostion_code: dispo,
        ring_time: 25_000,
        talk_time: 0,
        user_time: 0,
        hold_time: 0,
        wrap_time: 30_000,
        recording_url: '',
        end_date_time: '2026-01-05T08:00:25.000Z',
      });
    },
  );

  it('system calls: N on an automatic dial with no answer, DROP when answered with no agent, A for a machine', () => {
    const base = { ...CLICK_2_DIAL, userId: 0, callType: 2, listId: 1, leadId: 9 };
    const none = drive(startCallRecord({ ...base, outcome: 'no_answer' }, { role: 'system', at: T0 }).record, [
      [25, { type: 'no_answer_timeout' }],
    ]);
    expect(callDisposition(none)).toBe('N');
    const drop = drive(startCallRecord(base, { role: 'system', at: T0 }).record, [
      [8, { type: 'answered' }],
      [9, { type: 'callee_hangup' }],
    ]);
    expect(cdrPayload.parse(buildCdrPayload(drop))).toMatchObject({
      dispostion_code: 'DROP',
      user_id: 0,
      list_id: 1,
      call_type: 2,
      ring_time: 8_000,
      user_time: 0,
      wrap_time: 0,
    });
    const machine = drive(startCallRecord({ ...base, outcome: 'machine' }, { role: 'system', at: T0 }).record, [
      [5, { type: 'answered' }],
      [35, { type: 'callee_hangup' }],
    ]);
    expect(callDisposition(machine)).toBe('A');
  });

  it('an answered agent call never disposed: TIMEOT; conference legs: XFER when handed over, else CONF', () => {
    const timed = drive(startCallRecord(CLICK_2_DIAL, { role: 'agent', at: T0 }).record, [
      [3, { type: 'answered' }],
      [9, { type: 'callee_hangup' }],
      [39, { type: 'wrap_up_timeout' }],
    ]);
    expect(callDisposition(timed)).toBe('TIMEOT');
    const leg = { ...CLICK_2_DIAL, callId: 42, parentCallId: 41, callType: 5 };
    const handed = drive(startCallRecord(leg, { role: 'conference_leg', at: T0 }).record, [
      [2, { type: 'answered' }],
      [20, { type: 'agent_left' }],
      [90, { type: 'callee_hangup' }],
    ]);
    expect(callDisposition(handed)).toBe('XFER');
    expect(cdrPayload.parse(buildCdrPayload(handed))).toMatchObject({
      call_type: 5,
      user_time: 18_000,
      talk_time: 18_000,
    });
    const consult = drive(startCallRecord(leg, { role: 'conference_leg', at: T0 }).record, [
      [2, { type: 'answered' }],
      [20, { type: 'hangup' }],
    ]);
    expect(callDisposition(consult)).toBe('CONF');
  });
});

describe('call_state, recording, agent_state and inbound payloads (every field)', () => {
  const started = startCallRecord({ ...CLICK_2_DIAL, leadId: 12, shotgunId: 0 }, { role: 'agent', at: T0 });

  it('call_state: the first one has previous_state ""; later ones carry the SIP code', () => {
    expect(
      callStatePayload.parse(buildCallStatePayload(started.record, { from: '', to: 'initiated', at: T0 })),
    ).toEqual({
      call_id: 41,
      user_id: 3,
      campaign_id: 2,
      lead_id: 12,
      phone_number: '0800555001',
      call_direction: 'outbound',
      call_type: 1,
      unique_id: 'crm-7781',
      call_state: 'initiated',
      previous_state: '',
      sip_code: 0,
      shotgun_id: 0,
      timestamp: '2026-01-05T08:00:00.000Z',
    });
    const answered = drive(started.record, [[3, { type: 'answered' }]]);
    expect(
      callStatePayload.parse(buildCallStatePayload(answered, { from: 'initiated', to: 'answered', at: T0 + 3_000 })),
    ).toMatchObject({
      call_state: 'answered',
      previous_state: 'initiated',
      sip_code: 200,
      timestamp: '2026-01-05T08:00:03.000Z',
    });
  });

  it('recording: the state and the file named at the first start', () => {
    const rec = drive(started.record, [
      [3, { type: 'answered' }],
      [4, { type: 'recording_start' }],
    ]);
    expect(recordingPayload.parse(buildRecordingPayload(rec, T0 + 4_000))).toEqual({
      call_id: 41,
      user_id: 3,
      recording_state: 'recording',
      recording_url: '41_20260105080004.wav',
      timestamp: '2026-01-05T08:00:04.000Z',
    });
    const stopped = drive(rec, [
      [9, { type: 'recording_stop' }],
      [12, { type: 'hangup' }],
    ]);
    expect(buildRecordingPayload(stopped, T0 + 9_000)).toMatchObject({
      recording_state: 'stopped',
      recording_url: '41_20260105080004.wav',
    });
  });

  it('agent_state', () => {
    expect(
      agentStatePayload.parse(
        buildAgentStatePayload({
          userId: 3,
          campaignId: 2,
          extension: '1003',
          from: 'on_call',
          to: 'wrap_up',
          reason: 'call_end',
          at: T0 + 63_000,
        }),
      ),
    ).toEqual({
      user_id: 3,
      campaign_id: 2,
      extension: '1003',
      agent_state: 'wrap_up',
      previous_state: 'on_call',
      pause_code: '',
      reason: 'call_end',
      timestamp: '2026-01-05T08:01:03.000Z',
    });
  });

  it('inbound: reference_id and DNIS as documented', () => {
    const inbound: CallRecord = {
      ...started.record,
      callId: 50,
      phoneNumber: '27825550199',
      callerId: '27825550199',
      dnis: '0861000111',
      uniqueId: 'ivr-55',
      direction: 'inbound',
      callType: 3,
      listId: 4,
    };
    expect(inboundPayload.parse(buildInboundPayload(inbound))).toEqual({
      call_id: 50,
      phone_number: '27825550199',
      DNIS: '0861000111',
      reference_id: 'ivr-55',
      call_direction: 'inbound',
      user_id: 3,
      campaign_id: 2,
      list_id: 4,
      call_type: 3,
    });
  });
});

describe('recording file names (B.5)', () => {
  it('<call_id>_<yyyymmddHHMMss>.wav, and back', () => {
    expect(recordingFileName(7, Date.UTC(2026, 11, 31, 23, 59, 58, 999))).toBe('7_20261231235958.wav');
    expect(parseRecordingFileName('7_20261231235958.wav')).toEqual({ callId: 7 });
    expect(parseRecordingFileName('../7_20261231235958.wav')).toBeNull();
    expect(parseRecordingFileName('7_2026.wav')).toBeNull();
  });
});
