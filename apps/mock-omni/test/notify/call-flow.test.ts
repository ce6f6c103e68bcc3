/**
 * The pieces wired together the way the integration will: the call machine and callee model drive a click-2-dial on a
 * manual clock, each effect becomes a timer or an outbox row, and the worker delivers to a real receiver. A small
 * stand-in for the mock's timer service and agent directory.
 *
 * @module
 */

import { type Notification, notification } from '@omnikit/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallEffect, CallInput, CallTimer } from '../../src/engine/calls/call-machine.js';
import type { CallRecord } from '../../src/engine/calls/call-record.js';
import { startCallRecord, stepCall } from '../../src/engine/calls/call-step.js';
import { calleeEvents, planCallee } from '../../src/engine/calls/callee-model.js';
import {
  buildAgentStatePayload,
  buildCallStatePayload,
  buildCdrPayload,
  buildRecordingPayload,
} from '../../src/engine/notifications/notification-payloads.js';
import { Rng } from '../../src/engine/rng.js';
import { type Harness, harness, SYSTEM, T0 } from './support/harness.js';
import { type Receiver, startReceiver } from './support/receiver.js';

class MiniSystem {
  readonly rng = Rng.fromSeed(11);
  private readonly timers: Array<{ at: number; seq: number; callId: number; timer: CallTimer; input: CallInput }> = [];
  private seq = 0;
  private agentState: 'paused' | 'on_call' | 'wrap_up' = 'paused';
  record!: CallRecord;

  constructor(
    readonly h: Harness,
    readonly campaign = { noAnswerMs: 25_000, wrapUpMs: 30_000, autoRecord: false },
  ) {}

  private emit(callId: number | null, n: Notification) {
    this.h.enqueue(callId, notification.parse(n));
  }

  dial(callId: number, phoneNumber: string) {
    const at = this.h.clock.now();
    const { record, effects } = startCallRecord(
      {
        callId,
        userId: 1,
        campaignId: 3,
        listId: 0,
        leadId: 0,
        shotgunId: 0,
        parentCallId: 0,
        phoneNumber,
        callerId: '27105550100',
        dnis: '',
        uniqueId: 'crm-1',
        direction: 'outbound',
        callType: 1,
        outcome: planCallee({ rng: this.rng, callId, phoneNumber }).outcome,
      },
      { role: 'agent', autoRecord: this.campaign.autoRecord, at },
    );
    this.record = record;
    this.apply(effects, at);
  }

  command(input: CallInput, dispositionCode?: string) {
    const at = this.h.clock.now();
    const r = stepCall(this.record, input, at, dispositionCode ? { dispositionCode } : {});
    if (!r.ok) throw r.error;
    this.record = r.record;
    this.apply(r.effects, at);
  }

  private apply(effects: CallEffect[], at: number) {
    const rec = this.record;
    for (const e of effects) {
      if (e.type === 'call_state')
        this.emit(rec.callId, { type: 'call_state', payload: buildCallStatePayload(rec, { ...e, at }) });
      else if (e.type === 'recording')
        this.emit(rec.callId, { type: 'recording', payload: buildRecordingPayload(rec, at) });
      else if (e.type === 'cdr') this.emit(rec.callId, { type: 'cdr', payload: buildCdrPayload(rec) });
      else if (e.type === 'agent_state') {
        const to = e.to === 'released' ? 'paused' : e.to;
        const payload = buildAgentStatePayload({
          userId: 1,
          campaignId: 3,
          extension: '1001',
          from: this.agentState,
          to,
          reason: e.reason,
          at,
        });
        this.agentState = to;
        // Keyed by the call that caused it, so the agent's states keep their place among the call's.
        this.emit(rec.callId, { type: 'agent_state', payload });
      } else if (e.type === 'cancel_timer') {
        for (let i = this.timers.length - 1; i >= 0; i--)
          if (this.timers[i]?.timer === e.timer) this.timers.splice(i, 1);
      } else if (e.type === 'set_timer') {
        const plan = planCallee({ rng: this.rng, callId: rec.callId, phoneNumber: rec.phoneNumber });
        if (e.timer === 'network')
          for (const ev of calleeEvents(plan, this.campaign.noAnswerMs)) this.arm(at + ev.afterMs, e.timer, ev.input);
        if (e.timer === 'no_answer') this.arm(at + this.campaign.noAnswerMs, e.timer, { type: 'no_answer_timeout' });
        if (e.timer === 'wrap_up') this.arm(at + this.campaign.wrapUpMs, e.timer, { type: 'wrap_up_timeout' });
      }
    }
  }

  private arm(at: number, timer: CallTimer, input: CallInput) {
    this.timers.push({ at, seq: ++this.seq, callId: this.record.callId, timer, input });
  }

