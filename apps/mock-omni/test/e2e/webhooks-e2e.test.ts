/**
 * End to end over real HTTP: the mock listening on 127.0.0.1, a webhook receiver in ANOTHER process checking every
 * signature, a manual clock. A click-2-dial from login to dispose with the exact notification sequence and every CDR
 * field; conference + connect; a receiver that fails twice before it takes a notification; a notification
 * dead-lettered after its 10 attempts.
 *
 * @module
 */

import type { CdrPayload, Notification } from '@omnikit/contracts';
import { describe, expect, it } from 'vitest';
import { label } from '../support/telephony.js';
import { callOf, parsed, T0, ts, useMockWithReceiver } from './support/mock-with-receiver.js';

const SECRET = 'e2e-webhook-secret';
const stage = useMockWithReceiver(SECRET);
const setup = stage.setup;

describe('a click-2-dial from login to dispose', () => {
  it('sends exactly this sequence, signed, and a CDR with every field right', async () => {
    const { api, token, receiver } = await setup();
    const call = await api.ok(
      'POST',
      '/omni/voice/1/call',
      { phone_number: '0800555001', outboud_cli: '0215550100', unique_id: 'crm-e2e-1' },
      token,
    );
    expect(call).toEqual({
      call_id: 1,
      phone_number: '0800555001',
      call_state: 'initiated',
      call_start_time: ts(0),
    });
    await api.advance(3_000); // ringing at 0.5 s, answered at 3 s
    await api.ok('POST', '/omni/voice/1/call/1/hold', undefined, token);
    await api.advance(2_000);
    await api.ok('POST', '/omni/voice/1/call/1/retrieve', undefined, token);
    await api.advance(1_000);
    const rec = await api.ok('POST', '/omni/voice/1/call/1/recording', { action: 'start' }, token);
    expect(rec.recording_url).toBe('1_20260105080006.wav');
    await api.advance(4_000);
    await api.ok('POST', '/omni/voice/1/call/1/recording', { action: 'stop' }, token);
    await api.advance(1_000);
    await api.ok('POST', '/omni/voice/1/call/1/hangup', undefined, token);
    await api.advance(5_000);
    await api.ok('POST', '/omni/voice/1/call/1/dispose', { disposition_code: 'SALE', notes: 'e2e' }, token);

    const got = await receiver.until('the CDR', (r) => r.some((d) => JSON.parse(d.body).type === 'cdr'));
    await new Promise((r) => setTimeout(r, 100)); // nothing else may follow
    const all = await receiver.received();
    expect(all).toHaveLength(got.length);
    expect(all.every((d) => d.signatureValid && d.contentType === 'application/json' && d.status === 200)).toBe(true);
    expect(new Set(all.map((d) => d.id)).size).toBe(all.length);
    const notes = all.map(parsed);
    expect(notes.map((n) => [label(n), 'timestamp' in n.payload ? n.payload.timestamp : 'cdr'])).toEqual([
      ['agent_state:paused', ts(0)],
      ['call_state:initiated', ts(0)],
      ['agent_state:on_call', ts(0)],
      ['call_state:ringing', ts(500)],
      ['call_state:answered', ts(3_000)],
      ['call_state:on_hold', ts(3_000)],
      ['call_state:answered', ts(5_000)],
      ['recording:recording', ts(6_000)],
      ['recording:stopped', ts(10_000)],
      ['call_state:ended', ts(11_000)],
      ['agent_state:wrap_up', ts(11_000)],
      ['agent_state:paused', ts(16_000)],
      ['cdr', 'cdr'],
    ]);
    expect(notes.map((n) => (n.type === 'agent_state' ? n.payload.reason : ''))).toEqual([
      'login',
      '',
      'call_start',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      'call_end',
      'disposed',
      '',
    ]);
    const states = notes.filter((n) => n.type === 'call_state');
    expect(states.map((n) => n.type === 'call_state' && [n.payload.previous_state, n.payload.sip_code])).toEqual([
      ['', 0],
      ['initiated', 0],
      ['ringing', 200],
      ['answered', 200],
      ['on_hold', 200],
      ['answered', 200],
    ]);
    const cdr = notes.at(-1)?.payload as CdrPayload;
    expect(cdr).toEqual({
      call_id: 1,
      phone_number: '0800555001',
      caller_id: '0215550100',
      unique_id: 'crm-e2e-1',
      call_direction: 'outbound',
      dispostion_code: 'SALE',
      sip_code: 200,
      user_id: 1,
      campaign_id: 1,
      list_id: 0,
      call_type: 1,
      recording_url: '1_20260105080006.wav',
      start_date_time: ts(0),
      end_date_time: ts(11_000),
      ivr_time: 0,
      ring_time: 3_000,
      talk_time: 6_000,
      user_time: 8_000,
      hold_time: 2_000,
      wrap_time: 5_000,
    });
    const wav = await fetch(`${stage.url()}/omni/recording/${cdr.recording_url}`, {
      headers: { Authorization: `Key=${api.key}`, tokenKey: token },
    });
    expect(wav.status).toBe(200);
    expect((await wav.arrayBuffer()).byteLength).toBe(44 + 4 * 8000 * 2);
  });
});

