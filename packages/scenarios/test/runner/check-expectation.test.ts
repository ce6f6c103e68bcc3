import { describe, expect, it } from 'vitest';
import { check, step, testNumber } from '../../src/dsl/builders.js';
import { defineScenario } from '../../src/dsl/define-scenario.js';
import { m } from '../../src/dsl/matchers.js';
import type { ExpectationInput } from '../../src/dsl/scenario-schema.js';
import { recording } from '../../src/library/recording.js';
import { runScenario } from '../../src/runner/run-scenario.js';
import { useInprocTarget } from '../support/use-inproc-target.js';

/**
 * Notification-sequence expectations judged against a real run: the recording scenario sends
 * recording(recording), recording(paused), recording(recording), recording(stopped) for its call.
 */
describe('notification sequences: exact, subsequence, set and exact-set', () => {
  const mock = useInprocTarget();

  const state = (recording_state: string) => ({ type: 'recording' as const, fields: { recording_state } });
  const ofTheCall = { types: ['recording' as const], fields: { call_id: m.ref('call') } };
  // An expectation that holds ends the run as soon as it does, so a passing check may wait long for the
  // deliveries (a loaded machine delays them); a failing one waits its whole settle, kept short, yet long
  // enough for all four notifications to have come, since the failure messages count them.
  const settle = { passes: 20_000, fails: 1_500 };
  const run = (name: string, expectation: ExpectationInput, outcome: keyof typeof settle) =>
    runScenario(defineScenario({ ...recording, name, expect: [expectation] }), {
      ...mock,
      settleMs: settle[outcome],
    });

  it('exact holds for the whole sequence and fails on a missing item or a wrong order', async () => {
    const all = ['recording', 'paused', 'recording', 'stopped'].map(state);
    expect((await run('exact, all', check.notifications('exact', all, ofTheCall), 'passes')).status).toBe('passed');

    const short = await run('exact, one short', check.notifications('exact', all.slice(1), ofTheCall), 'fails');
    expect(short.status).toBe('failed');
    expect(short.message).toMatch(/expected 3 notifications \[recording, recording, recording\], got 4/);

    const swapped = ['paused', 'recording', 'recording', 'stopped'].map(state);
    const wrong = await run('exact, swapped', check.notifications('exact', swapped, ofTheCall), 'fails');
    expect(wrong.status).toBe('failed');
    expect(wrong.message).toMatch(/notification 1 \(recording\): recording_state: expected "paused", got "recording"/);
  });

  it('subsequence holds for items in order with gaps, and fails out of order', async () => {
    const gaps = ['paused', 'stopped'].map(state);
    expect((await run('sub, gaps', check.notifications('subsequence', gaps, ofTheCall), 'passes')).status).toBe(
      'passed',
    );

    const backwards = ['stopped', 'paused'].map(state);
    const r = await run('sub, backwards', check.notifications('subsequence', backwards, ofTheCall), 'fails');
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/no recording \{"recording_state":"paused"\} \(item 2\) after the earlier items/);
  });

  it('set holds in any order, each item with a notification of its own; exact-set wants nothing else', async () => {
    const backwards = ['stopped', 'paused', 'recording', 'recording'].map(state);
    expect((await run('set, backwards', check.notifications('set', backwards, ofTheCall), 'passes')).status).toBe(
      'passed',
    );
    expect((await run('exact-set', check.notifications('exact-set', backwards, ofTheCall), 'passes')).status).toBe(
      'passed',
    );

    // Two paused items need two paused notifications: one may not stand for both.
    const twice = ['paused', 'stopped', 'paused'].map(state);
    const r = await run('set, one too many', check.notifications('set', twice, ofTheCall), 'fails');
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/no recording \{"recording_state":"paused"\} \(item 3\) besides those matching/);

    // Three recording items and only two recording notifications.
    const three = ['recording', 'recording', 'recording'].map(state);
    expect((await run('set, three', check.notifications('set', three, ofTheCall), 'fails')).status).toBe('failed');

    const some = ['stopped', 'paused'].map(state);
    expect((await run('set, some', check.notifications('set', some, ofTheCall), 'passes')).status).toBe('passed');
    const notAll = await run('exact-set, some', check.notifications('exact-set', some, ofTheCall), 'fails');
    expect(notAll.status).toBe('failed');
    expect(notAll.message).toMatch(/expected 2 notifications in any order \[recording, recording\], got 4/);
  });

  it('set finds the assignment a greedy match misses', async () => {
    // The loose items fit every recording notification; taken greedily in order they would use up the only
    // paused one before the paused item comes.
    const loose = { type: 'recording' as const, fields: { call_id: m.ref('call') } };
    const items = [loose, loose, loose, state('paused')];
    expect((await run('set, loose first', check.notifications('set', items, ofTheCall), 'passes')).status).toBe(
      'passed',
    );
  });

  it('where.fields narrows to one call: another call id matches nothing', async () => {
    const r = await run(
      'exact, other call',
      check.notifications('exact', [state('recording')], { types: ['recording'], fields: { call_id: 999_999 } }),
      'fails',
    );
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/expected 1 notifications \[recording\], got 0/);
  });

  it('a dial with outbound_cli and a CALLBK dispose with its date reach Omni (the CDR carries both)', async () => {
    const scenario = defineScenario({
      name: 'callback',
      given: {
        agents: [{ as: 'a1' }],
        campaigns: [{ as: 'c', fields: { campaign_name: 'Callbacks', campaign_type: 3 } }],
      },
      steps: [
        step.online('a1', 'c'),
        { do: 'dial', agent: 'a1', as: 'call', number: testNumber(0), outbound_cli: '0215550100' },
        step.advance(1_500),
        step.hangup('a1', 'call'),
        step.callback('a1', 'call', '2026-01-06T10:00:00Z', 'after lunch'),
      ],
      expect: [check.cdr('call', { caller_id: '0215550100', dispostion_code: 'CALLBK' })],
    });
    const r = await runScenario(scenario, mock);
    expect(r.message ?? '').toBe('');
    expect(r.status).toBe('passed');
  });
});
