/**
 * An agent of a dialler campaign (Progressive or Inbound) who runs a shotgun race is `on_call` for the dialler while
 * it races; once the race is lost or cancelled the agent is free again, for the dialler too: the next lead is put
 * through to it and so is the next inbound caller, and the campaign's statistics count it as ready.
 *
 * @module
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockOmni } from '../../../src/index.js';
import { type OmniTestClient, startMock } from '../../support/omni-client.js';
import { agentOf, freshSystem } from '../../support/telephony.js';
import { addLead, campaignWithList, lead } from '../dialler/support/http-campaign.js';

let mock: MockOmni;
let root: OmniTestClient;
beforeAll(async () => {
  ({ mock, client: root } = await startMock());
});
afterAll(() => mock.close());

describe('a shotgun race of a dialler campaign’s agent', () => {
  it('lost: the agent is ready for the dialler again and takes the next lead', async () => {
    const c = await freshSystem(root);
    const token = await c.login('agent1');
    const { campaignId, listId } = await campaignWithList(c, token, 1);
    const a = await agentOf(c, 1, { campaignId });
    expect((await a.state('ready')).status).toBe(200);

    // Busy and invalid after 1 s: the race is lost.
    const race = await a.post('/omni/voice/1/shotgun', { phone_numbers: ['0800555002', '0800555005'] });
    expect(race.status).toBe(200);
    await c.advance(1_500);
    expect((await a.get(`/omni/voice/1/shotgun/${race.body.shotgun_id}`)).body.state).toBe('lost');
    expect((await a.view()).agent_state).toBe('ready');
    const stats = await c.request('GET', `/__mock/campaigns/${campaignId}/stats`);
    expect(stats.body.agents).toMatchObject({ ready: 1, on_call: 0 });

    // A lead added now is dialled for the ready agent and put through to it.
    const leadId = await addLead(c, token, listId, '0800555008');
    expect((await lead(c, token, leadId)).attempts).toBe(1);
    await c.advance(1_000);
    const view = await a.view();
    expect(view.agent_state).toBe('on_call');
    expect((await a.call(view.call_id)).lead_id).toBe(leadId);
  });

  it('cancelled: an inbound caller then reaches the agent', async () => {
    const c = await freshSystem(root);
    // The demo's campaign 4 is Inbound on 0861000004.
    const a = await agentOf(c, 1, { campaignId: 4 });
    expect((await a.state('ready')).status).toBe(200);
    const race = await a.post('/omni/voice/1/shotgun', { phone_numbers: ['0800555009', '0800555003'] });
    expect(race.status).toBe(200);
    expect((await a.post(`/omni/voice/1/shotgun/${race.body.shotgun_id}/cancel`)).status).toBe(200);
    expect((await a.view()).agent_state).toBe('ready');

    const placed = await c.request('POST', '/__mock/inbound', {
      body: { did: '0861000004', phone_number: '0821234567' },
    });
    expect(placed.status).toBe(200);
    const view = await a.view();
    expect([view.agent_state, view.call_id]).toEqual(['on_call', placed.body.call_id]);
  });
});
