/**
 * Runs one integration (`defineIntegration`) on a fresh in-process mock playing the target's variation, and
 * reports it as a scenario is reported: passed, failed at a named step, or not run (Ctrl-C included).
 *
 * @module
 */

import { DEFAULT_VARIATION } from '@omnikit/contracts/variants';
import type { Integration } from '../dsl/define-integration.js';
import { startMockOmni } from '../fixtures/start-mock-omni.js';
import type { Target } from '../target/target.js';
import type { ScenarioResult } from './scenario-result.js';
import { interruptedReason, RunInterrupted, whenAborted } from './when-aborted.js';

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.name === 'Error' ? error.message : `${error.name}: ${error.message}`;
}

/**
 * Runs `integration` on its own mock (`startMockOmni`, the target's variation, `seed` or its own); never throws
 * for the integration's own failures. On a target other than the in-process mock it is `not run`. When `signal`
 * aborts (Ctrl-C) the step under way is abandoned at once, the mock is closed, and the integration is `not run`,
 * its reason naming the step.
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
  opts: { target: Target; seed?: number | undefined; onProgress?: (line: string) => void; signal?: AbortSignal },
): Promise<ScenarioResult> {
  const started = performance.now();
  const progress = opts.onProgress ?? (() => {});
  let stepsRun = 0;
  let current: string | undefined;
  const done = (r: Pick<ScenarioResult, 'status' | 'message' | 'reason' | 'failedAt'>): ScenarioResult => ({
    name: integration.name,
    ...r,
    stepsRun,
    // An integration's steps are known as it reaches them: those run, and the one it failed or stopped in.
    steps: stepsRun + (r.status !== 'passed' && current !== undefined ? 1 : 0),
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
  if (opts.signal?.aborted) return done({ status: 'not run', reason: interruptedReason() });
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
  const { aborted, release } = whenAborted(opts.signal);
  const step = async <T>(name: string, action: () => Promise<T> | T): Promise<T> => {
    current = `step ${stepsRun + 1} (${name})`;
    progress(`  ${current}`);
    const running = (async () => action())();
    // An abandoned step may still settle after the mock is closed: its outcome no longer matters.
    running.catch(() => {});
    const out = await Promise.race([running, aborted]);
    stepsRun++;
    current = undefined;
    return out;
  };
  try {
    // The run is raced too: Ctrl-C between steps (or in code outside any step) stops it as well.
    const running = integration.run(omni, step);
    running.catch(() => {});
    await Promise.race([running, aborted]);
    return done({ status: 'passed' });
  } catch (error) {
    // Ctrl-C is the user's, not the integration's: it did not fail, it was not run to the end.
    if (error instanceof RunInterrupted || opts.signal?.aborted)
      return done({ status: 'not run', reason: interruptedReason(current ? `during ${current}` : undefined) });
    const at = current ?? 'after its last step';
    return done({ status: 'failed', message: `${at} failed: ${errorText(error)}`, failedAt: current ?? 'run' });
  } finally {
    release();
    await omni.close().catch(() => {});
  }
}
