import { check, step, testNumber } from '../dsl/builders.js';
import { defineScenario } from '../dsl/define-scenario.js';
import { m } from '../dsl/matchers.js';

/** Click-2-Dial, the happy path: log in, go ready, call, talk, hang up, dispose; the CDR follows. */
export const clickToDialHappyPath = defineScenario({
  name: 'click-2-dial happy path',
  description: 'An agent calls a number that answers, talks for 2 s, hangs up and disposes SALE; one CDR follows.',
  given: {
    agents: [{ as: 'a1' }],
    campaigns: [{ as: 'c2d', fields: { campaign_name: 'Scenario click-2-dial', campaign_type: 3 } }],
  },
  steps: [
    step.authorize('a1'),
    step.registerPhone('a1'),
    step.login('a1', 'c2d'),
    step.ready('a1'),
    step.dial('a1', 'call', testNumber(0), 'crm-42'),
    step.advance(1_500),
    step.waitFor('call_state', { call_id: m.ref('call'), call_state: 'answered' }),
    step.advance(2_000),
    step.hangup('a1', 'call'),
    step.dispose('a1', 'call', 'SALE', 'renewed'),
  ],
  expect: [
    check.notifications(
      'set',
      [
        { type: 'call_state', fields: { call_state: 'answered', sip_code: 200 } },
        { type: 'call_state', fields: { call_state: 'ended', previous_state: 'answered' } },
        { type: 'cdr', fields: { dispostion_code: 'SALE' } },
      ],
      { fields: { call_id: m.ref('call') } },
    ),
    check.cdr('call', {
      unique_id: 'crm-42',
      call_direction: 'outbound',
      call_type: 1,
      sip_code: 200,
      user_id: m.ref('a1'),
      campaign_id: m.ref('c2d'),
      talk_time: m.gte(1_900),
      hold_time: 0,
    }),
    check.call('a1', 'call', { call_state: 'ended', call_type: 1 }),
    check.agent('a1', { agent_state: m.oneOf('ready', 'paused'), call_id: 0 }),
  ],
});
