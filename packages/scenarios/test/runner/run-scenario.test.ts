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

describe('runScenario on Ctrl-C', () => {
  const mock = useInprocTarget();

  it('abandons the step under way and reports the scenario not run (interrupted), not failed', async () => {
    const waits = defineScenario({
      name: 'waits for a hold that never comes',
      given: {
        agents: [{ as: 'a1' }],
        campaigns: [{ as: 'c', fields: { campaign_name: 'Waits', campaign_type: 3 } }],
      },
      steps: [
        step.online('a1', 'c'),
        step.dial('a1', 'call', testNumber(0)),
        step.advance(1_500),
        step.waitFor('call_state', { call_id: m.ref('call'), call_state: 'on_hold' }, 60_000),
      ],
      expect: [check.agent('a1', { agent_state: 'ready' })],
    });
    const stop = new AbortController();
    const started = Date.now();
    const result = await runScenario(waits, {
      ...mock,
      signal: stop.signal,
      onProgress: (line) => {
        if (line.includes('step 7/7')) setTimeout(() => stop.abort(), 50);
      },
    });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(result).toMatchObject({
      status: 'not run',
      reason: 'the run was interrupted during step 7 (waitFor)',
      stepsRun: 6,
      steps: 7,
      expectationsHeld: 0,
    });
    expect(result.message).toBeUndefined();
    expect(result.failedAt).toBeUndefined();
  }, 30_000);
});
