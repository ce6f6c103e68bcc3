import { check, step, testNumber } from '../dsl/builders.js';
import { defineScenario } from '../dsl/define-scenario.js';
import { m } from '../dsl/matchers.js';

/** Call control: hold the customer 3 s, take them back; the CDR counts the hold apart from the talk. */
export const holdAndRetrieve = defineScenario({
  name: 'hold and retrieve',
  description: 'Answered call, 3 s on hold, retrieved, 2 s more talk, hangup, dispose: hold_time and talk_time apart.',
  given: {
    agents: [{ as: 'a1' }],
    campaigns: [{ as: 'c2d', fields: { campaign_name: 'Scenario click-2-dial', campaign_type: 3 } }],
  },
  steps: [
    step.online('a1', 'c2d'),
    step.dial('a1', 'call', testNumber(0)),
    step.advance(1_500),
    step.waitFor('call_state', { call_id: m.ref('call'), call_state: 'answered' }),
    step.hold('a1', 'call'),
    step.advance(3_000),
    step.retrieve('a1', 'call'),
    step.advance(2_000),
    step.hangup('a1', 'call'),
    step.dispose('a1', 'call', 'NI'),
  ],
  expect: [
    check.notifications(
      'set',
      [
        { type: 'call_state', fields: { call_state: 'answered', previous_state: m.not('on_hold') } },
        { type: 'call_state', fields: { call_state: 'on_hold', previous_state: 'answered' } },
        { type: 'call_state', fields: { call_state: 'answered', previous_state: 'on_hold' } },
        { type: 'call_state', fields: { call_state: 'ended', previous_state: 'answered' } },
      ],
      { types: ['call_state'], fields: { call_id: m.ref('call') } },
    ),
    check.cdr('call', {
      hold_time: m.between(2_900, 3_500),
      talk_time: m.between(2_400, 4_000),
      dispostion_code: 'NI',
    }),
  ],
});
