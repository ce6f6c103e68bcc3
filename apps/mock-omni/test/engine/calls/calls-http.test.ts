/**
 * Click-2-Dial and call control over HTTP (B.5), in-process on manual clocks: input rules, the callee's outcomes
 * (magic numbers, the system's rules), timings and every CDR field, leads, conference legs, recordings and their WAV.
 *
 * @module
 */

import { cdrPayload, type Notification } from '@omnikit/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockOmni } from '../../../src/index.js';
import { type OmniTestClient, startMock } from '../../support/omni-client.js';
import { agentOf, freshSystem, label, recorded, type TestAgent } from '../../support/telephony.js';

let mock: MockOmni;
let root: OmniTestClient;
beforeAll(async () => {
  ({ mock, client: root } = await startMock());
});
afterAll(() => mock.close());

async function cdrOf(c: OmniTestClient, callId: number) {
  const cdrs = (await recorded(c, { type: 'cdr', call_id: String(callId) })).map((d) => d.notification);
  expect(cdrs).toHaveLength(1);
  const n = cdrs[0] as Notification;
  if (n.type !== 'cdr') throw new Error('not a cdr');
  expect(cdrPayload.safeParse(n.payload).success).toBe(true);
  return n.payload;
}

async function setup(): Promise<{ c: OmniTestClient; a: TestAgent }> {
  const c = await freshSystem(root);
  return { c, a: await agentOf(c, 1) };
}

describe('initiating a call (B.4, B.5)', () => {
  it('answers the documented shape, puts the agent on_call at once, takes both CLI spellings', async () => {
    const { c, a } = await setup();
    const res = await a.dial('0800555001', { outboud_cli: '0215550100', unique_id: 'crm-7' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      call_id: 1,
      phone_number: '0800555001',
      call_state: 'initiated',
      call_start_time: '2026-01-05T08:00:00.000Z',
    });
    expect(await a.view()).toMatchObject({ agent_state: 'on_call', call_id: 1 });
    await a.command(1, 'hangup');
    await a.command(1, 'dispose', { disposition_code: 'NI' });
    const second = await a.dial('+27800555008', { outbound_cli: '0215550111' });
    await a.command(second.body.call_id, 'hangup');
    await a.command(second.body.call_id, 'dispose', { disposition_code: 'NI' });
    const third = await a.dial('0800555008');
    await a.command(third.body.call_id, 'hangup');
    await a.command(third.body.call_id, 'dispose', { disposition_code: 'NI' });
    expect((await cdrOf(c, 1)).caller_id).toBe('0215550100');
    expect((await cdrOf(c, 1)).unique_id).toBe('crm-7');
    expect((await cdrOf(c, 2)).caller_id).toBe('0215550111');
    expect((await cdrOf(c, 2)).phone_number).toBe('+27800555008');
    // No CLI given: the campaign's caller_id (empty in the demo campaign until set).
    expect((await cdrOf(c, 3)).caller_id).toBe('');
  });

  it('bad input: a malformed number → 400 phone_number; an unknown lead → 404 lead_id; lead_id 0 → 400', async () => {
    const { a } = await setup();
    const bad = await a.dial('12-34');
    expect([bad.status, bad.body.errors[0].field]).toEqual([400, 'phone_number']);
    const tooShort = await a.dial('12');
    expect(tooShort.status).toBe(400);
    const unknownLead = await a.dial('0800555001', { lead_id: 999_999 });
    expect(unknownLead.status).toBe(404);
    expect(unknownLead.body).toMatchObject({ error_code: 'NOT_FOUND', errors: [{ field: 'lead_id' }] });
    expect((await a.dial('0800555001', { lead_id: 0 })).status).toBe(400);
    expect((await a.dial('0800555001', { unique_id: 'x'.repeat(101) })).status).toBe(400);
    expect((await a.view()).agent_state).toBe('paused');
  });

  it('the agent must be logged in (409 AGENT_NOT_LOGGED_IN) and free (409 INVALID_STATE naming on_call)', async () => {
    const c = await freshSystem(root);
    const out = await agentOf(c, 2, { login: false });
    const res = await out.dial('0800555001');
    expect([res.status, res.body.error_code]).toEqual([409, 'AGENT_NOT_LOGGED_IN']);
    const a = await agentOf(c, 1);
    await a.dial('0800555001');
    const busy = await a.dial('0800555008');
    expect([busy.status, busy.body.error_code]).toEqual([409, 'INVALID_STATE']);
    expect(busy.body.detail).toContain('agent 1 is on_call (call 1)');
  });

  it('a lead: its list and unique_id go on the call; attempts count; the disposition becomes its status', async () => {
    const { c, a } = await setup();
    const token = a.token;
    const added = await c.request('POST', '/omni/lead', {
      token,
      body: {
        other_info: 'lead for calls',
        list_id: 2,
        unique_id: 'L-55',
        phone_numbers: [{ phone_number: '0800555002' }],
      },
    });
    const leadId = added.body.lead_id as number;
    const { call_id } = (await a.dial('0800555002', { lead_id: leadId })).body;
    expect(await a.call(call_id)).toMatchObject({ lead_id: leadId, unique_id: 'L-55' });
    const during = (await c.request('GET', `/omni/lead/${leadId}`, { token })).body;
    expect(during).toMatchObject({ attempts: 1, last_call_id: call_id, status: 'NEW' });
    await c.advance(1000);
    const past = await a.command(call_id, 'dispose', {
      disposition_code: 'CALLBK',
      callback_date_time: '2026-01-05T07:00:00Z',
    });
    expect([past.status, past.body.errors[0].field]).toEqual([400, 'callback_date_time']);
    const missing = await a.command(call_id, 'dispose', { disposition_code: 'CALLBK' });
    expect([missing.status, missing.body.errors[0].field]).toEqual([400, 'callback_date_time']);
    const unknownCode = await a.command(call_id, 'dispose', { disposition_code: 'MAYBE' });
    expect([unknownCode.status, unknownCode.body.errors[0].field]).toEqual([400, 'disposition_code']);
    const ok = await a.command(call_id, 'dispose', {
      disposition_code: 'CALLBK',
      callback_date_time: '2026-01-06 09:30:00',
      notes: 'call after 9',
    });
    expect(ok.status).toBe(200);
    const after = (await c.request('GET', `/omni/lead/${leadId}`, { token })).body;
    expect(after).toMatchObject({ status: 'CALLBK', callback_date_time: '2026-01-06T09:30:00.000Z' });
    expect(await cdrOf(c, call_id)).toMatchObject({ list_id: 2, unique_id: 'L-55', dispostion_code: 'CALLBK' });
  });
});

