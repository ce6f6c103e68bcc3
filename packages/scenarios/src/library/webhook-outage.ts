import { check, step } from '../dsl/builders.js';
import { defineScenario } from '../dsl/define-scenario.js';
import { m } from '../dsl/matchers.js';

/** The CRM's webhook receiver is down for a while: Omni retries on its schedule, order holds, replay resends. */
export const webhookOutage = defineScenario({
  name: 'webhook receiver outage with retries and replay',
  description:
    'The receiver answers 503 during a call; retries at 10 s and 30 s fail then succeed; the call is replayed afterwards.',
  given: {
    agents: [{ as: 'a1' }],
    campaigns: [{ as: 'c2d', fields: { campaign_name: 'Scenario click-2-dial', campaign_type: 3 } }],
    calleeRules: [{ number: '0871000031', behaviour: { outcome: 'answer', ring_ms: 1_000, talk_ms: 10_000 } }],
  },
  steps: [
    step.online('a1', 'c2d'),
    step.receiverOutage(503),
    step.dial('a1', 'call', '0871000031'),
    step.advance(1_500),
    step.advance(12_000),
    step.receiverRecover(),
    step.dispose('a1', 'call', 'SALE'),
    step.advance(40_000),
    step.advance(60_000),
    step.waitFor('cdr', { call_id: m.ref('call') }),
    step.replayCall('call'),
    step.waitFor('cdr', { call_id: m.ref('call') }),
  ],
  expect: [
    check.notifications(
      'set',
      [
        { type: 'call_state', fields: { call_state: 'answered' } },
        { type: 'call_state', fields: { call_state: 'ended' } },
        { type: 'cdr', fields: { dispostion_code: 'SALE' } },
      ],
      { fields: { call_id: m.ref('call') } },
    ),
    // Whichever of the call's notifications went first met the outage: a call_state, or the agent's on_call when
    // Omni swaps a call's first two (notifications=swapped).
    check.deliveries(
      'call',
      'any',
      // Retried until delivered (B.7), or dead at once without retries (notifications=at-most-once): either way the
      // outage was seen, and the replay brings the call's notifications back.
      { state: m.oneOf('delivered', 'dead'), 'attempt_log.0.outcome': 'rejected', 'attempt_log.0.status': 503 },
      'some',
    ),
    check.deliveries('call', 'cdr', { state: 'delivered' }),
    check.notificationCount('cdr', { min: 2, duplicates: true }, { call_id: m.ref('call') }),
  ],
});
