import { readFile } from 'node:fs/promises';
import { defineScenario, ScenarioDefinitionError } from '@omnikit/scenarios';

try {
  defineScenario(JSON.parse(await readFile('my-case.json', 'utf8')));
} catch (error) {
  if (!(error instanceof ScenarioDefinitionError)) throw error;
  console.error(error.message); // scenario "…" is not valid: steps.3.agent: no agent "a9"
}
