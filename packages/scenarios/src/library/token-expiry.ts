import { check, step } from '../dsl/builders.js';
import { defineScenario } from '../dsl/define-scenario.js';
import { m } from '../dsl/matchers.js';

/** The user token runs out after 8 h: the session authorizes again, once, and the call goes through. */
export const tokenExpiry = defineScenario({
  name: 'token expiry and re-authorize',
  description:
    'Authorize, read the agent, let 8 h 1 min pass, read again: the sdk re-authorizes once with the stored credentials.',
  given: {
    agents: [{ as: 'a1' }],
    campaigns: [{ as: 'c2d', fields: { campaign_name: 'Scenario click-2-dial', campaign_type: 3 } }],
  },
  steps: [step.authorize('a1'), step.getAgent('a1'), step.advance(8 * 3_600_000 + 60_000), step.getAgent('a1')],
  expect: [check.authorizations('a1', 2), check.agent('a1', { agent_state: 'logged_out', user_id: m.ref('a1') })],
});