describe('dispose notes read back (inferred)', () => {
  it('GET …/call/{call_id} and the control API’s call view show the disposition and its notes once disposed', async () => {
    const { c, a } = await setup();
    const { call_id } = (await a.dial('0800555002')).body; // busy after 1 s
    await c.advance(1_000);
    const before = await a.call(call_id);
    expect(before).not.toHaveProperty('notes');
    expect(before).not.toHaveProperty('disposition_code');
    const notes = 'Asked for a call after 9 — “not today”';
    expect((await a.command(call_id, 'dispose', { disposition_code: 'NI', notes })).status).toBe(200);
    expect(await a.call(call_id)).toMatchObject({ call_state: 'ended', disposition_code: 'NI', notes });
    const control = await c.request('GET', `/__mock/calls/${call_id}`);
    expect(control.body.call).toMatchObject({ disposition_code: 'NI', notes });
    expect(control.body.cdr).toMatchObject({ dispostion_code: 'NI' });
    // Disposed without notes: the notes read back empty.
    const second = (await a.dial('0800555002')).body.call_id as number;
    await c.advance(1_000);
    await a.command(second, 'dispose', { disposition_code: 'SALE' });
    expect(await a.call(second)).toMatchObject({ disposition_code: 'SALE', notes: '' });
  });
});

