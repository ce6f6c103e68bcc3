import { check, step } from '../dsl/builders.js';
import { defineScenario } from '../dsl/define-scenario.js';
import { m } from '../dsl/matchers.js';

/** Click-2-Dial to B.10's no-answer number (0800555003): the call ends with SIP 480, the agent wraps up and disposes. */
export const failureNoAnswer = defineScenario({
  name: 'failure: no answer',
  description:
    'A click-2-dial call to 0800555003 (no-answer): ended with SIP 480; the CDR carries it after the agent disposes.',
  given: {
    agents: [{ as: 'a1' }],
    campaigns: [{ as: 'c2d', fields: { campaign_name: 'Scenario click-2-dial', campaign_type: 3 } }],
  },
  steps: [
    step.online('a1', 'c2d'),
    step.dial('a1', 'call', '0800555003'),
    step.advance(26_000),
    step.dispose('a1', 'call', 'NI'),
  ],
  expect: [
    check.notifications(
      'set',
      [
        { type: 'call_state', fields: { call_state: 'ended', sip_code: 480 } },
        { type: 'cdr', fields: { sip_code: 480 } },
      ],
      { fields: { call_id: m.ref('call') } },
    ),
    check.call('a1', 'call', { call_state: 'ended' }),
    check.cdr('call', { sip_code: 480, dispostion_code: 'NI', user_id: m.ref('a1'), talk_time: 0 }),
    check.agent('a1', { agent_state: m.oneOf('ready', 'paused') }),
  ],
});
