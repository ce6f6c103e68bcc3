import { z } from 'zod';
import { type Scenario, type ScenarioInput, scenarioSchema, step } from './scenario-schema.js';

/** A scenario that does not parse: every issue with its path (`steps.3.agent: no agent "a9"`). */
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

/** Parses a scenario through the contracts; throws `ScenarioDefinitionError` naming each bad field. */
export function defineScenario(input: ScenarioInput): Scenario {
  const parsed = scenarioSchema.safeParse(input);
  if (!parsed.success) {
    const name = typeof input === 'object' && input !== null && 'name' in input ? String(input.name) : '(unnamed)';
    throw new ScenarioDefinitionError(name, explainSteps(input, parsed.error.issues));
  }
  return parsed.data;
}
