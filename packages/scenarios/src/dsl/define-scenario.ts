import type { z } from 'zod';
import { type Scenario, type ScenarioInput, scenarioSchema } from './scenario-schema.js';

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

/** Parses a scenario through the contracts; throws `ScenarioDefinitionError` naming each bad field. */
export function defineScenario(input: ScenarioInput): Scenario {
  const parsed = scenarioSchema.safeParse(input);
  if (!parsed.success) {
    const name = typeof input === 'object' && input !== null && 'name' in input ? String(input.name) : '(unnamed)';
    throw new ScenarioDefinitionError(name, parsed.error.issues);
  }
  return parsed.data;
}
