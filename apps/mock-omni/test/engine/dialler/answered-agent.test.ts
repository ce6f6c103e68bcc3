/**
 * The `user_id` of a dialler call's notifications (B.7's `call_state`, B.5's CDR): the agent the call is put through
 * to, from the moment it is bound to one. A call answered while an agent is free goes to that agent at the answer, so
 * its `answered` already names the agent, like everything after it. A call answered with no agent free waits for one:
 * its `answered` says 0 (B.1: no agent yet), as its `initiated` and `ringing` did, and what follows the routing names
 * the agent.
 *
 * @module
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockOmni } from '../../../src/index.js';
import { type OmniTestClient, startMock } from '../../support/omni-client.js';
import { agentOf, freshSystem, label, recorded } from '../../support/telephony.js';
import { addLead, campaignWithList, lead } from './support/http-campaign.js';

let mock: MockOmni;
let root: OmniTestClient;
beforeAll(async () => {
  ({ mock, client: root } = await startMock());
});
afterAll(() => mock.close());

/** The call's notifications as `label → user_id`, in order. */
async function usersOf(c: OmniTestClient, callId: number): Promise<string[]> {
  return (await recorded(c))
    .filter((n) => n.call_id === callId && n.notification.type !== 'agent_state')
    .map((n) => `${label(n.notification)} → ${(n.notification.payload as { user_id: number }).user_id}`);
}

describe('the user_id of an outbound dialler call’s notifications', () => {
  it('answered while an agent is free: the agent it is put through to, from the answer on', async () => {
    const c = await freshSystem(root);
    const token = await c.login('agent1');
    const { campaignId, listId } = await campaignWithList(c, token, 1);
    const leadId = await addLead(c, token, listId, '0800555008'); // answers after 1 s
    const a = await agentOf(c, 2, { campaignId });
    expect((await a.state('ready')).status).toBe(200);
    const callId = (await lead(c, token, leadId)).last_call_id as number;
    await c.advance(1_000);
    expect((await a.view()).call_id).toBe(callId);
    expect((await a.command(callId, 'hangup')).status).toBe(200);
    expect((await a.command(callId, 'dispose', { disposition_code: 'NI' })).status).toBe(200);
    expect(await usersOf(c, callId)).toEqual([
      'call_state:initiated → 0',
      'call_state:ringing → 0',
      'call_state:answered → 2',
      'call_state:ended → 2',
      'cdr → 2',
    ]);
  });

  it('answered with no agent free: 0 until an agent takes it, then that agent', async () => {
    const c = await freshSystem(root);
    const token = await c.login('agent1');
    const { campaignId, listId } = await campaignWithList(c, token, 1);
    const leadId = await addLead(c, token, listId, '0800555008');
    const a = await agentOf(c, 3, { campaignId });
    expect((await a.state('ready')).status).toBe(200);
    const callId = (await lead(c, token, leadId)).last_call_id as number;
    expect((await a.state('paused')).status).toBe(200); // steps away while the call rings
    await c.advance(1_000); // answered: nobody free, the call waits (up to 2 s)
    expect((await a.state('ready')).status).toBe(200);
    expect((await a.view()).call_id).toBe(callId);
    expect((await a.command(callId, 'hangup')).status).toBe(200);
    expect((await a.command(callId, 'dispose', { disposition_code: 'NI' })).status).toBe(200);
    expect(await usersOf(c, callId)).toEqual([
      'call_state:initiated → 0',
      'call_state:ringing → 0',
      'call_state:answered → 0',
      'call_state:ended → 3',
      'cdr → 3',
    ]);
  });
});
