import { check, step } from '../dsl/builders.js';
import { defineScenario } from '../dsl/define-scenario.js';
import { m } from '../dsl/matchers.js';

/** A predictive campaign's working day: three agents, 400 leads, 8 simulated hours, drops under target. */
export const predictiveDay = defineScenario({
  name: 'predictive day under the drop target',
  description:
    'Progressive with 3 lines per agent and a 3% drop target; after 8 simulated hours the drop rate stays under it.',
  given: {
    agents: [{ as: 'a1' }, { as: 'a2' }, { as: 'a3' }],
    campaigns: [
      {
        as: 'pred',
        fields: {
          campaign_name: 'Scenario predictive',
          campaign_type: 1,
          max_lines: 3,
          target_drop_percentage: 3,
          wrapup_seconds: 10,
          no_answer_seconds: 20,
        },
      },
    ],
    lists: [{ as: 'list', list_name: 'Scenario predictive leads', campaign: 'pred' }],
    leadBatches: [{ list: 'list', count: 400, prefix: '0872' }],
    calleeRules: [
      {
        prefix: '0872',
        distribution: [
          {
            weight: 35,
            outcome: 'answer',
            ring_ms: { min_ms: 3_000, max_ms: 15_000 },
            talk_ms: { min_ms: 60_000, max_ms: 240_000 },
          },
          { weight: 35, outcome: 'no_answer' },
          { weight: 20, outcome: 'busy' },
          { weight: 10, outcome: 'machine', ring_ms: 6_000, talk_ms: 20_000 },
        ],
      },
    ],
  },
  steps: [step.online('a1', 'pred'), step.online('a2', 'pred'), step.online('a3', 'pred'), step.advanceHours(8)],
  expect: [
    check.campaignStats('pred', {
      dials: m.gte(300),
      connects: m.gte(100),
      drop_rate: m.lte(3),
      handled: m.gte(100),
    }),
    check.notificationCount('cdr', { min: 100 }, { campaign_id: m.ref('pred') }),
  ],
});
