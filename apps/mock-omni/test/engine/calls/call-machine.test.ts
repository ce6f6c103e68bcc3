/**
 * The call machine, checked against tables written here by hand from B.5 — never derived from the machine. A state is
 * written `role call agent_leg recording wrap conference [auto]`.
 *
 * @module
 */

import { describe, expect, it } from 'vitest';
import {
  applyCallInput,
  type CallEffect,
  type CallInput,
  type CallMachineState,
  startCall,
  transition,
} from '../../../src/engine/calls/call-machine.js';
import { DomainError } from '../../../src/engine/domain-error.js';

function st(text: string): CallMachineState {
  const [role, call, agentLeg, recording, wrap, conference, auto] = text.split(/\s+/);
  return {
    role,
    call,
    agentLeg,
    recording,
    wrap,
    conference,
    autoRecord: auto === 'auto',
  } as CallMachineState;
}

function show(s: CallMachineState): string {
  return [s.role, s.call, s.agentLeg, s.recording, s.wrap, s.conference].join(' ') + (s.autoRecord ? ' auto' : '');
}

/** Effects written compactly: `sip:486`, `timeline:hold`, `call_state:answered>on_hold`, `agent:wrap_up(call_end)`… */
function fx(e: CallEffect): string {
  switch (e.type) {
    case 'sip_code':
      return `sip:${e.code}`;
    case 'timeline':
      return `timeline:${e.event}`;
    case 'call_state':
      return `call_state:${e.from}>${e.to}`;
    case 'recording':
      return `recording:${e.to}`;
    case 'set_timer':
      return `set:${e.timer}`;
    case 'cancel_timer':
      return `cancel:${e.timer}`;
    case 'agent_state':
      return `agent:${e.to}(${e.reason})`;
    case 'conference_leg':
      return `leg:${e.action}`;
    case 'parent':
      return `parent:${e.input}`;
    case 'cdr':
      return 'cdr';
  }
}

function input(text: string): CallInput {
  const [type, code] = text.split(':');
  return type === 'failed' ? { type: 'failed', sipCode: Number(code) } : ({ type } as CallInput);
}

// The states the command matrix covers.
const S = {
  dialling: 'agent initiated none off none none',
  ringing: 'agent ringing none off none none',
  talking: 'agent answered connected off none none',
  recording: 'agent answered connected recording none none',
  recPaused: 'agent answered connected paused none none',
  recStopped: 'agent answered connected stopped none none',
  held: 'agent on_hold on_hold off none none',
  heldRecording: 'agent on_hold on_hold recording none none',
  confDialling: 'agent answered connected off none dialling',
  confJoined: 'agent answered connected off none joined',
  heldJoined: 'agent on_hold on_hold off none joined',
  connectedWrap: 'agent answered ended stopped wrap_up connected',
  endedWrap: 'agent ended ended off wrap_up none',
  disposed: 'agent ended ended stopped disposed none',
  timedOut: 'agent ended ended off timed_out none',
  connectedDisposed: 'agent answered ended off disposed connected',
  systemRinging: 'system ringing none off none none',
  systemAnswered: 'system answered none off none none',
  legRinging: 'conference_leg ringing none off none none',
  legTalking: 'conference_leg answered connected off none none',
  legHandedOver: 'conference_leg answered ended off none connected',
  legEnded: 'conference_leg ended ended off none none',
} as const;

const COMMANDS = [
  'hold',
  'retrieve',
  'hangup',
  'dispose',
  'recording_start',
  'recording_stop',
  'recording_pause',
  'recording_resume',
  'conference',
  'connect',
] as const;

