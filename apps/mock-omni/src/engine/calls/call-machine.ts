/**
 * The call state machine (B.5). One machine drives every call; its state has six parts:
 *
 * - `role` — whose call it is. `agent`: it belongs to an agent (every click-2-dial call, and a dialler or
 *   inbound call once routed to one); the agent is `on_call` from the start and goes to wrap-up when the
 *   agent's part ends. `system`: placed or received by the system with no agent yet (a dialler call
 *   ringing, an inbound call in the queue); agent commands are refused. `conference_leg`: the 3rd-party
 *   call an agent dialled into an active call (`call_type` 5) — a call of its own, linked to its parent.
 * - `call` — the customer call's `call_state`: `initiated` (dialling) → `ringing` → `answered` ⇄
 *   `on_hold` → `ended`; it may end from any state but `ended`.
 * - `agentLeg` — the agent's part (`agent_leg_state`): `none` until the callee answers, `connected`
 *   ⇄ `on_hold` while the agent is on it, `ended` once the agent's part is over. It ends with the call
 *   (hangup, callee hangup, failure) or alone (`connect`: the customer stays on with the 3rd party).
 * - `recording` — `off` → `recording` ⇄ `paused` → `stopped` (one file per call; never restarted). It
 *   stops by itself when the agent's part ends. With `autoRecord` it starts when the agent is connected.
 * - `wrap` — the agent's wrap-up: `none` → `wrap_up` (when the agent's part ends) → `disposed` (dispose)
 *   or `timed_out` (the campaign's wrap-up timeout). Only agent calls have one.
 * - `conference` — the parent side of a conference: `none` → `dialling` (the 3rd party is being called)
 *   → `joined` (the 3rd party answered) → `connected` (the agent left, customer and 3rd party talk);
 *   back to `none` whenever the leg ends. On a conference leg itself it only records the hand-over:
 *   `connected` once the agent left the leg to the customer. A hold during a conference parks the customer call
 *   only; the leg stays as it is, the agent on it (inferred; what the agent's phone does: agent-phone-media.ts).
 *
 * Inputs are network events (`ringing`, `answered`, `callee_hangup`, `failed` with a SIP code, `no_answer_timeout`),
 * agent commands (`hold`, `retrieve`, `hangup`, `dispose`, `recording_*`, `conference`, `connect`) and system events
 * (`wrap_up_timeout`, `route_to_agent`, `system_hangup`, `transfer_limit`, and the signals linking a conference leg and
 * its parent).
 * `TRANSITIONS` below is the whole table: the first row whose input and state pattern match applies; no row means the
 * command is refused with `INVALID_STATE`, naming the current state. Each row gives only its primary change; what
 * follows from a change is the same everywhere and is listed once in `consequences()` (notifications, timeline marks,
 * timers, the agent's state, the CDR).
 *
 * A connected call (after `connect`) has no agent on it, yet it stays the agent's call: `hangup` of either call id cuts
 * the customer and the 3rd party off, and the `transfer` timer cuts it after `TRANSFER_LIMIT_MS` when nobody does
 * (inferred: two parties who never hang up by themselves would otherwise hold the call, its lead and its CDR forever).
 *
 * @module
 */

import type { AGENT_LEG_STATES, CallState, RECORDING_STATES } from '@omnikit/contracts';
import { DomainError } from '../domain-error.js';

export type AgentLegState = (typeof AGENT_LEG_STATES)[number];
export type RecordingState = (typeof RECORDING_STATES)[number];
export type CallRole = 'agent' | 'system' | 'conference_leg';
export type WrapState = 'none' | 'wrap_up' | 'disposed' | 'timed_out';
export type ConferenceState = 'none' | 'dialling' | 'joined' | 'connected';

export interface CallMachineState {
  role: CallRole;
  call: CallState;
  agentLeg: AgentLegState;
  recording: RecordingState;
  wrap: WrapState;
  conference: ConferenceState;
  /** The campaign records every call: recording starts when the agent is connected. */
  autoRecord: boolean;
}

