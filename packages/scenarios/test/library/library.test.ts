import { describe, expect, it } from 'vitest';
import { library } from '../../src/library/index.js';
import { runScenario } from '../../src/runner/run-scenario.js';
import { useInprocTarget } from '../support/use-inproc-target.js';

/** The whole library against the in-process mock: every scenario passes, every step and expectation counted. */
describe('the scenario library on the in-process mock', () => {
  const mock = useInprocTarget();

  it('has at least 12 scenarios with distinct names', () => {
    expect(library.length).toBeGreaterThanOrEqual(12);
    expect(new Set(library.map((s) => s.name)).size).toBe(library.length);
  });

  it.each(library.map((s) => [s.name, s] as const))('%s passes', async (_name, scenario) => {
    const result = await runScenario(scenario, mock);
    expect(result.message ?? '').toBe('');
    expect(result).toMatchObject({
      status: 'passed',
      stepsRun: scenario.steps.length,
      expectationsHeld: scenario.expect.length,
    });
  });
});
