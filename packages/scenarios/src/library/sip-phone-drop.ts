import { check, step, testNumber } from '../dsl/builders.js';
import { defineScenario } from '../dsl/define-scenario.js';
import { m } from '../dsl/matchers.js';

/** The agent's SIP phone goes away mid-call: the call is hung up and the agent logged out (phone_dropped). */
export const sipPhoneDrop = defineScenario({
  name: 'SIP phone drop mid-call',
  description: 'An agent registered over SIP (OmniPhone) is on an answered call when the phone un-registers.',
  given: {
    agents: [{ as: 'a1', phone: 'sip' }],
    campaigns: [{ as: 'c2d', fields: { campaign_name: 'Scenario click-2-dial', campaign_type: 3, wrapup_seconds: 5 } }],
  },
  steps: [
    step.online('a1', 'c2d'),
    step.dial('a1', 'call', testNumber(0)),
    step.advance(1_500),
    step.waitFor('call_state', { call_id: m.ref('call'), call_state: 'answered' }),
    step.dropPhone('a1'),
    // The call ends at once; the agent is logged out when its wrap-up (5 s) ends.
    step.advance(6_000),
    step.waitFor('agent_state', { agent_state: 'logged_out' }, 5_000),
  ],
  expect: [
    check.notifications(
      'set',
      [
        { type: 'agent_state', fields: { agent_state: 'on_call' } },
        { type: 'agent_state', fields: { agent_state: 'logged_out', reason: 'phone_dropped' } },
      ],
      { types: ['agent_state'] },
    ),
    check.call('a1', 'call', { call_state: 'ended' }),
    check.agent('a1', { agent_state: 'logged_out', registered: false }),
  ],
});
