/**
 * An `agent_state` notification as one sentence an agent reads: the new state, the state before it
 * and Omni's reason code go through a table of known transitions (login, a pause with its code, a
 * call put through, wrap-up after the call, a disposition, the phone dropping…). A combination the
 * table does not know still reads as words, never as a bare code.
 *
 * @module
 */

import type { AgentState, AgentStatePayload } from '@omnikit/contracts';

type Facts = Pick<AgentStatePayload, 'agent_state' | 'previous_state' | 'reason' | 'pause_code'>;

/** The state as the end of "you are …". */
const STATE_WORDS: Record<AgentState, string> = {
  logged_out: 'logged out',
  paused: 'paused',
  ready: 'ready for calls',
  on_call: 'on a call',
  wrap_up: 'in wrap-up',
};

/** "paused (LUNCH)" when there is a pause code, else the state's words. */
function where(f: Facts): string {
  return f.agent_state === 'paused' && f.pause_code ? `paused (${f.pause_code})` : STATE_WORDS[f.agent_state];
}

interface Rule {
  /** Omni's reason code. */
  reason: string;
  /** The new state; any when absent. */
  state?: AgentState;
  /** The state before; any when absent. */
  previous?: AgentState;
  sentence(f: Facts): string;
}

/** First match wins: the narrower rules (a state and a previous state) come before the broad ones. */
export const AGENT_STATE_SENTENCES: readonly Rule[] = [
  { reason: 'login', sentence: (f) => `You logged in to the campaign and are ${where(f)}` },
  { reason: 'logout', sentence: () => 'You logged out of the campaign' },
  { reason: 'api', state: 'ready', sentence: () => 'You are ready for calls' },
  { reason: 'api', state: 'paused', sentence: (f) => `You are ${where(f)} at your request` },
  { reason: 'call_start', state: 'on_call', sentence: () => 'You are on the call you placed' },
  { reason: 'call_routed', state: 'on_call', sentence: () => 'A call was put through to you' },
  { reason: 'dialler_route', state: 'on_call', sentence: () => 'The dialler put a call through to you' },
  {
    reason: 'shotgun_start',
    state: 'on_call',
    sentence: () => 'Your shotgun race started: the first number that answers is yours',
  },
  { reason: 'call_end', state: 'wrap_up', sentence: () => 'You are in wrap-up after the call ended' },
  { reason: 'disposed', sentence: (f) => `You disposed the call and are ${where(f)}` },
  { reason: 'wrap_up_timeout', sentence: (f) => `Wrap-up time ran out: you are ${where(f)}` },
  { reason: 'shotgun_lost', sentence: (f) => `No one answered your shotgun race: you are ${where(f)}` },
  { reason: 'shotgun_cancelled', sentence: (f) => `Your shotgun race was cancelled: you are ${where(f)}` },
  {
    reason: 'phone_dropped',
    state: 'logged_out',
    sentence: () => 'Omni logged you out of the campaign because your phone’s bridge call dropped',
  },
  {
    reason: 'phone_dropped',
    sentence: (f) => `Your phone’s bridge call dropped: you are ${where(f)}`,
  },
  { reason: 'test', sentence: (f) => `Omni sent a test notification: you are ${where(f)}` },
];

/** Omni's reason code in words for the fallback: `wrap_up_timeout` → "wrap up timeout". */
function reasonWords(reason: string): string {
  return reason.replace(/[_-]+/g, ' ').trim() || 'no reason given';
}

/** The sentence for an `agent_state` notification. */
export function agentStateSentence(f: Facts): string {
  const rule = AGENT_STATE_SENTENCES.find(
    (r) =>
      r.reason === f.reason &&
      (r.state === undefined || r.state === f.agent_state) &&
      (r.previous === undefined || r.previous === f.previous_state),
  );
  if (rule) return rule.sentence(f);
  return `You are ${where(f)}; before, you were ${STATE_WORDS[f.previous_state]} (Omni’s reason: ${reasonWords(f.reason)})`;
}
