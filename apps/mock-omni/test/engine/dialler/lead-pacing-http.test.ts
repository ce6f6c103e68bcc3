/**
 * Adding a lead paces the campaigns that dial its list — the list's own campaign and any campaign taking it as its
 * `default_list_id` — and dials it at once for a ready agent; a campaign that dials neither does not take it.
 *
 * @module
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockOmni } from '../../../src/index.js';
import { type OmniTestClient, startMock } from '../../support/omni-client.js';
import { agentOf, freshSystem } from '../../support/telephony.js';

let mock: MockOmni;
let root: OmniTestClient;
beforeAll(async () => {
  ({ mock, client: root } = await startMock());
});
afterAll(() => mock.close());

async function create(c: OmniTestClient, token: string, path: string, body: Record<string, unknown>) {
  const res = await c.request('POST', path, { token, body });
  expect(res.status).toBe(200);
  return res.body as Record<string, number>;
}

async function addLead(c: OmniTestClient, token: string, listId: number, phone: string) {
  const res = await c.request('POST', '/omni/lead', {
    token,
    body: { other_info: `lead ${phone}`, list_id: listId, phone_numbers: [{ phone_number: phone }] },
  });
  expect(res.status).toBe(200);
  return res.body.lead_id as number;
}

const attempts = async (c: OmniTestClient, token: string, leadId: number) =>
  (await c.request('GET', `/omni/lead/${leadId}`, { token })).body.attempts as number;

describe('pacing after a lead is added', () => {
  it('a campaign dialling the list as its default_list_id dials the new lead; a list it does not dial waits', async () => {
    const c = await freshSystem(root);
    const token = await c.login('agent1');
    // Preview campaigns own the lists: they never dial by themselves.
    const owner = await create(c, token, '/omni/campaign', { campaign_name: 'Owner', campaign_type: 2 });
    const shared = await create(c, token, '/omni/list', { list_name: 'Shared', campaign_id: owner.campaign_id });
    const other = await create(c, token, '/omni/list', { list_name: 'Other', campaign_id: owner.campaign_id });
    const progressive = await create(c, token, '/omni/campaign', {
      campaign_name: 'Progressive on the shared list',
      campaign_type: 1,
      max_lines: 1,
      default_list_id: shared.list_id,
    });
    const a = await agentOf(c, 1, { campaignId: progressive.campaign_id });
    expect((await a.state('ready')).status).toBe(200);

    const waits = await addLead(c, token, other.list_id as number, '0800555001');
    expect(await attempts(c, token, waits)).toBe(0);
    const dialled = await addLead(c, token, shared.list_id as number, '0800555002');
    expect(await attempts(c, token, dialled)).toBe(1);
    expect(await attempts(c, token, waits)).toBe(0);
  });
});