export const NETWORK_INPUTS = ['ringing', 'answered', 'callee_hangup', 'failed', 'no_answer_timeout'] as const;
export const AGENT_COMMANDS = [
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
export const SYSTEM_INPUTS = [
  'wrap_up_timeout',
  'route_to_agent',
  'conference_answered',
  'conference_ended',
  'agent_left',
  'parent_ended',
  'system_hangup',
  'transfer_limit',
] as const;

export type NetworkInputType = (typeof NETWORK_INPUTS)[number];
export type AgentCommand = (typeof AGENT_COMMANDS)[number];
export type SystemInputType = (typeof SYSTEM_INPUTS)[number];
export type CallInputType = NetworkInputType | AgentCommand | SystemInputType;

/** What the machine is fed. Only `failed` carries data: the SIP code the network answered with. */
export type CallInput = { type: Exclude<CallInputType, 'failed'> } | { type: 'failed'; sipCode: number };

/** Marks on the call's timeline; `call-timing.ts` turns them into the CDR's durations. */
export type TimelineEvent =
  | 'initiated'
  | 'ringing'
  | 'answered'
  | 'agent_connected'
  | 'hold'
  | 'retrieve'
  | 'agent_leg_ended'
  | 'ended'
  | 'wrap_ended'
  /** Inbound only (appended by the inbound flow, not by this machine): the caller left the IVR for the queue. */
  | 'queued';

/** Timers the machine asks for; the integrator knows their lengths (campaign settings, the callee plan). */
export type CallTimer = 'network' | 'no_answer' | 'wrap_up' | 'transfer';

/**
 * What a transition asks the integrator to do, in this order:
 * - `sip_code`: record the call's SIP code;
 * - `timeline`: append `{ at: clock.now(), event }` to the call's timeline;
 * - `call_state`: emit a `call_state` notification (`from` is `''` for the first one);
 * - `recording`: emit a `recording` notification (name the file when it first starts);
 * - `cancel_timer` / `set_timer`: `network` = the callee's scheduled events (callee-model), `no_answer`
 *   = the campaign's `no_answer_seconds`, `wrap_up` = the campaign's wrap-up timeout, `transfer` = the
 *   connected call's `TRANSFER_LIMIT_MS`;
 * - `agent_state`: move the call's agent to `on_call`, `wrap_up`, or `released` (back to paused/ready);
 * - `conference_leg`: `dial` a new conference leg (call_type 5) for this call, or feed the linked leg
 *   the given input; `parent`: feed this leg's parent call the given input;
 * - `cdr`: the call is complete (B.5 timing): emit its one `cdr`.
 */
export type CallEffect =
  | { type: 'sip_code'; code: number }
  | { type: 'timeline'; event: TimelineEvent }
  | { type: 'call_state'; from: CallState | ''; to: CallState }
  | { type: 'recording'; to: RecordingState }
  | { type: 'cancel_timer'; timer: CallTimer }
  | { type: 'set_timer'; timer: CallTimer }
  | { type: 'agent_state'; to: 'on_call' | 'wrap_up' | 'released'; reason: string }
  | { type: 'conference_leg'; action: 'dial' | 'agent_left' | 'parent_ended' }
  | { type: 'parent'; input: 'conference_answered' | 'conference_ended' }
  | { type: 'cdr' };

export type TransitionResult =
  | { ok: true; state: CallMachineState; effects: CallEffect[] }
  | { ok: false; code: 'INVALID_STATE'; detail: string; error: DomainError };

type Pattern = { [K in keyof CallMachineState]?: CallMachineState[K] | readonly CallMachineState[K][] };

/** Effects a row adds beyond the derived ones (links between calls, SIP codes, routing). */
type RowEffect =
  | { type: 'conference_leg'; action: 'dial' | 'agent_left' | 'parent_ended' }
  | { type: 'parent'; input: 'conference_answered' | 'conference_ended' }
  | { type: 'agent_state'; to: 'on_call'; reason: string };

interface Row {
  input: CallInputType;
  when: Pattern;
  set: Partial<CallMachineState>;
  /** SIP code to record: a number, or the input's own (`failed`). */
  sip?: number | 'input';
  effects?: readonly RowEffect[];
}

const LIVE: readonly CallState[] = ['answered', 'on_hold'];
const UNANSWERED: readonly CallState[] = ['initiated', 'ringing'];
const WITH_AGENT: readonly AgentLegState[] = ['connected', 'on_hold'];
const OPEN_CONFERENCE: readonly ConferenceState[] = ['dialling', 'joined'];
const HANG_UP_LEG = { type: 'conference_leg', action: 'parent_ended' } as const;
/** A customer call the agent connected to its 3rd party and left (`connect`). */
const CONNECTED_CALL: Pattern = { role: 'agent', call: 'answered', agentLeg: 'ended', conference: 'connected' };
const TELL_PARENT_ENDED = { type: 'parent', input: 'conference_ended' } as const;

/** SIP 487 Request Terminated: the caller cancelled before an answer. */
export const SIP_CANCELLED = 487;
/** SIP 480 Temporarily Unavailable: nobody answered before the no-answer time. */
export const SIP_NO_ANSWER = 480;

/**
 * Inferred: how long a connected call (the agent left the customer with the 3rd party) may go on before the system
 * cuts it, as a PBX's absolute call timeout does — 2 h, the longest talk the callee model draws for a person.
 */
export const TRANSFER_LIMIT_MS = 7_200_000;

/** The whole machine. Order matters only between rows of the same input: the first match wins. */
export const TRANSITIONS: readonly Row[] = [
  // Network: the callee's side.
  { input: 'ringing', when: { call: 'initiated' }, set: { call: 'ringing' } },
  {
    input: 'answered',
    when: { role: 'agent', call: UNANSWERED, autoRecord: true },
    set: { call: 'answered', agentLeg: 'connected', recording: 'recording' },
    sip: 200,
  },
  {
    input: 'answered',
    when: { role: 'agent', call: UNANSWERED },
    set: { call: 'answered', agentLeg: 'connected' },
    sip: 200,
  },
  {
    input: 'answered',
    when: { role: 'conference_leg', call: UNANSWERED },
    set: { call: 'answered', agentLeg: 'connected' },
    sip: 200,
    effects: [{ type: 'parent', input: 'conference_answered' }],
  },
  { input: 'answered', when: { role: 'system', call: UNANSWERED }, set: { call: 'answered' }, sip: 200 },
  {
    input: 'failed',
    when: { role: 'agent', call: UNANSWERED },
    set: { call: 'ended', agentLeg: 'ended' },
    sip: 'input',
  },
  {
    input: 'failed',
    when: { role: 'conference_leg', call: UNANSWERED },
    set: { call: 'ended' },
    sip: 'input',
    effects: [TELL_PARENT_ENDED],
  },
  { input: 'failed', when: { role: 'system', call: UNANSWERED }, set: { call: 'ended' }, sip: 'input' },
  {
    input: 'no_answer_timeout',
    when: { role: 'agent', call: UNANSWERED },
    set: { call: 'ended', agentLeg: 'ended' },
    sip: SIP_NO_ANSWER,
  },
  {
    input: 'no_answer_timeout',
    when: { role: 'conference_leg', call: UNANSWERED },
    set: { call: 'ended' },
    sip: SIP_NO_ANSWER,
    effects: [TELL_PARENT_ENDED],
  },
  {
    input: 'no_answer_timeout',
    when: { role: 'system', call: UNANSWERED },
    set: { call: 'ended' },
    sip: SIP_NO_ANSWER,
  },
  {
    input: 'callee_hangup',
    when: { role: 'agent', call: LIVE, agentLeg: WITH_AGENT, conference: OPEN_CONFERENCE },
    set: { call: 'ended', agentLeg: 'ended', conference: 'none' },
    effects: [HANG_UP_LEG],
  },
  {
    input: 'callee_hangup',
    when: { role: 'agent', call: LIVE, agentLeg: WITH_AGENT, conference: 'none' },
    set: { call: 'ended', agentLeg: 'ended' },
  },
  {
    // After `connect` the customer talks to the 3rd party alone; the customer leaving ends that too.
    input: 'callee_hangup',
    when: CONNECTED_CALL,
    set: { call: 'ended', conference: 'none' },
    effects: [HANG_UP_LEG],
  },
  {
    input: 'callee_hangup',
    when: { role: 'conference_leg', call: 'answered', agentLeg: 'connected' },
    set: { call: 'ended', agentLeg: 'ended' },
    effects: [TELL_PARENT_ENDED],
  },
  {
    input: 'callee_hangup',
    when: { role: 'conference_leg', call: 'answered', agentLeg: 'ended' },
    set: { call: 'ended' },
    effects: [TELL_PARENT_ENDED],
  },
  { input: 'callee_hangup', when: { role: 'system', call: LIVE }, set: { call: 'ended' } },

  // Agent commands.
  {
    input: 'hold',
    when: { role: 'agent', call: 'answered', agentLeg: 'connected' },
    set: { call: 'on_hold', agentLeg: 'on_hold' },
  },
  {
    input: 'retrieve',
    when: { role: 'agent', call: 'on_hold', agentLeg: 'on_hold' },
    set: { call: 'answered', agentLeg: 'connected' },
  },
  {
    input: 'hangup',
    when: { role: 'agent', call: UNANSWERED },
    set: { call: 'ended', agentLeg: 'ended' },
    sip: SIP_CANCELLED,
  },
  {
    input: 'hangup',
    when: { role: 'agent', call: LIVE, agentLeg: WITH_AGENT, conference: OPEN_CONFERENCE },
    set: { call: 'ended', agentLeg: 'ended', conference: 'none' },
    effects: [HANG_UP_LEG],
  },
  {
    input: 'hangup',
    when: { role: 'agent', call: LIVE, agentLeg: WITH_AGENT, conference: 'none' },
    set: { call: 'ended', agentLeg: 'ended' },
  },
  {
    // Inferred: the call is still the agent's after `connect`: hanging it up cuts both parties off.
    input: 'hangup',
    when: CONNECTED_CALL,
    set: { call: 'ended', conference: 'none' },
    effects: [HANG_UP_LEG],
  },
  {
    // Hanging up the leg's own call_id cancels the conference (B.5).
    input: 'hangup',
    when: { role: 'conference_leg', call: UNANSWERED },
    set: { call: 'ended' },
    sip: SIP_CANCELLED,
    effects: [TELL_PARENT_ENDED],
  },
  {
    input: 'hangup',
    when: { role: 'conference_leg', call: 'answered', agentLeg: 'connected' },
    set: { call: 'ended', agentLeg: 'ended' },
    effects: [TELL_PARENT_ENDED],
  },
  {
    // Inferred: the 3rd party's leg after `connect`, hung up: the customer it talked to is cut off too.
    input: 'hangup',
    when: { role: 'conference_leg', call: 'answered', agentLeg: 'ended', conference: 'connected' },
    set: { call: 'ended' },
    effects: [TELL_PARENT_ENDED],
  },
  { input: 'dispose', when: { role: 'agent', agentLeg: 'ended', wrap: 'wrap_up' }, set: { wrap: 'disposed' } },
  {
    input: 'recording_start',
    when: { role: 'agent', agentLeg: WITH_AGENT, recording: 'off' },
    set: { recording: 'recording' },
  },
  {
    input: 'recording_pause',
    when: { role: 'agent', agentLeg: WITH_AGENT, recording: 'recording' },
    set: { recording: 'paused' },
  },
  {
    input: 'recording_resume',
    when: { role: 'agent', agentLeg: WITH_AGENT, recording: 'paused' },
    set: { recording: 'recording' },
  },
  {
    input: 'recording_stop',
    when: { role: 'agent', agentLeg: WITH_AGENT, recording: ['recording', 'paused'] },
    set: { recording: 'stopped' },
  },
  {
    input: 'conference',
    when: { role: 'agent', call: LIVE, agentLeg: WITH_AGENT, conference: 'none' },
    set: { conference: 'dialling' },
    effects: [{ type: 'conference_leg', action: 'dial' }],
  },
  {
    // The agent leaves; a held customer is taken off hold to talk to the 3rd party.
    input: 'connect',
    when: { role: 'agent', call: LIVE, agentLeg: WITH_AGENT, conference: 'joined' },
    set: { call: 'answered', agentLeg: 'ended', conference: 'connected' },
    effects: [{ type: 'conference_leg', action: 'agent_left' }],
  },

  // System events.
  { input: 'wrap_up_timeout', when: { role: 'agent', wrap: 'wrap_up' }, set: { wrap: 'timed_out' } },
  {
    input: 'route_to_agent',
    when: { role: 'system', call: 'answered', autoRecord: true },
    set: { role: 'agent', agentLeg: 'connected', recording: 'recording' },
    effects: [{ type: 'agent_state', to: 'on_call', reason: 'call_routed' }],
  },
  {
    input: 'route_to_agent',
    when: { role: 'system', call: 'answered' },
    set: { role: 'agent', agentLeg: 'connected' },
    effects: [{ type: 'agent_state', to: 'on_call', reason: 'call_routed' }],
  },
  {
    input: 'conference_answered',
    when: { role: 'agent', call: LIVE, conference: 'dialling' },
    set: { conference: 'joined' },
  },
  {
    input: 'conference_ended',
    when: { role: 'agent', call: LIVE, conference: OPEN_CONFERENCE },
    set: { conference: 'none' },
  },
  {
    // The 3rd party left a connected call: nobody is left with the customer.
    input: 'conference_ended',
    when: { role: 'agent', call: 'answered', conference: 'connected' },
    set: { call: 'ended', conference: 'none' },
  },
  {
    // On a leg, `conference: connected` records that the agent handed the customer over to it.
    input: 'agent_left',
    when: { role: 'conference_leg', call: 'answered', agentLeg: 'connected' },
    set: { agentLeg: 'ended', conference: 'connected' },
  },
  {
    input: 'parent_ended',
    when: { role: 'conference_leg', call: UNANSWERED },
    set: { call: 'ended' },
    sip: SIP_CANCELLED,
  },
  {
    input: 'parent_ended',
    when: { role: 'conference_leg', call: 'answered', agentLeg: 'connected' },
    set: { call: 'ended', agentLeg: 'ended' },
  },
  { input: 'parent_ended', when: { role: 'conference_leg', call: 'answered' }, set: { call: 'ended' } },
  // The system ends a call no agent has (dialler and shotgun): before the answer it cancels
  // the dial (a losing shotgun leg: SIP 487); after it, it drops the callee (no agent within 2 s →
  // `DROP`; a machine detected with AMD → `A`). The disposition follows from the record (call-disposition.ts).
  {
    input: 'system_hangup',
    when: { role: 'system', call: UNANSWERED },
    set: { call: 'ended' },
    sip: SIP_CANCELLED,
  },
  { input: 'system_hangup', when: { role: 'system', call: LIVE }, set: { call: 'ended' } },
  { input: 'transfer_limit', when: CONNECTED_CALL, set: { call: 'ended', conference: 'none' }, effects: [HANG_UP_LEG] },
];

/** Why each input may be refused: completes the `INVALID_STATE` detail. */
const NEEDS: Record<CallInputType, string> = {
  ringing: 'the call must be dialling',
  answered: 'the call must be dialling or ringing',
  callee_hangup: 'the callee must be on an answered call',
  failed: 'the call must be dialling or ringing',
  no_answer_timeout: 'the call must be dialling or ringing',
  hold: 'hold needs an answered call the agent is connected to',
  retrieve: 'retrieve needs a call on hold',
  hangup:
    'hangup needs a call that has not ended and that the agent is still on, or that the agent connected to a 3rd party',
  dispose: 'dispose is allowed once the agent’s part has ended, once per call',
  recording_start: 'recording can start once, while the agent is on an answered call',
  recording_stop: 'stop needs a recording that is running or paused, while the agent is on the call',
  recording_pause: 'pause needs a running recording, while the agent is on the call',
  recording_resume: 'resume needs a paused recording, while the agent is on the call',
  conference: 'conference needs an answered call the agent is on, with no other conference leg',
  connect: 'connect needs a conference leg that has answered, while the agent is on the call',
  wrap_up_timeout: 'the agent must be in wrap-up',
  route_to_agent: 'only an answered call with no agent can be routed to one',
  conference_answered: 'the call must be live with a conference leg dialling',
  conference_ended: 'the call must be live with a conference leg',
  agent_left: 'the conference leg must be answered with the agent on it',
  parent_ended: 'the conference leg must not have ended',
  system_hangup: 'only a call no agent has, not yet ended, can be ended by the system',
  transfer_limit: 'only a call the agent connected to a 3rd party, not yet ended, is cut at the limit',
};

/** The state as the API names it, for `INVALID_STATE` details. */
export function describeCallState(s: CallMachineState): string {
  const role = s.role === 'agent' ? '' : s.role === 'system' ? ' (no agent)' : ' (conference leg)';
  return (
    `call_state ${s.call}, agent_leg_state ${s.agentLeg}, recording_state ${s.recording}, ` +
    `wrap-up ${s.wrap}, conference ${s.conference}${role}`
  );
}

function matches(state: CallMachineState, when: Pattern): boolean {
  for (const key of Object.keys(when) as (keyof CallMachineState)[]) {
    const want = when[key];
    const have = state[key];
    if (Array.isArray(want) ? !want.includes(have) : want !== have) return false;
  }
  return true;
}

function inputLabel(type: CallInputType): string {
  return type.startsWith('recording_') ? `recording ${type.slice('recording_'.length)}` : type.replaceAll('_', ' ');
}

/** The state of a call just placed (or, for `system`, just received by the system). */
export function initialCallState(role: CallRole, autoRecord = false): CallMachineState {
  return { role, call: 'initiated', agentLeg: 'none', recording: 'off', wrap: 'none', conference: 'none', autoRecord };
}

/**
 * Starts a call: the first `call_state`, the dial's timers, and (an agent's call) the agent on the
 * call at once (B.4).
 */
export function startCall(role: CallRole, autoRecord = false): { state: CallMachineState; effects: CallEffect[] } {
  const effects: CallEffect[] = [
    { type: 'timeline', event: 'initiated' },
    { type: 'call_state', from: '', to: 'initiated' },
    { type: 'set_timer', timer: 'network' },
    { type: 'set_timer', timer: 'no_answer' },
  ];
  if (role === 'agent') effects.push({ type: 'agent_state', to: 'on_call', reason: 'call_start' });
  return { state: initialCallState(role, autoRecord), effects };
}

/** Applies one input. A refused input leaves the state as it was. */
export function transition(state: CallMachineState, input: CallInput): TransitionResult {
  const row = TRANSITIONS.find((r) => r.input === input.type && matches(state, r.when));
  if (!row) {
    const detail = `${inputLabel(input.type)} is not allowed in this state (${describeCallState(state)}): ${NEEDS[input.type]}`;
    return { ok: false, code: 'INVALID_STATE', detail, error: DomainError.invalidState(detail) };
  }
  const next: CallMachineState = { ...state, ...row.set };
  const effects: CallEffect[] = [];
  if (row.sip !== undefined)
    effects.push({ type: 'sip_code', code: row.sip === 'input' ? (input as { sipCode: number }).sipCode : row.sip });
  const derived = consequences(state, next, input.type);
  effects.push(...derived.effects);
  const rowEffects = row.effects ?? [];
  // The agent is put on the call before anything else is said about it.
  const agentFirst = rowEffects.filter((e) => e.type === 'agent_state');
  const links = rowEffects.filter((e) => e.type !== 'agent_state');
  const cdrAt = effects.findIndex((e) => e.type === 'cdr');
  const ordered = cdrAt < 0 ? [...effects, ...links] : [...effects.slice(0, cdrAt), ...links, ...effects.slice(cdrAt)];
  return { ok: true, state: derived.state, effects: [...agentFirst, ...ordered] };
}

/** Like `transition`, but throws the `DomainError` (409 INVALID_STATE) for the HTTP layer. */
export function applyCallInput(
  state: CallMachineState,
  input: CallInput,
): { state: CallMachineState; effects: CallEffect[] } {
  const result = transition(state, input);
  if (!result.ok) throw result.error;
  return { state: result.state, effects: result.effects };
}

/** Inputs that come from the callee's scheduled events: the last of them needs no cancelling. */
const FROM_CALLEE: ReadonlySet<CallInputType> = new Set(['ringing', 'answered', 'callee_hangup', 'failed']);

/** Whether the call's one CDR is due (B.5): an agent's call once ended and wrapped up; others once ended. */
export function isCallComplete(s: CallMachineState): boolean {
  if (s.call !== 'ended') return false;
  return s.role !== 'agent' || s.wrap === 'disposed' || s.wrap === 'timed_out';
}

/**
 * What follows from a change, the same whatever caused it: timeline marks, the `call_state` and
 * `recording` notifications, timers, the agent's wrap-up, the CDR. Returns the final state (the
 * recording stops and wrap-up starts by themselves when the agent's part ends).
 */
function consequences(
  prev: CallMachineState,
  changed: CallMachineState,
  input: CallInputType,
): { state: CallMachineState; effects: CallEffect[] } {
  const next = { ...changed };
  const agentLegEnded = prev.agentLeg !== 'ended' && next.agentLeg === 'ended';
  if (agentLegEnded) {
    if (next.recording === 'recording' || next.recording === 'paused') next.recording = 'stopped';
    if (next.role === 'agent') next.wrap = 'wrap_up';
  }

  const timeline: TimelineEvent[] = [];
  if (prev.call !== next.call) {
    if (next.call === 'ringing') timeline.push('ringing');
    if (next.call === 'answered' && UNANSWERED.includes(prev.call)) timeline.push('answered');
    if (next.call === 'on_hold') timeline.push('hold');
    if (next.call === 'answered' && prev.call === 'on_hold') timeline.push('retrieve');
  }
  if (prev.agentLeg === 'none' && next.agentLeg === 'connected') timeline.push('agent_connected');
  // A hold still open when the agent's part ends closes there (hangup while holding).
  if (prev.call === 'on_hold' && next.call === 'ended') timeline.push('retrieve');
  if (agentLegEnded) timeline.push('agent_leg_ended');
  if (prev.call !== 'ended' && next.call === 'ended') timeline.push('ended');
  if (prev.wrap === 'wrap_up' && (next.wrap === 'disposed' || next.wrap === 'timed_out')) timeline.push('wrap_ended');

  const effects: CallEffect[] = timeline.map((event) => ({ type: 'timeline', event }));
  if (prev.call !== next.call) effects.push({ type: 'call_state', from: prev.call, to: next.call });
  if (prev.recording !== next.recording) effects.push({ type: 'recording', to: next.recording });

  const leftUnanswered = UNANSWERED.includes(prev.call) && !UNANSWERED.includes(next.call);
  if (leftUnanswered && input !== 'no_answer_timeout') effects.push({ type: 'cancel_timer', timer: 'no_answer' });
  if (prev.call !== 'ended' && next.call === 'ended' && !FROM_CALLEE.has(input))
    effects.push({ type: 'cancel_timer', timer: 'network' });
  if (prev.wrap === 'wrap_up' && next.wrap === 'disposed') effects.push({ type: 'cancel_timer', timer: 'wrap_up' });

  if (prev.wrap !== 'wrap_up' && next.wrap === 'wrap_up') {
    effects.push({ type: 'set_timer', timer: 'wrap_up' });
    effects.push({ type: 'agent_state', to: 'wrap_up', reason: 'call_end' });
  }
  if (prev.wrap === 'wrap_up' && next.wrap !== 'wrap_up')
    effects.push({
      type: 'agent_state',
      to: 'released',
      reason: next.wrap === 'disposed' ? 'disposed' : 'wrap_up_timeout',
    });

  // A connected call's limit runs from `connect` until the call ends (the limit itself needs no cancelling).
  if (next.role === 'agent' && prev.conference !== 'connected' && next.conference === 'connected')
    effects.push({ type: 'set_timer', timer: 'transfer' });
  const transferOver = prev.conference === 'connected' && next.conference !== 'connected';
  if (next.role === 'agent' && transferOver && input !== 'transfer_limit')
    effects.push({ type: 'cancel_timer', timer: 'transfer' });

  if (!isCallComplete(prev) && isCallComplete(next)) effects.push({ type: 'cdr' });
  return { state: next, effects };
}
