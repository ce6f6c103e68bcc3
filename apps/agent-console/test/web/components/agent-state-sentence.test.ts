import type { AgentState } from '@omnikit/contracts';
import { describe, expect, it } from 'vitest';
import { AGENT_STATE_SENTENCES, agentStateSentence } from '../../../src/web/components/agent-state-sentence.js';

const say = (agent_state: AgentState, previous_state: AgentState, reason: string, pause_code = '') =>
  agentStateSentence({ agent_state, previous_state, reason, pause_code });

describe('agent-state reasons as sentences', () => {
  it('reads each transition Omni reports as a sentence', () => {
    const cases: [string, string][] = [
      [say('paused', 'logged_out', 'login'), 'You logged in to the campaign and are paused'],
      [say('ready', 'paused', 'api'), 'You are ready for calls'],
      [say('paused', 'ready', 'api', 'LUNCH'), 'You are paused (LUNCH) at your request'],
      [say('paused', 'ready', 'api'), 'You are paused at your request'],
      [say('on_call', 'ready', 'call_start'), 'You are on the call you placed'],
      [say('on_call', 'ready', 'call_routed'), 'A call was put through to you'],
      [say('on_call', 'ready', 'dialler_route'), 'The dialler put a call through to you'],
      [say('on_call', 'ready', 'shotgun_start'), 'Your shotgun race started: the first number that answers is yours'],
      [say('wrap_up', 'on_call', 'call_end'), 'You are in wrap-up after the call ended'],
      [say('ready', 'wrap_up', 'disposed'), 'You disposed the call and are ready for calls'],
      [say('paused', 'wrap_up', 'disposed', 'BREAK'), 'You disposed the call and are paused (BREAK)'],
      [say('ready', 'wrap_up', 'wrap_up_timeout'), 'Wrap-up time ran out: you are ready for calls'],
      [say('ready', 'on_call', 'shotgun_lost'), 'No one answered your shotgun race: you are ready for calls'],
      [say('paused', 'on_call', 'shotgun_cancelled'), 'Your shotgun race was cancelled: you are paused'],
      [
        say('logged_out', 'ready', 'phone_dropped'),
        'Omni logged you out of the campaign because your phone’s bridge call dropped',
      ],
      [say('logged_out', 'paused', 'logout'), 'You logged out of the campaign'],
    ];
    for (const [got, want] of cases) expect(got).toBe(want);
  });

  it('never shows a bare code: an unknown reason still reads as words', () => {
    const text = say('ready', 'paused', 'supervisor_forced');
    expect(text).toBe('You are ready for calls; before, you were paused (Omni’s reason: supervisor forced)');
    expect(say('paused', 'ready', '')).toMatch(/no reason given/);
  });

  it('no sentence in the table leaks an underscore code', () => {
    for (const rule of AGENT_STATE_SENTENCES) {
      const text = rule.sentence({
        agent_state: rule.state ?? 'paused',
        previous_state: rule.previous ?? 'ready',
        reason: rule.reason,
        pause_code: '',
      });
      expect(text).not.toMatch(/_/);
      expect(text).toMatch(/^[A-Z]/);
    }
  });
});
