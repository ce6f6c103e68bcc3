import { check, step, testNumber } from '../dsl/builders.js';
import { defineScenario } from '../dsl/define-scenario.js';
import { m } from '../dsl/matchers.js';

/** Preview: the agent takes the next lead, calls it with its lead_id, disposes SALE; the lead says so. */
export const preview = defineScenario({
  name: 'preview',
  description:
    'A preview campaign offers its lead; the agent calls it, talks, disposes SALE; the lead is SALE after one attempt.',
  given: {
    agents: [{ as: 'a1' }],
    campaigns: [{ as: 'prev', fields: { campaign_name: 'Scenario preview', campaign_type: 2 } }],
    lists: [{ as: 'list', list_name: 'Scenario preview leads', campaign: 'prev' }],
    leads: [{ list: 'list', phones: [testNumber(0)], fields: { first_name: 'Thandi', other_info: 'Renewal due' } }],
  },
  steps: [
    step.online('a1', 'prev'),
    step.previewNext('a1', 'lead'),
    step.dialLead('a1', 'call', 'lead'),
    step.advance(1_500),
    step.waitFor('call_state', { call_id: m.ref('call'), call_state: 'answered' }),
    step.hangup('a1', 'call'),
    step.dispose('a1', 'call', 'SALE'),
  ],
  expect: [
    check.lead('lead', { status: 'SALE', attempts: 1, last_call_id: m.ref('call'), first_name: 'Thandi' }),
    check.call('a1', 'call', { lead_id: m.ref('lead'), campaign_id: m.ref('prev') }),
    check.cdr('call', { dispostion_code: 'SALE', campaign_id: m.ref('prev') }),
  ],
});
