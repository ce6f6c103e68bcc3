import { check, step, testNumber } from '../dsl/builders.js';
import { defineScenario } from '../dsl/define-scenario.js';
import { m } from '../dsl/matchers.js';

/** Call control: start, pause, resume and stop the recording; one file named after the call. */
export const recording = defineScenario({
  name: 'recording',
  description:
    'Record an answered call with a pause in the middle; the four recording notifications (in whatever order they come), the CDR names the file.',
  given: {
    agents: [{ as: 'a1' }],
    campaigns: [{ as: 'c2d', fields: { campaign_name: 'Scenario click-2-dial', campaign_type: 3 } }],
  },
  steps: [
    step.online('a1', 'c2d'),
    step.dial('a1', 'call', testNumber(0)),
    step.advance(1_500),
    step.waitFor('call_state', { call_id: m.ref('call'), call_state: 'answered' }),
    step.record('a1', 'call', 'start'),
    step.advance(1_000),
    step.record('a1', 'call', 'pause'),
    step.record('a1', 'call', 'resume'),
    step.advance(1_000),
    step.record('a1', 'call', 'stop'),
    step.hangup('a1', 'call'),
    step.dispose('a1', 'call', 'SALE'),
  ],
  expect: [
    check.notifications(
      'exact-set',
      [
        { type: 'recording', fields: { recording_state: 'recording' } },
        { type: 'recording', fields: { recording_state: 'paused' } },
        { type: 'recording', fields: { recording_state: 'recording' } },
        { type: 'recording', fields: { recording_state: 'stopped' } },
      ],
      { types: ['recording'], fields: { call_id: m.ref('call') } },
    ),
    check.call('a1', 'call', { recording_state: 'stopped' }),
    check.cdr('call', { recording_url: m.regex('^[0-9]+_[0-9]{14}\\.wav$') }),
  ],
});
