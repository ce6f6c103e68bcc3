import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../src/dsl/builders.js';
import { defineScenario } from '../src/dsl/define-scenario.js';
import { m } from '../src/dsl/matchers.js';
import type { ExpectationInput } from '../src/dsl/scenario-schema.js';
import { recording } from '../src/library/recording.js';
import { runScenario } from '../src/runner/run-scenario.js';
import { WebhookReceiver } from '../src/runner/webhook-inbox.js';
import { createInprocTarget } from '../src/target/mock-target.js';
import type { Target } from '../src/target/target.js';

/**
 * Notification-sequence expectations judged against a real run: the recording scenario sends
 * recording(recording), recording(paused), recording(recording), recording(stopped) for its call.
 */
describe('notification sequences: exact and subsequence', () => {
  let target: Target;
  const receiver = new WebhookReceiver();
  beforeAll(async () => {
    target = await createInprocTarget();
    await receiver.start();
  });
  afterAll(async () => {
    await receiver.close();
    await target.close();
  });

  const state = (recording_state: string) => ({ type: 'recording' as const, fields: { recording_state } });
  const ofTheCall = { types: ['recording' as const], fields: { call_id: m.ref('call') } };
  const run = (name: string, expectation: ExpectationInput) =>
    runScenario(defineScenario({ ...recording, name, expect: [expectation] }), { target, receiver, settleMs: 300 });

  it('exact holds for the whole sequence and fails on a missing item or a wrong order', async () => {
    const all = ['recording', 'paused', 'recording', 'stopped'].map(state);
    expect((await run('exact, all', check.notifications('exact', all, ofTheCall))).status).toBe('passed');

    const short = await run('exact, one short', check.notifications('exact', all.slice(1), ofTheCall));
    expect(short.status).toBe('failed');
    expect(short.message).toMatch(/expected 3 notifications \[recording, recording, recording\], got 4/);

    const swapped = ['paused', 'recording', 'recording', 'stopped'].map(state);
    const wrong = await run('exact, swapped', check.notifications('exact', swapped, ofTheCall));
    expect(wrong.status).toBe('failed');
    expect(wrong.message).toMatch(/notification 1 \(recording\): recording_state: expected "paused", got "recording"/);
  });

  it('subsequence holds for items in order with gaps, and fails out of order', async () => {
    const gaps = ['paused', 'stopped'].map(state);
    expect((await run('sub, gaps', check.notifications('subsequence', gaps, ofTheCall))).status).toBe('passed');

    const backwards = ['stopped', 'paused'].map(state);
    const r = await run('sub, backwards', check.notifications('subsequence', backwards, ofTheCall));
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/no recording \{"recording_state":"paused"\} \(item 2\) after the earlier items/);
  });

  it('where.fields narrows to one call: another call id matches nothing', async () => {
    const r = await run(
      'exact, other call',
      check.notifications('exact', [state('recording')], { types: ['recording'], fields: { call_id: 999_999 } }),
    );
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/expected 1 notifications \[recording\], got 0/);
  });
});
