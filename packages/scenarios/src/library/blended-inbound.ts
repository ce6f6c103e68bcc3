import { check, step } from '../dsl/builders.js';
import { defineScenario } from '../dsl/define-scenario.js';
import { m } from '../dsl/matchers.js';

/** Blended: one agent, callers arriving faster than it can take them; some leave the queue (ABAND). */
export const blendedInbound = defineScenario({
  name: 'blended inbound with abandons',
  description:
    'A blended campaign on a DID, 40 callers an hour with a 30 s median patience, one agent: answers and abandons.',
  given: {
    agents: [{ as: 'a1' }],
    campaigns: [
      {
        as: 'blend',
        fields: {
          campaign_name: 'Scenario blended',
          campaign_type: 1,
          is_blended: true,
          inbound_dids: ['0861999001'],
          wrapup_seconds: 10,
        },
      },
    ],
  },
  steps: [
    step.online('a1', 'blend'),
    { do: 'arrivals', campaign: 'blend', calls_per_hour: 40, dids: ['0861999001'], patience_median_seconds: 30 },
    step.advanceHours(2),
  ],
  expect: [
    check.campaignStats('blend', { inbound_offered: m.gte(40), inbound_answered: m.gte(5), abandoned: m.gte(5) }),
    check.notificationCount(
      'inbound',
      { min: 5 },
      { campaign_id: m.ref('blend'), user_id: m.ref('a1'), DNIS: '0861999001' },
    ),
    check.notificationCount('cdr', { min: 5 }, { dispostion_code: 'ABAND', user_id: 0, call_direction: 'inbound' }),
  ],
});
