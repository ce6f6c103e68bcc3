/**
 * A lead an agent calls itself (`POST …/call` with `lead_id`) is held for that call (inferred): no campaign dials it
 * for another agent while the call runs, and the call's end lets it go with its disposition (a `CALLBK` is dialled
 * again at its date).
 *
 * @module
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockOmni } from '../../../src/index.js';
import { type OmniTestClient, startMock } from '../../support/omni-client.js';
import { agentOf, freshSystem } from '../../support/telephony.js';
import { addLead, campaignWithList, lead } from './support/http-campaign.js';

let mock: MockOmni;
let root: OmniTestClient;
beforeAll(async () => {
  ({ mock, client: root } = await startMock());
});
afterAll(() => mock.close());

describe('a lead an agent calls with lead_id', () => {
  it('is not dialled by the campaign while the agent’s call runs, and is again after it', async () => {
    const c = await freshSystem(root);
    const token = await c.login('agent1');
    const { campaignId, listId } = await campaignWithList(c, token, 1, { max_attempts: 5 });
    const leadId = await addLead(c, token, listId, '0800555009');
    const caller = await agentOf(c, 1, { campaignId });
    const other = await agentOf(c, 2, { campaignId });

    const call = await caller.dial('0800555009', { lead_id: leadId });
    expect(call.status).toBe(200);
    expect((await other.state('ready')).status).toBe(200);
    await c.advance(8_000);
    expect((await lead(c, token, leadId)).attempts).toBe(1);
    expect((await other.view()).agent_state).toBe('ready');

    expect((await caller.command(call.body.call_id, 'hangup')).status).toBe(200);
    const dispose = await caller.command(call.body.call_id, 'dispose', {
      disposition_code: 'CALLBK',
      callback_date_time: '2026-01-05T08:10:00Z',
    });
    expect(dispose.status).toBe(200);
    expect((await lead(c, token, leadId)).status).toBe('CALLBK');
    await c.advance(10 * 60_000);
    const view = await other.view();
    expect(view.agent_state === 'on_call' || view.agent_state === 'wrap_up').toBe(true);
    expect((await other.call(view.call_id)).lead_id).toBe(leadId);
    expect((await lead(c, token, leadId)).attempts).toBe(2);
  });
});
