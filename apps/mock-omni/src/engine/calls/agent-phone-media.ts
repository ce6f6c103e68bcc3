/**
 * What the agent's phone carries for the call the agent is on: one rule read by the hold re-INVITEs (the call
 * service) and by the bridge leg's audio (the SIP phones), so that the phone's media direction, the call's
 * `call_state` and `agent_leg_state` never disagree.
 *
 * @module
 */

import type { CallMachineState, ConferenceState } from './call-machine.js';

/**
 * - `held`: the agent has nobody to talk to — the customer is on hold and no 3rd party is being called or on the line;
 *   the phone is put on hold (re-INVITE sendonly).
 * - `talking`: someone is on the line with the agent — the customer (answered, the agent connected) or a 3rd party
 *   who answered the agent's conference while the agent is still on the call (customer parked or not).
 * - `idle`: neither (dialling, the 3rd party still ringing while the customer waits, the agent's part over): the
 *   phone is not held, and no one speaks.
 */
export type AgentPhoneMedia = 'held' | 'talking' | 'idle';

/** A 3rd-party leg the agent is on: being dialled, or answered and not handed over yet. */
const CONFERENCE_OPEN: readonly ConferenceState[] = ['dialling', 'joined'];

/**
 * Inferred: hold during a conference parks the customer only (VICIdial's "park customer", which Omni's call control
 * sits on): the customer call goes `on_hold`, the 3rd party's leg stays answered and the agent keeps talking to the
 * 3rd party — a consultation. So the phone is held only while the customer is held and no 3rd party is on; the same
 * hold becomes a phone hold when the 3rd party leaves, and stops being one when the agent dials a 3rd party.
 *
 * @example
 * agentPhoneMedia({ ...state, call: 'on_hold', agentLeg: 'on_hold', conference: 'joined' }); // 'talking'
 */
export function agentPhoneMedia(m: CallMachineState): AgentPhoneMedia {
  if (m.role !== 'agent') return 'idle';
  const withAgent = m.agentLeg === 'connected' || m.agentLeg === 'on_hold';
  if (withAgent && m.conference === 'joined') return 'talking';
  if (m.agentLeg === 'on_hold') return CONFERENCE_OPEN.includes(m.conference) ? 'idle' : 'held';
  return m.call === 'answered' && m.agentLeg === 'connected' ? 'talking' : 'idle';
}
