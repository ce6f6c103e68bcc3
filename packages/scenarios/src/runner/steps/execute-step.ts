/**
 * The table of step handlers, one per step kind, and the one function that runs a step through it.
 *
 * @module
 */

import type { Step } from '../../dsl/scenario-schema.js';
import type { RunContext } from '../run-context.js';
import { agentSteps } from './agent-steps.js';
import { callSteps } from './call-steps.js';
import { diallerSteps } from './dialler-steps.js';
import { messagingSteps } from './messaging-steps.js';
import type { StepHandler, StepHandlers, StepOf } from './step-handler.js';
import { timeSteps } from './time-steps.js';
import { trafficSteps } from './traffic-steps.js';

/** Every step kind's handler: a kind added to the schema without one here does not typecheck. */
export const stepHandlers: StepHandlers = {
  ...agentSteps,
  ...callSteps,
  ...diallerSteps,
  ...messagingSteps,
  ...timeSteps,
  ...trafficSteps,
};

/** Runs one step; answers the new virtual now after an `advance` on the mock. */
export function executeStep<K extends Step['do']>(ctx: RunContext, st: StepOf<K>): Promise<number | undefined> {
  const handler: StepHandler<K> = stepHandlers[st.do as K];
  return handler(ctx, st);
}
