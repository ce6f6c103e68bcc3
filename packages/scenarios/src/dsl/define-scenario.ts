import { z } from 'zod';
import { type Scenario, type ScenarioInput, scenarioSchema, step } from './scenario-schema.js';

/**
 * A scenario that does not parse: every issue with its path (`steps.3.agent: no agent "a9"`).
 *
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises';
 * import { defineScenario, ScenarioDefinitionError } from '@omnikit/scenarios';
 *
 * try {
 *   defineScenario(JSON.parse(await readFile('my-case.json', 'utf8')));
 * } catch (error) {
 *   if (!(error instanceof ScenarioDefinitionError)) throw error;
 *   console.error(error.message); // scenario "…" is not valid: steps.3.agent: no agent "a9"
 * }
 * ```
 */
export class ScenarioDefinitionError extends Error {
  constructor(
    readonly scenarioName: string,
    readonly issues: readonly z.core.$ZodIssue[],
  ) {
    super(
      `scenario "${scenarioName}" is not valid:\n${issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n')}`,
    );
    this.name = 'ScenarioDefinitionError';
  }
}

/**
 * A step may be one step or a group (`step.online(…)`), so a bad one fails the union as a whole
 * ("Invalid input"); parsing it again as what it is names the bad field and why.
 */
function explainSteps(input: unknown, issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  const steps = typeof input === 'object' && input !== null && 'steps' in input ? input.steps : undefined;
  return issues.flatMap((issue) => {
    const [first, index] = issue.path;
    if (issue.code !== 'invalid_union' || first !== 'steps' || issue.path.length !== 2 || !Array.isArray(steps))
      return [issue];
    const value: unknown = steps[index as number];
    const again = (Array.isArray(value) ? z.array(step) : step).safeParse(value);
    return again.success ? [issue] : again.error.issues.map((i) => ({ ...i, path: [...issue.path, ...i.path] }));
  });
}

/**
 * Parses a scenario through the contracts; throws `ScenarioDefinitionError` naming each bad field.
 *
 * @example
 * ```ts
 * import { check, defineScenario, step, testNumber } from '@omnikit/scenarios';
 *
 * export const answered = defineScenario({
 *   name: 'answered',
 *   given: {
 *     agents: [{ as: 'a1' }],
 *     campaigns: [{ as: 'c2d', fields: { campaign_name: 'Click-2-dial', campaign_type: 3 } }],
 *   },
 *   steps: [step.online('a1', 'c2d'), step.dial('a1', 'call', testNumber(0)), step.advance(1_500)],
 *   expect: [check.call('a1', 'call', { call_state: 'answered' })],
 * });
 * ```
 */
export function defineScenario(input: ScenarioInput): Scenario {
  const parsed = scenarioSchema.safeParse(input);
  if (!parsed.success) {
    const name = typeof input === 'object' && input !== null && 'name' in input ? String(input.name) : '(unnamed)';
    throw new ScenarioDefinitionError(name, explainSteps(input, parsed.error.issues));
  }
  return parsed.data;
}
