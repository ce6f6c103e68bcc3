import { describe, expect, it } from 'vitest';
import { library } from '../../src/library/index.js';
import { runScenario } from '../../src/runner/run-scenario.js';
import type { ScenarioFault } from '../../src/runner/scenario-fault.js';
import { useInprocTarget } from '../support/use-inproc-target.js';

const dropAll: ScenarioFault = { kind: 'webhook-chaos', chaos: { drop_first_attempts: 10 } };
const flip = (number: string, outcome: 'busy' | 'answer' | 'no_answer'): ScenarioFault => ({
  kind: 'callee-rule',
  rule: { number, behaviour: { outcome, ring_ms: 1_000, talk_ms: null } },
});
const routeError = (route_id: string, error_code: 'INTERNAL' | 'TOKEN_EXPIRED' = 'INTERNAL'): ScenarioFault =>
  ({ kind: 'route-error', route_id, error_code }) as ScenarioFault;

/**
 * One fault per library scenario that breaks what it checks, and the words its failure message
 * must contain (the broken step or expectation, and why).
 */
const FAULTS: Record<string, { fault: ScenarioFault; message: RegExp }> = {
  'click-2-dial happy path': {
    fault: flip('0870000001', 'busy'),
    message: /step 7 \(waitFor\) failed: no call_state notification .*"call_state":"answered"/,
  },
  'hold and retrieve': {
    fault: routeError('retrieveCall'),
    message: /step \d+ \(retrieve agent=a1 call=call\) failed: .*500 INTERNAL/,
  },
  recording: { fault: routeError('recordCall'), message: /step \d+ \(record agent=a1 call=call start\) failed: .*500/ },
  'conference and connect': {
    fault: flip('0870000002', 'busy'),
    message: /no call_state notification .*"call_id":\{"\$ref":"third"\}/,
  },
  'failure: busy': {
    fault: dropAll,
    message: /expectation 1 \(notifications \(set: call_state, cdr\)\): no call_state/,
  },
  'failure: no answer': {
    fault: routeError('getCall'),
    message: /expectation 2 \(call call\): ServerError 500 INTERNAL/,
  },
  'failure: answering machine': {
    fault: dropAll,
    message: /expectation 3 \(cdr of call\): expected one cdr for call \d+ \(call\), got 0/,
  },
  'failure: invalid number': {
    fault: routeError('makeCall'),
    message: /step 5 \(dial agent=a1 as=call\) failed: .*500 INTERNAL/,
  },
  'shotgun won': {
    fault: flip('0871000003', 'busy'),
    // The winner never came: hanging up its (busy) leg while the slow one still rings cancels the race (inferred,
    // as the race's cancel route does), so there is no call of the agent's left to dispose.
    message: /step 8 \(dispose agent=a1 call=fastLeg SALE\) failed: InvalidStateError 409 INVALID_STATE/,
  },
  'shotgun lost': {
    fault: flip('0871000012', 'answer'),
    message: /expectation 1 \(shotgun race\): state: expected "lost", got "won"/,
  },
  'shotgun machine first, no detection': {
    fault: flip('0871000021', 'busy'),
    message: /expectation 1 \(shotgun race\): winner_call_id: expected \d+ \(machineLeg\), got \d+/,
  },
  'shotgun machine first, with detection': {
    fault: flip('0871000022', 'no_answer'),
    message: /expectation 1 \(shotgun race\): state: expected "won", got "(racing|lost)"/,
  },
  'predictive day under the drop target': {
    fault: { kind: 'callee-rule', rule: { prefix: '0872', behaviour: { outcome: 'busy', ring_ms: 2_000 } } },
    message: /expectation 1 \(campaign statistics of pred\): .*connects: expected ≥ 100, got 0/,
  },
  'blended inbound with abandons': {
    fault: dropAll,
    message: /expectation 2 \(count of inbound notifications\): expected at least 5 inbound, got 0/,
  },
  preview: {
    fault: routeError('previewNext'),
    message: /step 5 \(previewNext agent=a1 as=lead\) failed: .*500 INTERNAL/,
  },
  'token expiry and re-authorize': {
    fault: routeError('getUser', 'TOKEN_EXPIRED'),
    message: /step 2 \(getAgent agent=a1\) failed: AuthenticationError 401 TOKEN_EXPIRED/,
  },
  'webhook receiver outage with retries and replay': {
    fault: { kind: 'receiver-outage', status: 503 },
    message: /no cdr notification .* arrived/,
  },
  'SIP phone drop mid-call': { fault: dropAll, message: /step \d+ \(waitFor\) failed: no call_state notification/ },
  'whatsapp: reply read inside the window': {
    fault: dropAll,
    message:
      /step 4 \(messageStatus message=opener delivered\) failed: message opener did not reach delivered within 5000 ms of virtual time/,
  },
  'whatsapp: window closed, template required': {
    fault: dropAll,
    message: /step 9 \(messageStatus message=templated delivered\) failed: .*statuses notified: none/,
  },
  'sms: STOP opts the customer out': {
    fault: dropAll,
    message: /step 4 \(messageStatus message=reminder delivered\) failed/,
  },
  'sms: long and unicode texts in segments': {
    fault: dropAll,
    message: /step 5 \(messageStatus message=long delivered\) failed/,
  },
  'email: a bounce suppresses the address': {
    fault: dropAll,
    message: /step 4 \(messageStatus message=invoice undelivered\) failed/,
  },
};

describe('each library scenario fails when the mock breaks what it checks', () => {
  const mock = useInprocTarget();

  it('every library scenario has a fault here', () => {
    expect(Object.keys(FAULTS).sort()).toEqual(library.map((s) => s.name).sort());
  });

  it.each(library.map((s) => [s.name, s] as const))('%s', async (name, scenario) => {
    const entry = FAULTS[name];
    if (!entry) throw new Error(`no fault for ${name}`);
    const result = await runScenario(scenario, { ...mock, faults: [entry.fault], settleMs: 1_500 });
    expect(result.status).toBe('failed');
    expect(result.message).toMatch(entry.message);
  });
});
