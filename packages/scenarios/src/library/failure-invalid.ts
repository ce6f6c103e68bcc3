import { check, step } from '../dsl/builders.js';
import { defineScenario } from '../dsl/define-scenario.js';
import { m } from '../dsl/matchers.js';

/** Click-2-Dial to B.10's invalid number (0800555005): the call ends with SIP 404, the agent wraps up and disposes. */
export const failureInvalid = defineScenario({
  name: 'failure: invalid number',
  description:
    'A click-2-dial call to 0800555005 (invalid): ended with SIP 404; the CDR carries it after the agent disposes.',
  given: {
    agents: [{ as: 'a1' }],
    campaigns: [{ as: 'c2d', fields: { campaign_name: 'Scenario click-2-dial', campaign_type: 3 } }],
  },
  steps: [
    step.online('a1', 'c2d'),
    step.dial('a1', 'call', '0800555005'),
    step.advance(2_000),
    step.dispose('a1', 'call', 'NI'),
  ],
  expect: [
    check.notifications(
      'set',
      [
        { type: 'call_state', fields: { call_state: 'ended', sip_code: 404 } },
        { type: 'cdr', fields: { sip_code: 404 } },
      ],
      { fields: { call_id: m.ref('call') } },
    ),
    check.call('a1', 'call', { call_state: 'ended' }),
    check.cdr('call', { sip_code: 404, dispostion_code: 'NI', user_id: m.ref('a1'), talk_time: 0 }),
    check.agent('a1', { agent_state: m.oneOf('ready', 'paused') }),
  ],
});
