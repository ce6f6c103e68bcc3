import { check, step } from '../dsl/builders.js';
import { defineScenario } from '../dsl/define-scenario.js';
import { m } from '../dsl/matchers.js';

/** Shotgun without AMD: a machine picks up at 5 s, a person at 8 s — the machine wins the race (the trap). */
export const shotgunMachineFirst = defineScenario({
  name: 'shotgun machine first, no detection',
  description:
    'Shotgun without AMD: a machine picks up at 5 s, a person at 8 s — the machine wins the race (the trap).',
  given: {
    agents: [{ as: 'a1' }],
    campaigns: [{ as: 'c2d', fields: { campaign_name: 'Scenario shotgun AMD', campaign_type: 3, amd_enabled: false } }],
    calleeRules: [
      { number: '0871000021', behaviour: { outcome: 'machine', ring_ms: 5_000, talk_ms: null } },
      { number: '0871000022', behaviour: { outcome: 'answer', ring_ms: 8_000, talk_ms: null } },
    ],
  },
  steps: [
    step.online('a1', 'c2d'),
    step.shotgun('a1', 'race', ['0871000021', '0871000022'], ['machineLeg', 'personLeg']),
    step.advance(9_000),
  ],
  expect: [
    check.shotgun('a1', 'race', { state: 'won', winner_call_id: m.ref('machineLeg') }),
    check.notificationCount(
      'shotgun_result',
      { min: 1, max: 1 },
      { state: 'won', winner_call_id: m.ref('machineLeg') },
    ),
    check.call('a1', 'machineLeg', { call_state: 'answered', agent_leg_state: 'connected' }),
  ],
});
