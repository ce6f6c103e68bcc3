import { type MockOmniFixture, startMockOmni } from '@omnikit/scenarios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The CRM code under test: it turns Omni's CDR into the outcome it stores on the customer's record.
type Outcome = { reference: string; result: string; talkSeconds: number };
function outcomeFromCdr(cdr: { unique_id: string; dispostion_code: string; talk_time: number }): Outcome {
  return { reference: cdr.unique_id, result: cdr.dispostion_code, talkSeconds: Math.round(cdr.talk_time / 1000) };
}

describe('my CRM records the outcome of a sales call', () => {
  let omni: MockOmniFixture;
  beforeAll(async () => {
    omni = await startMockOmni({ seed: 7, clock: 'manual' });
  });
  afterAll(() => omni.close());

  it('stores SALE and the talk time when the agent disposes the call', async () => {
    const client = omni.client();
    const agent = client.agent(await client.authorize('agent1', 'password1'));
    await omni.registerPhone('1001'); // a virtual phone: no SIP needed in a unit test
    await agent.login({ campaign_id: 1, extension: '1001' });

    const call = await agent.calls.make({ phone_number: '0800555008', unique_id: 'crm-order-42' }); // answers after 1 s
    await omni.clock.advance(1_000);
    await omni.waitFor('call_state', (n) => n.payload.call_id === call.call_id && n.payload.call_state === 'answered');
    await omni.clock.advance(95_000); // 95 s of talk
    await agent.calls.hangup(call.call_id);
    await agent.calls.dispose(call.call_id, { disposition_code: 'SALE' });

    const cdr = await omni.waitFor('cdr', (n) => n.payload.call_id === call.call_id);
    expect(outcomeFromCdr(cdr.payload)).toEqual({ reference: 'crm-order-42', result: 'SALE', talkSeconds: 95 });
  });
});