describe('conference and connect', () => {
  it('each call’s notifications in order; the customer and the 3rd party stay on after the agent leaves', async () => {
    const { api, token, receiver } = await setup();
    await api.ok('POST', '/omni/voice/1/call', { phone_number: '0800555008', unique_id: 'conf-1' }, token);
    await api.advance(1_000);
    const leg = await api.ok('POST', '/omni/voice/1/call/1/conference', { phone_number: '0800555007' }, token);
    expect(leg).toMatchObject({ success: true, call_id: 2 });
    await api.advance(3_000); // the 3rd party answers 3 s after its dial
    await api.ok('POST', '/omni/voice/1/call/1/connect', undefined, token);
    expect(await api.ok('GET', '/omni/voice/1/call/1', undefined, token)).toMatchObject({
      call_state: 'answered',
      agent_leg_state: 'ended',
    });
    await api.ok('POST', '/omni/voice/1/call/1/dispose', { disposition_code: 'XFER' }, token);
    await api.advance(10_000); // the 3rd party (0800555007) hangs up after 10 s: the customer call ends too
    const got = await receiver.until(
      'both CDRs',
      (r) => r.filter((d) => JSON.parse(d.body).type === 'cdr').length === 2,
    );
    const notes = got.map(parsed);
    const of = (callId: number) =>
      notes
        .filter(
          (n) => callOf(n) === callId || (n.type === 'agent_state' && callId === 1 && n.payload.reason !== 'login'),
        )
        .map(label);
    expect(of(1)).toEqual([
      'call_state:initiated',
      'agent_state:on_call',
      'call_state:ringing',
      'call_state:answered',
      'agent_state:wrap_up',
      'agent_state:paused',
      'call_state:ended',
      'cdr',
    ]);
    expect(of(2)).toEqual([
      'call_state:initiated',
      'call_state:ringing',
      'call_state:answered',
      'call_state:ended',
      'cdr',
    ]);
    const cdrs = notes.filter((n): n is Extract<Notification, { type: 'cdr' }> => n.type === 'cdr');
    const byCall = new Map(cdrs.map((n) => [n.payload.call_id, n.payload]));
    expect(byCall.get(2)).toMatchObject({
      call_type: 5,
      phone_number: '0800555007',
      unique_id: 'conf-1',
      dispostion_code: 'XFER',
      sip_code: 200,
      start_date_time: ts(1_000),
      end_date_time: ts(14_000),
      ring_time: 3_000,
      talk_time: 0,
      user_time: 0,
      wrap_time: 0,
    });
    expect(byCall.get(1)).toMatchObject({
      call_type: 1,
      dispostion_code: 'XFER',
      start_date_time: ts(0),
      end_date_time: ts(14_000),
      ring_time: 1_000,
      talk_time: 3_000,
      user_time: 3_000,
      hold_time: 0,
      wrap_time: 0,
    });
  });
});

