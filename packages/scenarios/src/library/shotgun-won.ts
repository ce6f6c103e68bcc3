import { check, step } from '../dsl/builders.js';
import { defineScenario } from '../dsl/define-scenario.js';
import { m } from '../dsl/matchers.js';

/** Shotgun: busy at 1 s, a person at 8 s, a person at 1 s — the fast person wins, the rest are dropped. */
export const shotgunWon = defineScenario({
  name: 'shotgun won',
  description:
    'Three legs race; the first to answer wins and is put through; the others send no CDR; one shotgun_result.',
  given: {
    agents: [{ as: 'a1' }],
    campaigns: [{ as: 'c2d', fields: { campaign_name: 'Scenario click-2-dial', campaign_type: 3 } }],
    calleeRules: [
      { number: '0871000001', behaviour: { outcome: 'busy', ring_ms: 1_000 } },
      { number: '0871000002', behaviour: { outcome: 'answer', ring_ms: 8_000, talk_ms: null } },
      { number: '0871000003', behaviour: { outcome: 'answer', ring_ms: 1_000, talk_ms: null } },
    ],
  },
  steps: [
    step.online('a1', 'c2d'),
    step.shotgun('a1', 'race', ['0871000001', '0871000002', '0871000003'], ['busyLeg', 'slowLeg', 'fastLeg']),
    step.advance(1_500),
    step.hangup('a1', 'fastLeg'),
    step.dispose('a1', 'fastLeg', 'SALE'),
  ],
  expect: [
    check.shotgun('a1', 'race', {
      state: 'won',
      winner_call_id: m.ref('fastLeg'),
      'legs.0.outcome': 'busy',
      'legs.1.outcome': 'cancelled',
    }),
    check.notificationCount('shotgun_result', { min: 1, max: 1 }, { state: 'won', winner_call_id: m.ref('fastLeg') }),
    check.cdr('fastLeg', { call_type: 4, dispostion_code: 'SALE', sip_code: 200 }),
    check.notificationCount('cdr', { max: 0 }, { call_id: m.ref('busyLeg') }),
    check.notificationCount('cdr', { max: 0 }, { call_id: m.ref('slowLeg') }),
  ],
});