describe('a callback (CALLBK)', () => {
  it('must be after the system’s now and at most a year (366 days) ahead: 400 naming callback_date_time (inferred)', async () => {
    const { c, a } = await setup();
    const { call_id } = (await a.dial('0800555002')).body; // busy after 1 s: the clock says 08:00:01
    await c.advance(1_000);
    const refused = async (when: string) => {
      const res = await a.command(call_id, 'dispose', { disposition_code: 'CALLBK', callback_date_time: when });
      expect([res.status, res.body.error_code, res.body.errors?.[0]?.field], when).toEqual([
        400,
        'VALIDATION_FAILED',
        'callback_date_time',
      ]);
      return res.body.detail as string;
    };
    expect(await refused('9999-12-31T23:59:59Z')).toBe(
      'callback_date_time must be at most a year ahead: 2027-01-06T08:00:01.000Z at the latest ' +
        "(the system's clock says 2026-01-05T08:00:01.000Z)",
    );
    await refused('2027-01-06T08:00:02Z');
    await refused('2026-01-05 08:00:01'); // now is not in the future
    await refused('2025-12-31T23:00:00Z');
    expect((await a.view()).agent_state).toBe('wrap_up');
    const ok = await a.command(call_id, 'dispose', {
      disposition_code: 'CALLBK',
      callback_date_time: '2027-01-06T08:00:01Z',
    });
    expect(ok.status).toBe(200);
  });

  it('the call view shows callback_date_time once disposed CALLBK, absent before and for any other code', async () => {
    const { c, a } = await setup();
    const { call_id } = (await a.dial('0800555002')).body;
    await c.advance(1_000);
    expect(await a.call(call_id)).not.toHaveProperty('callback_date_time');
    const disposed = await a.command(call_id, 'dispose', {
      disposition_code: 'CALLBK',
      callback_date_time: '2026-01-06 09:30:00',
      notes: 'after 9',
    });
    expect(disposed.status).toBe(200);
    expect(await a.call(call_id)).toMatchObject({
      disposition_code: 'CALLBK',
      notes: 'after 9',
      callback_date_time: '2026-01-06T09:30:00.000Z',
    });
    const control = await c.request('GET', `/__mock/calls/${call_id}`);
    expect(control.body.call).toMatchObject({ callback_date_time: '2026-01-06T09:30:00.000Z' });
    // Another code ignores a callback time (inferred): it is neither refused nor shown.
    const second = (await a.dial('0800555002')).body.call_id as number;
    await c.advance(1_000);
    const sale = await a.command(second, 'dispose', {
      disposition_code: 'SALE',
      callback_date_time: '2026-01-01T00:00:00Z',
    });
    expect(sale.status).toBe(200);
    const view = await a.call(second);
    expect(view.disposition_code).toBe('SALE');
    expect(view).not.toHaveProperty('callback_date_time');
  });

  it('is a date of the contract: a system playing dates=vicidial rewrites it like every other date', async () => {
    const c = await freshSystem(root, { vary: 'dates=vicidial' });
    const a = await agentOf(c, 1);
    const { call_id } = (await a.dial('0800555002')).body;
    await c.advance(1_000);
    await a.command(call_id, 'dispose', { disposition_code: 'CALLBK', callback_date_time: '2026-01-06T09:30:00Z' });
    expect(await a.call(call_id)).toMatchObject({
      end_time: '2026-01-05 08:00:01',
      callback_date_time: '2026-01-06 09:30:00',
    });
  });
});