// Which agent commands each state allows (B.5): Y allowed, . refused with 409 INVALID_STATE.
//                              hold retr hang disp start stop pause resume conf connect
const MATRIX: Record<keyof typeof S, string> = {
  dialling: /*             */ '.    .    Y    .    .     .    .     .      .    .',
  ringing: /*              */ '.    .    Y    .    .     .    .     .      .    .',
  talking: /*              */ 'Y    .    Y    .    Y     .    .     .      Y    .',
  recording: /*            */ 'Y    .    Y    .    .     Y    Y     .      Y    .',
  recPaused: /*            */ 'Y    .    Y    .    .     Y    .     Y      Y    .',
  recStopped: /*           */ 'Y    .    Y    .    .     .    .     .      Y    .',
  held: /*                 */ '.    Y    Y    .    Y     .    .     .      Y    .',
  heldRecording: /*        */ '.    Y    Y    .    .     Y    Y     .      Y    .',
  confDialling: /*         */ 'Y    .    Y    .    Y     .    .     .      .    .',
  confJoined: /*           */ 'Y    .    Y    .    Y     .    .     .      .    Y',
  heldJoined: /*           */ '.    Y    Y    .    Y     .    .     .      .    Y',
  connectedWrap: /*        */ '.    .    Y    Y    .     .    .     .      .    .',
  endedWrap: /*            */ '.    .    .    Y    .     .    .     .      .    .',
  disposed: /*             */ '.    .    .    .    .     .    .     .      .    .',
  timedOut: /*             */ '.    .    .    .    .     .    .     .      .    .',
  connectedDisposed: /*    */ '.    .    Y    .    .     .    .     .      .    .',
  systemRinging: /*        */ '.    .    .    .    .     .    .     .      .    .',
  systemAnswered: /*       */ '.    .    .    .    .     .    .     .      .    .',
  legRinging: /*           */ '.    .    Y    .    .     .    .     .      .    .',
  legTalking: /*           */ '.    .    Y    .    .     .    .     .      .    .',
  legHandedOver: /*        */ '.    .    Y    .    .     .    .     .      .    .',
  legEnded: /*             */ '.    .    .    .    .     .    .     .      .    .',
};

describe('agent commands allowed or refused in every state (literal matrix)', () => {
  const cases = Object.entries(MATRIX).flatMap(([name, row]) => {
    const cells = row.trim().split(/\s+/);
    expect(cells).toHaveLength(COMMANDS.length);
    return COMMANDS.map((command, i) => ({
      name,
      state: S[name as keyof typeof S],
      command,
      allowed: cells[i] === 'Y',
    }));
  });

  it.each(cases)('$name + $command → allowed: $allowed', ({ state, command, allowed }) => {
    const before = st(state);
    const snapshot = { ...before };
    const result = transition(before, { type: command });
    expect(before).toEqual(snapshot); // never mutates its input
    if (allowed) {
      expect(result.ok).toBe(true);
      return;
    }
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('INVALID_STATE');
    // The detail names the current state the way the API shows it.
    expect(result.detail).toContain(`call_state ${before.call}`);
    expect(result.detail).toContain(`agent_leg_state ${before.agentLeg}`);
    expect(result.detail).toContain(`recording_state ${before.recording}`);
    expect(result.error).toBeInstanceOf(DomainError);
    expect(result.error.code).toBe('INVALID_STATE');
    expect(result.error.detail).toBe(result.detail);
  });
});

