import { check, step } from '../dsl/builders.js';
import { defineScenario } from '../dsl/define-scenario.js';
import { m } from '../dsl/matchers.js';

/** Shotgun: busy, invalid and no answer — nobody answers, the race is lost and the agent is free again. */
export const shotgunLost = defineScenario({
  name: 'shotgun lost',
  description:
    'Every leg fails (busy, invalid, no answer until the no-answer time); state lost, no CDR, the agent is free.',
  given: {
    agents: [{ as: 'a1' }],
    campaigns: [{ as: 'c2d', fields: { campaign_name: 'Scenario shotgun', campaign_type: 3, no_answer_seconds: 20 } }],
    calleeRules: [
      { number: '0871000011', behaviour: { outcome: 'busy', ring_ms: 1_000 } },
      { number: '0871000012', behaviour: { outcome: 'invalid', ring_ms: 500 } },
      { number: '0871000013', behaviour: { outcome: 'no_answer' } },
    ],
  },
  steps: [
    step.online('a1', 'c2d'),
    step.shotgun('a1', 'race', ['0871000011', '0871000012', '0871000013'], ['l1', 'l2', 'l3']),
    step.advance(21_000),
  ],
  expect: [
    check.shotgun('a1', 'race', {
      state: 'lost',
      'legs.0.outcome': 'busy',
      'legs.1.outcome': 'invalid',
      'legs.2.outcome': 'no_answer',
    }),
    check.notificationCount('shotgun_result', { min: 1, max: 1 }, { state: 'lost' }),
    check.notificationCount('cdr', { max: 0 }),
    check.agent('a1', { agent_state: m.oneOf('ready', 'paused'), call_id: 0 }),
  ],
});