describe('the callee model over HTTP', () => {
  /** Each magic number with what its CDR says once the wrap-up times out (no agent disposition). */
  const MAGIC: Array<[string, { sip: number; disposition: string; ring: number; talk: number; ended: number }]> = [
    ['0800555002', { sip: 486, disposition: 'B', ring: 1_000, talk: 0, ended: 1_000 }],
    ['0800555003', { sip: 480, disposition: 'NA', ring: 25_000, talk: 0, ended: 25_000 }],
    ['0800555004', { sip: 200, disposition: 'A', ring: 5_000, talk: 30_000, ended: 35_000 }],
    ['0800555005', { sip: 404, disposition: 'DC', ring: 1_000, talk: 0, ended: 1_000 }],
    ['0800555006', { sip: 503, disposition: 'DC', ring: 1_000, talk: 0, ended: 1_000 }],
    ['0800555007', { sip: 200, disposition: 'TIMEOT', ring: 3_000, talk: 10_000, ended: 13_000 }],
    ['0800555010', { sip: 603, disposition: 'B', ring: 4_000, talk: 0, ended: 4_000 }],
  ];

  it.each(MAGIC)('%s ends as B.10 says', async (number, want) => {
    const { c, a } = await setup();
    const { call_id } = (await a.dial(number)).body;
    await c.advance(want.ended - 1);
    expect((await a.call(call_id)).call_state).not.toBe('ended');
    await c.advance(1);
    expect((await a.call(call_id)).call_state).toBe('ended');
    await c.advance(30_000); // the campaign's wrap-up timeout
    expect(await cdrOf(c, call_id)).toMatchObject({
      sip_code: want.sip,
      dispostion_code: want.disposition,
      ring_time: want.ring,
      talk_time: want.talk,
      user_time: want.talk,
      hold_time: 0,
      wrap_time: 30_000,
      ivr_time: 0,
    });
  });

  it('the system’s rules: an exact number, else the longest prefix, fixed or drawn; magic numbers still win', async () => {
    const { c, a } = await setup();
    const rules = {
      rules: [
        { number: '0215550001', behaviour: { outcome: 'busy', ring_ms: 2_000 } },
        { prefix: '021', behaviour: { outcome: 'declined', ring_ms: 7_000 } },
        { prefix: '0215', behaviour: { outcome: 'answer', ring_ms: { min_ms: 4_000, max_ms: 4_000 }, talk_ms: 6_000 } },
        { prefix: '0800555', behaviour: { outcome: 'invalid' } },
      ],
    };
    expect((await c.request('PUT', '/__mock/callee-rules', { body: rules })).body).toEqual(rules);
    expect((await c.request('GET', '/__mock/callee-rules')).body).toEqual(rules);
    const outcomes: Array<[string, number, number]> = [];
    for (const number of ['0215550001', '0215559999', '0219999999', '0800555008']) {
      const { call_id } = (await a.dial(number)).body;
      await c.advance(20_000);
      await a.command(call_id, 'hangup');
      await a.command(call_id, 'dispose', { disposition_code: 'NI' });
      const cdr = await cdrOf(c, call_id);
      outcomes.push([number, cdr.sip_code, cdr.ring_time]);
    }
    expect(outcomes).toEqual([
      ['0215550001', 486, 2_000],
      ['0215559999', 200, 4_000],
      ['0219999999', 603, 7_000],
      ['0800555008', 200, 1_000],
    ]);
    const bad = await c.request('PUT', '/__mock/callee-rules', {
      body: { rules: [{ number: '0215550001', prefix: '021', behaviour: { outcome: 'busy' } }] },
    });
    expect([bad.status, bad.body.error_code]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await c.request('GET', '/__mock/callee-rules')).body).toEqual(rules);
  });

  it('a distribution is drawn per call from the seed: the same seed gives the same outcomes', async () => {
    const outcomesOf = async () => {
      const { c, a } = await setup();
      await c.request('PUT', '/__mock/callee-rules', {
        body: {
          rules: [
            {
              prefix: '07',
              distribution: [
                { outcome: 'busy', weight: 1 },
                { outcome: 'invalid', weight: 1 },
                { outcome: 'failed', weight: 1 },
              ],
            },
          ],
        },
      });
      const codes: number[] = [];
      for (let i = 0; i < 12; i++) {
        const { call_id } = (await a.dial(`07100000${String(i).padStart(2, '0')}`)).body;
        await c.advance(30_000);
        await a.command(call_id, 'dispose', { disposition_code: 'NI' });
        codes.push((await cdrOf(c, call_id)).sip_code);
      }
      return codes;
    };
    const first = await outcomesOf();
    expect(new Set(first).size).toBeGreaterThan(1);
    expect(first.every((code) => [486, 404, 503].includes(code))).toBe(true);
    expect(await outcomesOf()).toEqual(first);
  });
});

