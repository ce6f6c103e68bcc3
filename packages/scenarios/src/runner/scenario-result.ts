/**
 * How a scenario ended: every expectation held, one did not (or a step failed), or it could not run here (or the
 * run was interrupted: Ctrl-C is never a failure).
 *
 * @example
 * ```ts
 * import type { ScenarioResult, ScenarioStatus } from '@omnikit/scenarios';
 *
 * const count = (results: ScenarioResult[], status: ScenarioStatus) => results.filter((r) => r.status === status).length;
 * ```
 */
export type ScenarioStatus = 'passed' | 'failed' | 'not run';

/**
 * How one scenario ended, what it got through, and why not further.
 *
 * @example
 * ```ts
 * import type { ScenarioResult } from '@omnikit/scenarios';
 *
 * const explain = (r: ScenarioResult): string =>
 *   r.status === 'passed' ? `${r.name}: ${r.expectationsHeld}/${r.expectations} held` : `${r.name}: ${r.message ?? r.reason}`;
 * ```
 */
export interface ScenarioResult {
  name: string;
  status: ScenarioStatus;
  /** failed: what broke (the step, or each expectation that did not hold). */
  message?: string;
  /** failed: where, in a few words: `step 5 (hold agent=a1 call=call)`, `expectation 2 (cdr of call)`, `setup`. */
  failedAt?: string;
  /**
   * not run: why (the control API, a magic number, a number not in OMNI_TEST_NUMBERS…; on Ctrl-C
   * `the run was interrupted`, naming the step under way: `the run was interrupted during step 7 (waitFor)`).
   */
  reason?: string;
  /** Steps run, out of the scenario's. */
  stepsRun: number;
  steps: number;
  /** Expectations that held, out of the scenario's. */
  expectationsHeld: number;
  expectations: number;
  /** Things the reader should know (a SIP phone replaced by a virtual one…). */
  notes: string[];
  durationMs: number;
}
