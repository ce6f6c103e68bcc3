import { check, defineScenario, step, testNumber } from '@omnikit/scenarios';

export const answered = defineScenario({
  name: 'answered',
  given: {
    agents: [{ as: 'a1' }],
    campaigns: [{ as: 'c2d', fields: { campaign_name: 'Click-2-dial', campaign_type: 3 } }],
  },
  steps: [step.online('a1', 'c2d'), step.dial('a1', 'call', testNumber(0)), step.advance(1_500)],
  expect: [check.call('a1', 'call', { call_state: 'answered' })],
});