describe('timings and the CDR', () => {
  it('every hold is summed; talk = user − hold; wrap runs to dispose; every field has its value', async () => {
    const { c, a } = await setup();
    const { call_id } = (await a.dial('0800555001', { unique_id: 'crm-9' })).body;
    await c.advance(3_000); // answered at +3 s
    await c.advance(10_000);
    await a.command(call_id, 'hold');
    await c.advance(4_000);
    await a.command(call_id, 'retrieve');
    await c.advance(6_000);
    await a.command(call_id, 'hold');
    await c.advance(2_000);
    await a.command(call_id, 'hangup'); // while on hold: the hold closes there
    await c.advance(7_000);
    await a.command(call_id, 'dispose', { disposition_code: 'SALE' });
    expect(await cdrOf(c, call_id)).toEqual({
      call_id,
      phone_number: '0800555001',
      caller_id: '',
      unique_id: 'crm-9',
      call_direction: 'outbound',
      dispostion_code: 'SALE',
      sip_code: 200,
      user_id: 1,
      campaign_id: 1,
      list_id: 0,
      call_type: 1,
      recording_url: '',
      start_date_time: '2026-01-05T08:00:00.000Z',
      end_date_time: '2026-01-05T08:00:25.000Z',
      ivr_time: 0,
      ring_time: 3_000,
      talk_time: 16_000,
      user_time: 22_000,
      hold_time: 6_000,
      wrap_time: 7_000,
    });
    expect(await a.call(call_id)).toMatchObject({
      call_state: 'ended',
      agent_leg_state: 'ended',
      answer_time: '2026-01-05T08:00:03.000Z',
      end_time: '2026-01-05T08:00:25.000Z',
    });
  });

  it('an auto-record campaign records from the answer; the CDR names the file', async () => {
    const c = await freshSystem(root);
    const token = await c.login('agent1');
    await c.request('PUT', '/omni/campaign/1', { token, body: { auto_record: true } });
    const a = await agentOf(c, 1);
    const { call_id } = (await a.dial('0800555007')).body;
    await c.advance(13_000);
    await a.command(call_id, 'dispose', { disposition_code: 'NI' });
    const seq = (await recorded(c, { call_id: String(call_id) })).map((d) => label(d.notification));
    expect(seq).toEqual([
      'call_state:initiated',
      'agent_state:on_call',
      'call_state:ringing',
      'call_state:answered',
      'recording:recording',
      'call_state:ended',
      'recording:stopped',
      'agent_state:wrap_up',
      'agent_state:paused',
      'cdr',
    ]);
    expect((await cdrOf(c, call_id)).recording_url).toBe(`${call_id}_20260105080003.wav`);
  });
});