// (state, input) → (next state, effects in order). Written by hand from B.5.
const TABLE: ReadonlyArray<readonly [string, string, string, readonly string[]]> = [
  [S.dialling, 'ringing', 'agent ringing none off none none', ['timeline:ringing', 'call_state:initiated>ringing']],
  [
    S.ringing,
    'answered',
    'agent answered connected off none none',
    ['sip:200', 'timeline:answered', 'timeline:agent_connected', 'call_state:ringing>answered', 'cancel:no_answer'],
  ],
  [
    'agent ringing none off none none auto',
    'answered',
    'agent answered connected recording none none auto',
    [
      'sip:200',
      'timeline:answered',
      'timeline:agent_connected',
      'call_state:ringing>answered',
      'recording:recording',
      'cancel:no_answer',
    ],
  ],
  [
    S.dialling,
    'answered',
    'agent answered connected off none none',
    ['sip:200', 'timeline:answered', 'timeline:agent_connected', 'call_state:initiated>answered', 'cancel:no_answer'],
  ],
  [
    S.ringing,
    'failed:486',
    'agent ended ended off wrap_up none',
    [
      'sip:486',
      'timeline:agent_leg_ended',
      'timeline:ended',
      'call_state:ringing>ended',
      'cancel:no_answer',
      'set:wrap_up',
      'agent:wrap_up(call_end)',
    ],
  ],
  [
    S.ringing,
    'no_answer_timeout',
    'agent ended ended off wrap_up none',
    [
      'sip:480',
      'timeline:agent_leg_ended',
      'timeline:ended',
      'call_state:ringing>ended',
      'cancel:network',
      'set:wrap_up',
      'agent:wrap_up(call_end)',
    ],
  ],
  [
    S.dialling,
    'hangup',
    'agent ended ended off wrap_up none',
    [
      'sip:487',
      'timeline:agent_leg_ended',
      'timeline:ended',
      'call_state:initiated>ended',
      'cancel:no_answer',
      'cancel:network',
      'set:wrap_up',
      'agent:wrap_up(call_end)',
    ],
  ],
  [S.talking, 'hold', 'agent on_hold on_hold off none none', ['timeline:hold', 'call_state:answered>on_hold']],
  [S.held, 'retrieve', 'agent answered connected off none none', ['timeline:retrieve', 'call_state:on_hold>answered']],
  [
    S.recording,
    'hangup',
    'agent ended ended stopped wrap_up none',
    [
      'timeline:agent_leg_ended',
      'timeline:ended',
      'call_state:answered>ended',
      'recording:stopped',
      'cancel:network',
      'set:wrap_up',
      'agent:wrap_up(call_end)',
    ],
  ],
  [
    S.heldRecording,
    'callee_hangup',
    'agent ended ended stopped wrap_up none',
    [
      'timeline:retrieve',
      'timeline:agent_leg_ended',
      'timeline:ended',
      'call_state:on_hold>ended',
      'recording:stopped',
      'set:wrap_up',
      'agent:wrap_up(call_end)',
    ],
  ],
  [
    S.endedWrap,
    'dispose',
    'agent ended ended off disposed none',
    ['timeline:wrap_ended', 'cancel:wrap_up', 'agent:released(disposed)', 'cdr'],
  ],
  [
    S.endedWrap,
    'wrap_up_timeout',
    'agent ended ended off timed_out none',
    ['timeline:wrap_ended', 'agent:released(wrap_up_timeout)', 'cdr'],
  ],
  [S.talking, 'recording_start', 'agent answered connected recording none none', ['recording:recording']],
  [S.held, 'recording_start', 'agent on_hold on_hold recording none none', ['recording:recording']],
  [S.recording, 'recording_pause', 'agent answered connected paused none none', ['recording:paused']],
  [S.recPaused, 'recording_resume', 'agent answered connected recording none none', ['recording:recording']],
  [S.recPaused, 'recording_stop', 'agent answered connected stopped none none', ['recording:stopped']],
  [S.talking, 'conference', 'agent answered connected off none dialling', ['leg:dial']],
  [S.held, 'conference', 'agent on_hold on_hold off none dialling', ['leg:dial']],
  [S.confDialling, 'conference_answered', 'agent answered connected off none joined', []],
  [S.confDialling, 'conference_ended', 'agent answered connected off none none', []],
  [S.confJoined, 'conference_ended', 'agent answered connected off none none', []],
  [
    S.confJoined,
    'connect',
    'agent answered ended off wrap_up connected',
    ['timeline:agent_leg_ended', 'set:wrap_up', 'agent:wrap_up(call_end)', 'set:transfer', 'leg:agent_left'],
  ],
  [
    'agent on_hold on_hold recording none joined',
    'connect',
    'agent answered ended stopped wrap_up connected',
    [
      'timeline:retrieve',
      'timeline:agent_leg_ended',
      'call_state:on_hold>answered',
      'recording:stopped',
      'set:wrap_up',
      'agent:wrap_up(call_end)',
      'set:transfer',
      'leg:agent_left',
    ],
  ],
  [
    S.connectedWrap,
    'dispose',
    'agent answered ended stopped disposed connected',
    ['timeline:wrap_ended', 'cancel:wrap_up', 'agent:released(disposed)'],
  ],
  [
    S.connectedDisposed,
    'conference_ended',
    'agent ended ended off disposed none',
    ['timeline:ended', 'call_state:answered>ended', 'cancel:network', 'cancel:transfer', 'cdr'],
  ],
  [
    S.connectedDisposed,
    'callee_hangup',
    'agent ended ended off disposed none',
    ['timeline:ended', 'call_state:answered>ended', 'cancel:transfer', 'leg:parent_ended', 'cdr'],
  ],
  [
    S.connectedWrap,
    'callee_hangup',
    'agent ended ended stopped wrap_up none',
    ['timeline:ended', 'call_state:answered>ended', 'cancel:transfer', 'leg:parent_ended'],
  ],
  // Inferred: after connect the call is still the agent's: a hangup cuts both parties off, and so does the limit.
  [
    S.connectedWrap,
    'hangup',
    'agent ended ended stopped wrap_up none',
    ['timeline:ended', 'call_state:answered>ended', 'cancel:network', 'cancel:transfer', 'leg:parent_ended'],
  ],
  [
    S.connectedDisposed,
    'hangup',
    'agent ended ended off disposed none',
    ['timeline:ended', 'call_state:answered>ended', 'cancel:network', 'cancel:transfer', 'leg:parent_ended', 'cdr'],
  ],
  [
    S.connectedDisposed,
    'transfer_limit',
    'agent ended ended off disposed none',
    ['timeline:ended', 'call_state:answered>ended', 'cancel:network', 'leg:parent_ended', 'cdr'],
  ],
  [
    S.confJoined,
    'hangup',
    'agent ended ended off wrap_up none',
    [
      'timeline:agent_leg_ended',
      'timeline:ended',
      'call_state:answered>ended',
      'cancel:network',
      'set:wrap_up',
      'agent:wrap_up(call_end)',
      'leg:parent_ended',
    ],
  ],
  [
    S.confDialling,
    'callee_hangup',
    'agent ended ended off wrap_up none',
    [
      'timeline:agent_leg_ended',
      'timeline:ended',
      'call_state:answered>ended',
      'set:wrap_up',
      'agent:wrap_up(call_end)',
      'leg:parent_ended',
    ],
  ],
  // Conference legs: calls of their own, linked to the parent.
  [
    S.legRinging,
    'answered',
    'conference_leg answered connected off none none',
    [
      'sip:200',
      'timeline:answered',
      'timeline:agent_connected',
      'call_state:ringing>answered',
      'cancel:no_answer',
      'parent:conference_answered',
    ],
  ],
  [
    S.legRinging,
    'failed:486',
    'conference_leg ended none off none none',
    ['sip:486', 'timeline:ended', 'call_state:ringing>ended', 'cancel:no_answer', 'parent:conference_ended', 'cdr'],
  ],
  [
    S.legRinging,
    'hangup',
    'conference_leg ended none off none none',
    [
      'sip:487',
      'timeline:ended',
      'call_state:ringing>ended',
      'cancel:no_answer',
      'cancel:network',
      'parent:conference_ended',
      'cdr',
    ],
  ],
  [
    S.legTalking,
    'hangup',
    'conference_leg ended ended off none none',
    [
      'timeline:agent_leg_ended',
      'timeline:ended',
      'call_state:answered>ended',
      'cancel:network',
      'parent:conference_ended',
      'cdr',
    ],
  ],
  [S.legTalking, 'agent_left', 'conference_leg answered ended off none connected', ['timeline:agent_leg_ended']],
  [
    S.legHandedOver,
    'hangup',
    'conference_leg ended ended off none connected',
    ['timeline:ended', 'call_state:answered>ended', 'cancel:network', 'parent:conference_ended', 'cdr'],
  ],
  [
    S.legHandedOver,
    'callee_hangup',
    'conference_leg ended ended off none connected',
    ['timeline:ended', 'call_state:answered>ended', 'parent:conference_ended', 'cdr'],
  ],
  [
    S.legHandedOver,
    'parent_ended',
    'conference_leg ended ended off none connected',
    ['timeline:ended', 'call_state:answered>ended', 'cancel:network', 'cdr'],
  ],
  [
    S.legTalking,
    'parent_ended',
    'conference_leg ended ended off none none',
    ['timeline:agent_leg_ended', 'timeline:ended', 'call_state:answered>ended', 'cancel:network', 'cdr'],
  ],
  [
    S.legRinging,
    'parent_ended',
    'conference_leg ended none off none none',
    ['sip:487', 'timeline:ended', 'call_state:ringing>ended', 'cancel:no_answer', 'cancel:network', 'cdr'],
  ],
  // System calls (no agent yet): one CDR when they end, none of the agent's effects.
  [
    S.systemRinging,
    'no_answer_timeout',
    'system ended none off none none',
    ['sip:480', 'timeline:ended', 'call_state:ringing>ended', 'cancel:network', 'cdr'],
  ],
  [
    S.systemRinging,
    'answered',
    'system answered none off none none',
    ['sip:200', 'timeline:answered', 'call_state:ringing>answered', 'cancel:no_answer'],
  ],
  [
    S.systemAnswered,
    'callee_hangup',
    'system ended none off none none',
    ['timeline:ended', 'call_state:answered>ended', 'cdr'],
  ],
  [
    S.systemAnswered,
    'route_to_agent',
    'agent answered connected off none none',
    ['agent:on_call(call_routed)', 'timeline:agent_connected'],
  ],
  [
    'system answered none off none none auto',
    'route_to_agent',
    'agent answered connected recording none none auto',
    ['agent:on_call(call_routed)', 'timeline:agent_connected', 'recording:recording'],
  ],
];

