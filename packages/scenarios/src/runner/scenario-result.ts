/** How a scenario ended: every expectation held, one did not (or a step failed), or it could not run here. */
export type ScenarioStatus = 'passed' | 'failed' | 'not run';

export interface ScenarioResult {
  name: string;
  status: ScenarioStatus;
  /** failed: what broke (the step, or each expectation that did not hold). */
  message?: string;
  /** not run: why (the control API, a magic number, a number not in OMNI_TEST_NUMBERS…). */
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
