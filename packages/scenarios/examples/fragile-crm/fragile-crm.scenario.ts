/**
 * The fragile CRM's own scenario: one sales call through the CRM, with the agent's console (the sdk) beside it.
 * `npx tsx node_modules/.bin/omnikit-scenarios run --vary all examples/fragile-crm/` runs it under every variant.
 *
 * @module
 */

import { defineIntegration, type MockOmniFixture } from '@omnikit/scenarios';
import { FragileCrm } from './fragile-crm.js';

/** Waits (wall clock; deliveries are asynchronous) until `ready()` holds, or says what it waited for. */
async function eventually(what: string, ready: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function salesCall(omni: MockOmniFixture, step: <T>(name: string, action: () => Promise<T> | T) => Promise<T>) {
  const crm = new FragileCrm({ baseUrl: omni.baseUrl, systemKey: omni.systemKey });
  const consoleClient = omni.client();
  try {
    await step('the CRM starts and takes the notifications', async () => {
      const url = await crm.start();
      const admin = consoleClient.withSession(await consoleClient.authorize('agent1', 'password1'));
      await admin.notifications.setEndpoint({ url });
    });
    await step('the CRM signs agent1 in', () => crm.signIn('agent1', 'password1'));
    await step('a dial before the agent is logged in shows "Log in to Omni first"', async () => {
      const early = await crm.dial('0800555008');
      if (!('shown' in early)) throw new Error(`the CRM took the refusal for call ${early.callId}`);
      if (early.shown !== 'Log in to Omni first') throw new Error(`the CRM showed "${early.shown}"`);
    });
    const agent = await step('the agent signs in to the console and logs in', async () => {
      const a = consoleClient.agent(await consoleClient.authorize('agent1', 'password1'));
      await omni.registerPhone('1001');
      await a.login({ campaign_id: 1, extension: '1001' });
      return a;
    });
    const callId = await step('the CRM dials the customer', async () => {
      const r = await crm.dial('0800555008');
      if (!('callId' in r)) throw new Error(`the CRM showed "${r.shown}"`);
      return r.callId;
    });
    await step('the call is answered, 30 s of talk, hung up and disposed SALE in the console', async () => {
      await omni.clock.advance(1_000);
      await omni.clock.advance(30_000);
      await agent.calls.hangup(Number(callId));
      await agent.calls.dispose(Number(callId), { disposition_code: 'SALE' });
    });
    await step('the CRM has the call: agent1 on it, ended, SALE, 30 s, one activity per event', async () => {
      const record = () => crm.calls.get(callId);
      await eventually('the CDR reaching the CRM', () => record()?.outcome !== undefined || crm.problems.length > 0);
      // Late duplicates or problems: give the deliveries in flight a moment.
      await new Promise((resolve) => setTimeout(resolve, 200));
      if (crm.problems.length > 0) throw new Error(crm.problems.join('; '));
      const r = record();
      const on = [...crm.agentOn].filter(([, call]) => call === callId).length;
      const got = `${on} agent on it, ${r?.state} ${r?.outcome} ${r?.talkSeconds} s, ${r?.activities} activities`;
      // initiated, ringing, answered, ended and the CDR: five events.
      if (got !== '1 agent on it, ended SALE 30 s, 5 activities') throw new Error(`the CRM has ${got}`);
    });
  } finally {
    await crm.stop();
  }
}

export const fragileCrmSalesCall = defineIntegration({
  name: 'fragile CRM: one sales call',
  description:
    'A CRM on raw HTTP dials for the agent, follows the call by its notifications and logs the outcome; the agent works in the console beside it.',
  seed: 7,
  run: salesCall,
});
