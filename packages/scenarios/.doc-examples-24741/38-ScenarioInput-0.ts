import { defineScenario, step, check, type ScenarioInput } from '@omnikit/scenarios';

const input: ScenarioInput = {
  name: 'read the agent',
  given: { agents: [{ as: 'a1' }] },
  steps: [step.authorize('a1'), step.getAgent('a1')],
  expect: [check.authorizations('a1', 1)],
};
const scenario = defineScenario(input);