  /** Runs every timer due up to `to`, in order, with the clock at each one's time; then delivers. */
  async advanceTo(to: number) {
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers[0];
      if (!next || next.at > to) break;
      this.timers.shift();
      this.h.clock.advanceTo(next.at);
      this.command(next.input);
    }
    await this.h.advanceTo(to);
  }
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});
async function setup(): Promise<{ sys: MiniSystem; rx: Receiver }> {
  const rx = await startReceiver();
  const h = harness({ url: rx.url, secret: 'flow-secret' });
  cleanups.push(
    () => h.worker.stop(),
    () => rx.close(),
  );
  return { sys: new MiniSystem(h), rx };
}

function summary(rx: Receiver): string[] {
  return rx.received.map((r) => {
    const n = JSON.parse(r.body) as Notification;
    if (n.type === 'call_state') return `call_state:${n.payload.call_state}`;
    if (n.type === 'recording') return `recording:${n.payload.recording_state}`;
    if (n.type === 'agent_state') return `agent_state:${n.payload.agent_state}`;
    return n.type;
  });
}

describe('a click-2-dial wired end to end (machine → outbox → worker → receiver)', () => {
  it('0800555001: hold, retrieve, recording, hangup, dispose — the notification sequence and the CDR', async () => {
    const { sys, rx } = await setup();
    sys.dial(501, '0800555001');
    await sys.advanceTo(T0 + 3_000); // ringing at 0.5 s, answered at 3 s
    await sys.advanceTo(T0 + 10_000);
    sys.command({ type: 'hold' });
    await sys.advanceTo(T0 + 20_000);
    sys.command({ type: 'retrieve' });
    sys.command({ type: 'recording_start' });
    await sys.advanceTo(T0 + 50_000);
    sys.command({ type: 'hangup' });
    await sys.advanceTo(T0 + 62_000);
    sys.command({ type: 'dispose' }, 'SALE');
    await sys.advanceTo(T0 + 62_000);

    expect(summary(rx)).toEqual([
      'call_state:initiated',
      'agent_state:on_call',
      'call_state:ringing',
      'call_state:answered',
      'call_state:on_hold',
      'call_state:answered',
      'recording:recording',
      'call_state:ended',
      'recording:stopped',
      'agent_state:wrap_up',
      'agent_state:paused',
      'cdr',
    ]);
    const cdr = rx.received.map((r) => JSON.parse(r.body) as Notification).find((n) => n.type === 'cdr');
    expect(cdr?.payload).toEqual({
      call_id: 501,
      phone_number: '0800555001',
      caller_id: '27105550100',
      unique_id: 'crm-1',
      call_direction: 'outbound',
      dispostion_code: 'SALE',
      sip_code: 200,
      user_id: 1,
      campaign_id: 3,
      list_id: 0,
      call_type: 1,
      recording_url: '501_20260105080020.wav',
      start_date_time: '2026-01-05T08:00:00.000Z',
      end_date_time: '2026-01-05T08:00:50.000Z',
      ivr_time: 0,
      ring_time: 3_000,
      talk_time: 37_000,
      user_time: 47_000,
      hold_time: 10_000,
      wrap_time: 12_000,
    });
  });

  it('0800555007 hangs up after 10 s of talk; the wrap-up times out 30 s later; 0800555002 is busy', async () => {
    const { sys, rx } = await setup();
    sys.dial(601, '0800555007');
    await sys.advanceTo(T0 + 60_000);
    const notes = rx.received.map((r) => JSON.parse(r.body) as Notification);
    const cdr = notes.find((n) => n.type === 'cdr');
    expect(cdr?.payload).toMatchObject({
      sip_code: 200,
      dispostion_code: 'TIMEOT',
      ring_time: 3_000,
      talk_time: 10_000,
      user_time: 10_000,
      wrap_time: 30_000,
      end_date_time: '2026-01-05T08:00:13.000Z',
    });
    expect(summary(rx).at(-2)).toBe('agent_state:paused');

    rx.received.length = 0;
    sys.h.clock.advanceTo(T0 + 100_000);
    sys.dial(602, '0800555002');
    await sys.advanceTo(T0 + 200_000);
    const busy = rx.received.map((r) => JSON.parse(r.body) as Notification).find((n) => n.type === 'cdr');
    expect(busy?.payload).toMatchObject({
      call_id: 602,
      sip_code: 486,
      dispostion_code: 'B',
      ring_time: 1_000,
      talk_time: 0,
    });
    expect(summary(rx).filter((s) => s.startsWith('call_state'))).toEqual(['call_state:initiated', 'call_state:ended']);
    expect(sys.h.outbox.list({ systemId: SYSTEM, state: 'pending' }).total).toBe(0);
  });
});
