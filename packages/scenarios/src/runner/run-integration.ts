/**
 * Runs one integration (`defineIntegration`) on a fresh in-process mock playing the target's variation, and
 * reports it as a scenario is reported: passed, failed at a named step, or not run.
 *
 * @module
 */

import { DEFAULT_VARIATION } from '@omnikit/contracts/variants';
import type { Integration } from '../dsl/define-integration.js';
import { startMockOmni } from '../fixtures/start-mock-omni.js';
import type { Target } from '../target/target.js';
import type { ScenarioResult } from './scenario-result.js';

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.name === 'Error' ? error.message : `${error.name}: ${error.message}`;
}

/**
 * Runs `integration` on its own mock (`startMockOmni`, the target's variation, `seed` or its own); never throws
 * for the integration's own failures. On a target other than the in-process mock it is `not run`.
 *
 * @example
 * ```ts
 * import { createInprocTarget, defineIntegration, runIntegration } from '@omnikit/scenarios';
 *
 * const pings = defineIntegration({
 *   name: 'health answers',
 *   async run(omni, step) {
 *     await step('GET /health', async () => {
 *       if ((await fetch(`${omni.baseUrl}/health`)).status !== 200) throw new Error('no health');
 *     });
 *   },
 * });
 * const target = await createInprocTarget();
 * console.log((await runIntegration(pings, { target })).status); // passed
 * await target.close();
 * ```
 */
export async function runIntegration(
  integration: Integration,
  opts: { target: Target; seed?: number | undefined; onProgress?: (line: string) => void },
): Promise<ScenarioResult> {
  const started = performance.now();
  const progress = opts.onProgress ?? (() => {});
  let stepsRun = 0;
  const done = (r: Pick<ScenarioResult, 'status' | 'message' | 'reason' | 'failedAt'>): ScenarioResult => ({
    name: integration.name,
    ...r,
    stepsRun,
    steps: stepsRun + (r.status === 'failed' && r.failedAt?.startsWith('step') ? 1 : 0),
    expectationsHeld: 0,
    expectations: 0,
    notes: [],
    durationMs: Math.round(performance.now() - started),
  });
  if (opts.target.kind !== 'inproc')
    return done({
      status: 'not run',
      reason: `an integration runs on a mock of its own in this process (startMockOmni), not on ${opts.target.label}`,
    });
  let omni: Awaited<ReturnType<typeof startMockOmni>>;
  try {
    omni = await startMockOmni({
      seed: opts.seed ?? integration.seed,
      clock: 'manual',
      vary: opts.target.variation ?? DEFAULT_VARIATION,
    });
  } catch (error) {
    return done({ status: 'failed', message: `the mock did not start: ${errorText(error)}`, failedAt: 'setup' });
  }
  let current: string | undefined;
  const step = async <T>(name: string, action: () => Promise<T> | T): Promise<T> => {
    current = `step ${stepsRun + 1} (${name})`;
    progress(`  ${current}`);
    const out = await action();
    stepsRun++;
    current = undefined;
    return out;
  };
  try {
    await integration.run(omni, step);
    return done({ status: 'passed' });
  } catch (error) {
    const at = current ?? 'after its last step';
    return done({ status: 'failed', message: `${at} failed: ${errorText(error)}`, failedAt: current ?? 'run' });
  } finally {
    await omni.close().catch(() => {});
  }
}
