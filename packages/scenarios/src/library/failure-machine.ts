import { check, step } from '../dsl/builders.js';
import { defineScenario } from '../dsl/define-scenario.js';
import { m } from '../dsl/matchers.js';

/** Click-2-Dial to B.10's answering-machine number (0800555004): the call ends with SIP 200, the agent wraps up and disposes. */
export const failureMachine = defineScenario({
  name: 'failure: answering machine',
  description:
    'A click-2-dial call to 0800555004 (answering-machine): ended with SIP 200; the CDR carries it after the agent disposes.',
  given: {
    agents: [{ as: 'a1' }],
    campaigns: [{ as: 'c2d', fields: { campaign_name: 'Scenario click-2-dial', campaign_type: 3 } }],
  },
  steps: [
    step.online('a1', 'c2d'),
    step.dial('a1', 'call', '0800555004'),
    step.advance(6_000),
    step.hangup('a1', 'call'),
    step.dispose('a1', 'call', 'NI'),
  ],
  expect: [
    check.notifications(
      'set',
      [
        { type: 'call_state', fields: { call_state: 'ended', sip_code: 200 } },
        { type: 'cdr', fields: { sip_code: 200 } },
      ],
      { fields: { call_id: m.ref('call') } },
    ),
    check.call('a1', 'call', { call_state: 'ended' }),
    check.cdr('call', { sip_code: 200, dispostion_code: 'NI', user_id: m.ref('a1'), talk_time: m.gt(0) }),
    check.agent('a1', { agent_state: m.oneOf('ready', 'paused') }),
  ],
});
