/**
 * The shape of a step handler: one function per step kind (`do`), given the run and its own step.
 *
 * @module
 */

import type { Step } from '../../dsl/scenario-schema.js';
import type { RunContext } from '../run-context.js';

/** The step whose `do` is `K`. */
export type StepOf<K extends Step['do']> = Extract<Step, { do: K }>;

/** Runs one kind of step; answers the new virtual now when it moved the mock's clock. */
export type StepHandler<K extends Step['do']> = (ctx: RunContext, step: StepOf<K>) => Promise<number | undefined>;

/** A handler for each step kind in `K` (all of them by default: a missing kind is a type error). */
export type StepHandlers<K extends Step['do'] = Step['do']> = { [P in K]: StepHandler<P> };
