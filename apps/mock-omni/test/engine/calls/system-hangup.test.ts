/**
 * `system_hangup`: the system ends a call no agent has. Expected effects are written here by hand
 * from B.5/B.6, not derived from the machine.
 *
 * @module
 */

import { describe, expect, it } from 'vitest';
import { callDisposition } from '../../../src/engine/calls/call-disposition.js';
import { type CallEffect, type CallMachineState, transition } from '../../../src/engine/calls/call-machine.js';
import type { CallRecord } from '../../../src/engine/calls/call-record.js';
import { startCallRecord, stepCall } from '../../../src/engine/calls/call-step.js';

function fx(e: CallEffect): string {
  switch (e.type) {
    case 'sip_code':
      return `sip:${e.code}`;
    case 'timeline':
      return `timeline:${e.event}`;
    case 'call_state':
      return `call_state:${e.from}>${e.to}`;
    case 'cancel_timer':
      return `cancel:${e.timer}`;
    case 'set_timer':
      return `set:${e.timer}`;
    default:
      return e.type;
  }
}

const system = (call: CallMachineState['call']): CallMachineState => ({
  role: 'system',
  call,
  agentLeg: 'none',
  recording: 'off',
  wrap: 'none',
  conference: 'none',
  autoRecord: false,
});

describe('system_hangup', () => {
  it('cancels a ringing system call with SIP 487 and completes it (its CDR is due)', () => {
    const r = transition(system('ringing'), { type: 'system_hangup' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.state.call).toBe('ended');
    expect(r.effects.map(fx)).toEqual([
      'sip:487',
      'timeline:ended',
      'call_state:ringing>ended',
      'cancel:no_answer',
      'cancel:network',
      'cdr',
    ]);
  });

  it('cancels a call still dialling (initiated) the same way', () => {
    const r = transition(system('initiated'), { type: 'system_hangup' });
    expect(r.ok && r.effects.map(fx)).toEqual([
      'sip:487',
      'timeline:ended',
      'call_state:initiated>ended',
      'cancel:no_answer',
      'cancel:network',
      'cdr',
    ]);
  });

  it('drops an answered system call without touching its SIP 200', () => {
    const r = transition(system('answered'), { type: 'system_hangup' });
    expect(r.ok && r.effects.map(fx)).toEqual(['timeline:ended', 'call_state:answered>ended', 'cancel:network', 'cdr']);
  });

  it('is refused on an agent’s call, a conference leg and an ended call', () => {
    const agent: CallMachineState = { ...system('answered'), role: 'agent', agentLeg: 'connected' };
    const leg: CallMachineState = { ...system('ringing'), role: 'conference_leg' };
    for (const s of [agent, leg, system('ended')]) {
      const r = transition(s, { type: 'system_hangup' });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.detail).toContain('only a call no agent has');
    }
  });

  it('gives DROP to a person dropped after answering, A to a machine, N to a cancelled dial', () => {
    const fields = {
      callId: 7,
      userId: 0,
      campaignId: 1,
      listId: 1,
      leadId: 3,
      shotgunId: 0,
      parentCallId: 0,
      phoneNumber: '0821234567',
      callerId: '0100000000',
      dnis: '',
      uniqueId: '',
      direction: 'outbound' as const,
      callType: 2,
    };
    const run = (outcome: CallRecord['outcome'], inputs: ('ringing' | 'answered' | 'system_hangup')[]): CallRecord => {
      let record = startCallRecord({ ...fields, outcome }, { role: 'system', at: 1000 }).record;
      let at = 1000;
      for (const type of inputs) {
        at += 1000;
        const r = stepCall(record, { type }, at);
        if (!r.ok) throw new Error(r.detail);
        record = r.record;
      }
      return record;
    };
    const dropped = run('answer', ['ringing', 'answered', 'system_hangup']);
    expect([callDisposition(dropped), dropped.sipCode]).toEqual(['DROP', 200]);
    const machine = run('machine', ['ringing', 'answered', 'system_hangup']);
    expect([callDisposition(machine), machine.sipCode]).toEqual(['A', 200]);
    const cancelled = run('answer', ['ringing', 'system_hangup']);
    expect([callDisposition(cancelled), cancelled.sipCode]).toEqual(['N', 487]);
  });
});