describe('transitions (literal table)', () => {
  it.each(TABLE.map(([from, inp, to, effects]) => ({ from, inp, to, effects })))(
    '$from + $inp → $to',
    ({ from, inp, to, effects }) => {
      const result = transition(st(from), input(inp));
      if (!result.ok) throw new Error(`refused: ${result.detail}`);
      expect(show(result.state)).toBe(to);
      expect(result.effects.map(fx)).toEqual(effects);
    },
  );
});

// Network and system inputs refused where they cannot happen (a late timer, a stale signal).
const REFUSED: ReadonlyArray<readonly [string, string]> = [
  [S.talking, 'ringing'],
  [S.talking, 'answered'],
  [S.talking, 'no_answer_timeout'],
  [S.ringing, 'callee_hangup'],
  [S.endedWrap, 'callee_hangup'],
  [S.endedWrap, 'failed:503'],
  [S.talking, 'wrap_up_timeout'],
  [S.disposed, 'wrap_up_timeout'],
  [S.talking, 'conference_answered'],
  [S.talking, 'conference_ended'],
  [S.endedWrap, 'conference_ended'],
  [S.ringing, 'route_to_agent'],
  [S.talking, 'route_to_agent'],
  [S.legRinging, 'agent_left'],
  [S.legEnded, 'parent_ended'],
  [S.talking, 'agent_left'],
];

