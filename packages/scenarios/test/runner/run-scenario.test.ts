import { describe, expect, it } from 'vitest';
import { check, step, testNumber } from '../../src/dsl/builders.js';
import { defineScenario } from '../../src/dsl/define-scenario.js';
import { m } from '../../src/dsl/matchers.js';
import { runScenario } from '../../src/runner/run-scenario.js';
import { useInprocTarget } from '../support/use-inproc-target.js';

describe('runScenario waits for deliveries', () => {
  const mock = useInprocTarget();

  it('counts the settle window from the last delivery while deliveries keep arriving', async () => {
    // Each attempt waits 150 ms of wall clock and a call's notifications go one at a time: its recording
    // notifications arrive well after a 300 ms window from the last step, but never 300 ms after the one before.
    const slow = defineScenario({
      name: 'slow deliveries',
      given: {
        agents: [{ as: 'a1' }],
        campaigns: [{ as: 'c', fields: { campaign_name: 'Slow', campaign_type: 3 } }],
      },
      webhookChaos: { delay_ms: 150 },
      steps: [
        step.online('a1', 'c'),
        step.dial('a1', 'call', testNumber(0)),
        step.advance(1_500),
        step.record('a1', 'call', 'start'),
        step.advance(1_000),
        step.record('a1', 'call', 'stop'),
        step.hangup('a1', 'call'),
      ],
      expect: [check.notificationCount('recording', { min: 2 }, { call_id: m.ref('call') })],
    });
    const started = Date.now();
    const result = await runScenario(slow, { ...mock, settleMs: 300 });
    expect(result.message).toBeUndefined();
    expect(result.status).toBe('passed');
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 30_000);
});