describe('retries and dead letters', () => {
  it('a receiver that fails twice then succeeds: attempts at 0, +10 s and +30 s (±10%) on the mock’s clock', async () => {
    const { api, token, receiver } = await setup();
    await receiver.rules([{ type: 'agent_state', fail: 2, status: 503 }]);
    await api.ok('POST', '/omni/users/1/state', { state: 'ready' }, token);
    await receiver.until('the first attempt', (r) => r.length === 2);
    const list = await api.ok('GET', '/__mock/webhook/deliveries?type=agent_state&limit=1');
    const id = list.deliveries[0].notification_id as string;
    const settled = async (attempts: number) => {
      const deadline = Date.now() + 5_000;
      for (;;) {
        const view = await api.ok('GET', `/__mock/webhook/deliveries/${id}`);
        if (view.attempts === attempts) return view;
        if (Date.now() > deadline) throw new Error(`attempt ${attempts} never settled`);
        await new Promise((r) => setTimeout(r, 10));
      }
    };
    for (const [attempt, lo, hi] of [
      [1, 9_000, 11_000],
      [2, 27_000, 33_000],
    ] as const) {
      const view = await settled(attempt);
      const due = Date.parse(view.next_attempt_at) - T0;
      expect(due).toBeGreaterThanOrEqual(lo);
      expect(due).toBeLessThanOrEqual(hi);
      await api.advance(due - ((await api.now()) - T0));
    }
    const view = await settled(3);
    expect(view.state).toBe('delivered');
    expect(view.attempt_log.map((a: { outcome: string; status: number }) => [a.outcome, a.status])).toEqual([
      ['rejected', 503],
      ['rejected', 503],
      ['acknowledged', 200],
    ]);
    const mine = (await receiver.received()).filter((d) => d.id === id);
    expect(mine.map((d) => d.status)).toEqual([503, 503, 200]);
    expect(new Set(mine.map((d) => d.body)).size).toBe(1);
  });

  it('a notification that never gets a 2xx is dead after 10 attempts; its call’s later ones then go', async () => {
    const { api, token, receiver } = await setup();
    await receiver.rules([{ type: 'call_state', call_state: 'initiated', fail: 'always', status: 500 }]);
    await api.ok('POST', '/omni/voice/1/call', { phone_number: '0800555002' }, token); // busy after 1 s
    await api.advance(1_000);
    const initiatedId = async () =>
      (await api.ok('GET', '/__mock/webhook/deliveries?type=call_state&call_id=1&limit=100')).deliveries.at(-1);
    let row = await initiatedId();
    for (let attempt = 1; attempt <= 10; attempt++) {
      const deadline = Date.now() + 5_000;
      for (row = await initiatedId(); row.attempts < attempt; row = await initiatedId()) {
        if (Date.now() > deadline) throw new Error(`attempt ${attempt} never settled`);
        await new Promise((r) => setTimeout(r, 10));
      }
      if (attempt === 10) break;
      // Nothing of call 1 after the failing one has gone out meanwhile.
      const sent = (await receiver.received()).map(parsed).filter((n) => callOf(n) === 1);
      expect(sent.every((n) => label(n) === 'call_state:initiated')).toBe(true);
      await api.advance(Date.parse(row.next_attempt_at) - (await api.now()));
    }
    expect(row.state).toBe('dead');
    expect(row.attempt_log).toHaveLength(10);
    expect(row.next_attempt_at).toBeNull();
    // The offsets from the first attempt follow B.7: 10 s, 30 s, 1, 2, 5, 10, 20, 30, 60 min (±10%).
    const at = row.attempt_log.map((a: { virtual_at: string }) => Date.parse(a.virtual_at));
    const offsets = at.slice(1).map((t: number) => (t - (at[0] as number)) / 1000);
    [10, 30, 60, 120, 300, 600, 1200, 1800, 3600].forEach((s, i) => {
      expect(offsets[i]).toBeGreaterThanOrEqual(s * 0.9);
      expect(offsets[i]).toBeLessThanOrEqual(s * 1.1);
    });
    // Everything the call caused after its initiated (the agent's states included) was held back
    // behind it and goes out in order once it is dead.
    const rest = await receiver.until('the rest of call 1', (r) => r.some((d) => JSON.parse(d.body).type === 'cdr'));
    const afterLogin = rest.map(parsed).slice(1).map(label);
    expect(afterLogin).toEqual([
      ...Array.from({ length: 10 }, () => 'call_state:initiated'),
      'agent_state:on_call',
      'call_state:ended',
      'agent_state:wrap_up',
      'agent_state:paused',
      'cdr',
    ]);
  });
});