describe('inputs that cannot apply are refused (literal list)', () => {
  it.each(REFUSED.map(([from, inp]) => ({ from, inp })))('$from + $inp → INVALID_STATE', ({ from, inp }) => {
    const result = transition(st(from), input(inp));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.code).toBe('INVALID_STATE');
  });
});

describe('details and helpers', () => {
  it('names the state and the reason in an exact detail', () => {
    const result = transition(st(S.ringing), { type: 'hold' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.detail).toBe(
      'hold is not allowed in this state (call_state ringing, agent_leg_state none, recording_state off, ' +
        'wrap-up none, conference none): hold needs an answered call the agent is connected to',
    );
  });

  it('refuses dispose before the agent’s part ended, naming the live call', () => {
    const result = transition(st(S.talking), { type: 'dispose' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.detail).toContain('dispose is not allowed in this state (call_state answered');
  });

  it('applyCallInput throws the DomainError for the HTTP layer', () => {
    expect(() => applyCallInput(st(S.disposed), { type: 'dispose' })).toThrow(DomainError);
    expect(applyCallInput(st(S.talking), { type: 'hold' }).state.call).toBe('on_hold');
  });

  it('startCall puts an agent on the call and arms the dial’s timers', () => {
    const agent = startCall('agent');
    expect(show(agent.state)).toBe('agent initiated none off none none');
    expect(agent.effects.map(fx)).toEqual([
      'timeline:initiated',
      'call_state:>initiated',
      'set:network',
      'set:no_answer',
      'agent:on_call(call_start)',
    ]);
    const leg = startCall('conference_leg');
    expect(leg.effects.map(fx)).toEqual([
      'timeline:initiated',
      'call_state:>initiated',
      'set:network',
      'set:no_answer',
    ]);
  });

  it('one click-2-dial from dial to dispose emits exactly one CDR, at the end', () => {
    const steps = ['ringing', 'answered', 'hold', 'retrieve', 'recording_start', 'hangup', 'dispose'];
    let state = startCall('agent').state;
    const all: string[] = [];
    for (const step of steps) {
      const r = transition(state, input(step));
      if (!r.ok) throw new Error(r.detail);
      state = r.state;
      all.push(...r.effects.map(fx));
    }
    expect(all.filter((e) => e === 'cdr')).toHaveLength(1);
    expect(all.at(-1)).toBe('cdr');
    expect(all.filter((e) => e.startsWith('call_state:'))).toEqual([
      'call_state:initiated>ringing',
      'call_state:ringing>answered',
      'call_state:answered>on_hold',
      'call_state:on_hold>answered',
      'call_state:answered>ended',
    ]);
    expect(show(state)).toBe('agent ended ended stopped disposed none');
  });
});
