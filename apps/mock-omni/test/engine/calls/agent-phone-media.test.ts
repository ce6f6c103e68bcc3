/**
 * What the agent's phone carries for each state of the agent's call, from a table written by hand (B.5 and the inferred
 * rule that a hold during a conference parks the customer only). A state is written `role call agent_leg conference`.
 *
 * @module
 */

import { describe, expect, it } from 'vitest';
import { agentPhoneMedia } from '../../../src/engine/calls/agent-phone-media.js';
import type { CallMachineState } from '../../../src/engine/calls/call-machine.js';

function st(text: string): CallMachineState {
  const [role, call, agentLeg, conference] = text.split(/\s+/);
  return { role, call, agentLeg, recording: 'off', wrap: 'none', conference, autoRecord: false } as CallMachineState;
}

const TABLE: Array<[string, 'held' | 'talking' | 'idle']> = [
  ['agent initiated none none', 'idle'],
  ['agent ringing none none', 'idle'],
  ['agent answered connected none', 'talking'],
  ['agent on_hold on_hold none', 'held'],
  // A 3rd party being dialled: the agent hears it ring (the customer on the line or parked).
  ['agent answered connected dialling', 'talking'],
  ['agent on_hold on_hold dialling', 'idle'],
  // The 3rd party answered: a 3-way call, or a consultation while the customer is parked.
  ['agent answered connected joined', 'talking'],
  ['agent on_hold on_hold joined', 'talking'],
  // The agent left (connect), hung up, or the call ended.
  ['agent answered ended connected', 'idle'],
  ['agent ended ended none', 'idle'],
  ['system answered none none', 'idle'],
  ['conference_leg answered connected none', 'idle'],
];

describe('agentPhoneMedia', () => {
  it.each(TABLE)('%s → %s', (state, want) => {
    expect(agentPhoneMedia(st(state))).toBe(want);
  });
});