describe('conference legs', () => {
  it('hanging up the leg’s call_id cancels the conference (487 before the answer); the leg sends its own CDR', async () => {
    const { c, a } = await setup();
    const { call_id } = (await a.dial('0800555008')).body;
    await c.advance(1_000);
    const conf = await a.command(call_id, 'conference', { phone_number: '0800555009', outboud_cli: '0215550999' });
    expect(conf.body).toMatchObject({ success: true, call_id: call_id + 1 });
    const leg = conf.body.call_id as number;
    expect(await a.call(leg)).toMatchObject({ call_type: 5, call_state: 'initiated', unique_id: '' });
    expect((await a.command(leg, 'hold')).status).toBe(409);
    expect((await a.command(leg, 'hangup')).status).toBe(200);
    expect(await cdrOf(c, leg)).toMatchObject({
      call_type: 5,
      sip_code: 487,
      dispostion_code: 'NA',
      caller_id: '0215550999',
      user_id: 1,
    });
    // The conference is over: a new one may be dialled.
    expect((await a.command(call_id, 'conference', { phone_number: '0800555008' })).status).toBe(200);
  });

  it('on an inbound call the leg presents the campaign’s caller id, else the DID dialled, never the caller’s number (inferred)', async () => {
    const c = await freshSystem(root);
    const a = await agentOf(c, 1, { campaignId: 4 }); // demo campaign 4: Inbound on DID 0861000004, no caller_id
    await a.state('ready');
    /** An inbound call put through to the agent, a 3rd party dialled into it (`extra`: the request's CLI), the leg's CDR. */
    const legOfInbound = async (caller: string, extra: Record<string, unknown> = {}) => {
      const placed = await c.request('POST', '/__mock/inbound', { body: { did: '0861000004', phone_number: caller } });
      const callId = placed.body.call_id as number;
      expect((await a.view()).call_id).toBe(callId);
      const conf = await a.command(callId, 'conference', { phone_number: '0800555009', ...extra });
      expect(conf.status).toBe(200);
      const leg = conf.body.call_id as number;
      await a.command(leg, 'hangup');
      await a.command(callId, 'hangup');
      await a.command(callId, 'dispose', { disposition_code: 'NI' });
      expect((await cdrOf(c, callId)).caller_id).toBe(caller);
      return cdrOf(c, leg);
    };
    // The campaign has no caller_id: the DID the customer called, a number the centre owns.
    expect((await legOfInbound('0827770001')).caller_id).toBe('0861000004');
    const set = await c.request('PUT', '/omni/campaign/4', { token: a.token, body: { caller_id: '0215550400' } });
    expect(set.status).toBe(200);
    expect((await legOfInbound('0827770002')).caller_id).toBe('0215550400');
    // A CLI in the request wins, as on an outbound call.
    expect((await legOfInbound('0827770003', { outbound_cli: '0215550999' })).caller_id).toBe('0215550999');
  });

  it('a command for the customer call sent to the leg’s call_id: 409 saying the leg takes only hangup, naming its call', async () => {
    const { c, a } = await setup();
    const { call_id } = (await a.dial('0800555008')).body;
    await c.advance(1_000);
    const leg = (await a.command(call_id, 'conference', { phone_number: '0800555008' })).body.call_id as number;
    await c.advance(1_000);
    expect(await a.call(leg)).toMatchObject({ call_state: 'answered', agent_leg_state: 'connected' });
    const before = (await recorded(c)).length;
    const sends: Array<[string, string, unknown]> = [
      ['hold', 'hold', undefined],
      ['retrieve', 'retrieve', undefined],
      ['connect', 'connect', undefined],
      ['conference', 'conference', { phone_number: '0800555001' }],
      ['recording', 'recording start', { action: 'start' }],
      ['dispose', 'dispose', { disposition_code: 'SALE' }],
    ];
    for (const [command, named, body] of sends) {
      const res = await a.command(leg, command, body);
      expect([res.status, res.body.error_code], command).toEqual([409, 'INVALID_STATE']);
      expect(res.body.detail, command).toContain('call_state answered, agent_leg_state connected');
      expect(res.body.detail, command).toContain(
        `call ${leg} is the 3rd party’s leg of call ${call_id}’s conference: it takes only hangup (which drops the 3rd party); send ${named} to call ${call_id}`,
      );
    }
    // Nothing happened: no notification, the leg and the customer call as they were.
    expect(await recorded(c)).toHaveLength(before);
    expect(await a.call(call_id)).toMatchObject({ call_state: 'answered', agent_leg_state: 'connected' });
    expect((await a.command(call_id, 'connect')).status).toBe(200);
  });

  it('hold during a conference parks the customer only (inferred): the 3rd party’s leg stays on with the agent', async () => {
    const { c, a } = await setup();
    const { call_id } = (await a.dial('0800555008')).body;
    await c.advance(1_000);
    const leg = (await a.command(call_id, 'conference', { phone_number: '0800555008' })).body.call_id as number;
    await c.advance(1_000);
    const held = await a.command(call_id, 'hold');
    expect(held.body.detail).toBe(
      `call ${call_id} is on hold: the agent stays on the line with the 3rd party (call ${leg})`,
    );
    expect(await a.call(call_id)).toMatchObject({ call_state: 'on_hold', agent_leg_state: 'on_hold' });
    expect(await a.call(leg)).toMatchObject({ call_state: 'answered', agent_leg_state: 'connected' });
    const states = (await recorded(c, { type: 'call_state' })).map((d) => [d.call_id, label(d.notification)]);
    expect(states.slice(-2)).toEqual([
      [leg, 'call_state:answered'],
      [call_id, 'call_state:on_hold'],
    ]);
    expect((await a.command(call_id, 'retrieve')).status).toBe(200);
    expect((await a.command(call_id, 'hold')).body.detail).toContain('with the 3rd party');
    expect((await a.command(call_id, 'connect')).status).toBe(200);
    expect(await a.call(call_id)).toMatchObject({ call_state: 'answered', agent_leg_state: 'ended' });
  });

  it('the customer hanging up during a conference ends the 3rd party’s leg too', async () => {
    const { c, a } = await setup();
    const { call_id } = (await a.dial('0800555007')).body; // hangs up 13 s after the dial
    await c.advance(3_000);
    const leg = (await a.command(call_id, 'conference', { phone_number: '0800555008' })).body.call_id as number;
    await c.advance(10_000);
    expect(await a.call(leg)).toMatchObject({ call_state: 'ended' });
    expect(await cdrOf(c, leg)).toMatchObject({ dispostion_code: 'CONF', talk_time: 9_000 });
    expect((await a.view()).agent_state).toBe('wrap_up');
  });

  it('after connect, the 3rd party’s leg is XFER; the customer call ends when either party leaves', async () => {
    const { c, a } = await setup();
    const { call_id } = (await a.dial('0800555008')).body;
    await c.advance(1_000);
    const leg = (await a.command(call_id, 'conference', { phone_number: '0800555007' })).body.call_id as number;
    await c.advance(3_000);
    await a.command(call_id, 'connect');
    await a.command(call_id, 'dispose', { disposition_code: 'XFER' });
    expect((await a.view()).agent_state).toBe('paused');
    expect(await recorded(c, { type: 'cdr' })).toEqual([]);
    await c.advance(10_000); // the 3rd party (0800555007) hangs up 10 s after answering
    expect(await cdrOf(c, leg)).toMatchObject({ dispostion_code: 'XFER', call_type: 5, talk_time: 0 });
    expect(await cdrOf(c, call_id)).toMatchObject({
      dispostion_code: 'XFER',
      end_date_time: '2026-01-05T08:00:14.000Z',
      talk_time: 3_000,
      user_time: 3_000,
    });
  });

  /** A call to 0800555008 (answers after 1 s, never hangs up) connected to a 3rd party who never hangs up either. */
  async function connected(c: OmniTestClient, a: TestAgent, extra: Record<string, unknown> = {}) {
    const { call_id } = (await a.dial('0800555008', extra)).body;
    await c.advance(1_000);
    const leg = (await a.command(call_id, 'conference', { phone_number: '0800555001' })).body.call_id as number;
    await c.advance(3_000);
    expect((await a.command(call_id, 'connect')).status).toBe(200);
    return { call: call_id as number, leg };
  }

  it('after connect, hanging up either call_id cuts the customer and the 3rd party off (two who never hang up)', async () => {
    const { c, a } = await setup();
    const first = await connected(c, a);
    expect((await a.command(first.call, 'dispose', { disposition_code: 'XFER' })).status).toBe(200);
    await c.advance(3_600_000);
    expect(await a.call(first.call)).toMatchObject({ call_state: 'answered', agent_leg_state: 'ended' });
    const cut = await a.command(first.call, 'hangup');
    expect(cut.status).toBe(200);
    expect(cut.body.detail).toBe(`call ${first.call} is hung up`);
    expect(await a.call(first.call)).toMatchObject({ call_state: 'ended', end_time: '2026-01-05T09:00:04.000Z' });
    expect(await a.call(first.leg)).toMatchObject({ call_state: 'ended' });
    expect(await cdrOf(c, first.call)).toMatchObject({ dispostion_code: 'XFER', talk_time: 3_000 });
    expect(await cdrOf(c, first.leg)).toMatchObject({ dispostion_code: 'XFER', call_type: 5 });
    const again = await a.command(first.call, 'hangup');
    expect([again.status, again.body.error_code]).toEqual([409, 'INVALID_STATE']);

    // The 3rd party's call_id, before the agent disposed: the same cut; the wrap-up goes on.
    const second = await connected(c, a);
    expect((await a.command(second.leg, 'hangup')).status).toBe(200);
    expect(await a.call(second.call)).toMatchObject({ call_state: 'ended' });
    expect((await a.view()).agent_state).toBe('wrap_up');
    expect((await a.command(second.call, 'dispose', { disposition_code: 'XFER' })).status).toBe(200);
    expect(await cdrOf(c, second.call)).toMatchObject({ dispostion_code: 'XFER' });
  });

  it('after connect, a call nobody ends is cut after 2 h (inferred); its lead is settled', async () => {
    const { c, a } = await setup();
    const added = await c.request('POST', '/omni/lead', {
      token: a.token,
      body: { other_info: 'transferred', list_id: 2, phone_numbers: [{ phone_number: '0800555008' }] },
    });
    const leadId = added.body.lead_id as number;
    const { call, leg } = await connected(c, a, { lead_id: leadId });
    await c.advance(30_000); // the wrap-up times out: the agent is free, the call goes on
    expect((await a.view()).agent_state).toBe('paused');
    await c.advance(7_200_000 - 30_001);
    expect(await a.call(call)).toMatchObject({ call_state: 'answered' });
    expect(await recorded(c, { type: 'cdr' })).toEqual([]);
    await c.advance(1);
    expect(await a.call(call)).toMatchObject({ call_state: 'ended', end_time: '2026-01-05T10:00:04.000Z' });
    expect(await a.call(leg)).toMatchObject({ call_state: 'ended' });
    expect(await cdrOf(c, call)).toMatchObject({ dispostion_code: 'TIMEOT', sip_code: 200 });
    expect(await cdrOf(c, leg)).toMatchObject({ dispostion_code: 'XFER' });
    expect((await c.request('GET', `/omni/lead/${leadId}`, { token: a.token })).body.status).toBe('TIMEOT');
  });
});

