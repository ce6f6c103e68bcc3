import { check, step, testNumber } from '../dsl/builders.js';
import { defineScenario } from '../dsl/define-scenario.js';
import { m } from '../dsl/matchers.js';

/** Conference a 3rd party, then connect: the customer and the 3rd party talk on, the agent wraps up. */
export const conferenceAndConnect = defineScenario({
  name: 'conference and connect',
  description:
    'The agent conferences a 3rd party into an answered call and connects them; the agent leaves, wraps up and disposes XFER while the two talk on.',
  given: {
    agents: [{ as: 'a1' }],
    campaigns: [{ as: 'c2d', fields: { campaign_name: 'Scenario click-2-dial', campaign_type: 3 } }],
  },
  steps: [
    step.online('a1', 'c2d'),
    step.dial('a1', 'call', testNumber(0)),
    step.advance(1_500),
    step.waitFor('call_state', { call_id: m.ref('call'), call_state: 'answered' }),
    step.conference('a1', 'call', 'third', testNumber(1)),
    step.advance(1_500),
    step.waitFor('call_state', { call_id: m.ref('third'), call_state: 'answered' }),
    step.connect('a1', 'call'),
    step.dispose('a1', 'call', 'XFER'),
  ],
  expect: [
    check.call('a1', 'call', { call_state: 'answered', agent_leg_state: 'ended' }),
    check.call('a1', 'third', { call_type: 5, call_state: 'answered' }),
    check.agent('a1', { agent_state: m.oneOf('ready', 'paused'), call_id: 0 }),
    check.notifications(
      'set',
      [
        { type: 'agent_state', fields: { agent_state: 'on_call' } },
        { type: 'agent_state', fields: { agent_state: 'wrap_up', previous_state: 'on_call' } },
        { type: 'agent_state', fields: { agent_state: m.oneOf('ready', 'paused'), previous_state: 'wrap_up' } },
      ],
      { types: ['agent_state'] },
    ),
  ],
});