describe('recordings', () => {
  it('the file is a WAV of the recorded time (pauses excluded): 8 kHz 16-bit mono PCM, not silence', async () => {
    const { c, a } = await setup();
    const { call_id } = (await a.dial('0800555008')).body;
    await c.advance(1_000);
    const started = await a.command(call_id, 'recording', { action: 'start' });
    expect(started.body).toMatchObject({
      recording_state: 'recording',
      recording_url: `${call_id}_20260105080001.wav`,
    });
    await c.advance(3_000);
    await a.command(call_id, 'recording', { action: 'pause' });
    await c.advance(60_000);
    await a.command(call_id, 'recording', { action: 'resume' });
    await c.advance(1_500);
    await a.command(call_id, 'hangup'); // stops the recording
    const res = await mock.fetch(
      new Request(`http://mock.local/omni/recording/${started.body.recording_url}`, {
        headers: { Authorization: `Key=${c.key}`, tokenKey: a.token },
      }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('audio/wav');
    const bytes = new Uint8Array(await res.arrayBuffer());
    const view = new DataView(bytes.buffer);
    const text = (from: number) => new TextDecoder().decode(bytes.slice(from, from + 4));
    expect([text(0), text(8), text(12), text(36)]).toEqual(['RIFF', 'WAVE', 'fmt ', 'data']);
    expect(view.getUint16(20, true)).toBe(1); // PCM
    expect(view.getUint16(22, true)).toBe(1); // mono
    expect(view.getUint32(24, true)).toBe(8000);
    expect(view.getUint16(34, true)).toBe(16);
    const samples = view.getUint32(40, true) / 2;
    expect(samples).toBe(4.5 * 8000);
    expect(bytes.length).toBe(44 + samples * 2);
    expect(Number(res.headers.get('content-length'))).toBe(bytes.length);
    let sum = 0;
    for (let i = 0; i < samples; i++) sum += view.getInt16(44 + i * 2, true) ** 2;
    expect(Math.sqrt(sum / samples)).toBeGreaterThan(1000);
    const again = new Uint8Array(
      await (
        await mock.fetch(
          new Request(`http://mock.local/omni/recording/${started.body.recording_url}`, {
            headers: { Authorization: `Key=${c.key}`, tokenKey: a.token },
          }),
        )
      ).arrayBuffer(),
    );
    expect(again).toEqual(bytes);
  });

  it('an unknown file → 404 naming file; a malformed name → 400; another system’s file → 404', async () => {
    const { c, a } = await setup();
    const { call_id } = (await a.dial('0800555008')).body;
    await c.advance(1_000);
    const file = (await a.command(call_id, 'recording', { action: 'start' })).body.recording_url as string;
    expect((await a.get(`/omni/recording/${file}`)).status).toBe(200);
    const unknown = await a.get('/omni/recording/77_20260105080001.wav');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error_code: 'NOT_FOUND', errors: [{ field: 'file' }] });
    expect((await a.get('/omni/recording/notes.txt')).status).toBe(400);
    const other = await agentOf(await freshSystem(root), 1, { login: false });
    expect((await other.get(`/omni/recording/${file}`)).status).toBe(404);
  });
});
