/**
 * A lead held for an agent in preview and then deleted, set to `DNC` or moved out of the campaign's lists is not
 * handed out again: `preview/next` lets go of it and answers the next lead due (inferred: Omni reads the lead as it is).
 *
 * @module
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockOmni } from '../../../src/index.js';
import { type OmniTestClient, startMock } from '../../support/omni-client.js';
import { agentOf, freshSystem, type TestAgent } from '../../support/telephony.js';
import { addLead, campaignWithList } from './support/http-campaign.js';

let mock: MockOmni;
let root: OmniTestClient;
beforeAll(async () => {
  ({ mock, client: root } = await startMock());
});
afterAll(() => mock.close());

const next = async (a: TestAgent) => {
  const res = await a.post('/omni/users/1/preview/next');
  expect(res.status).toBe(200);
  return (res.body.lead?.lead_id ?? null) as number | null;
};

describe('preview/next after the lead held for the agent changed', () => {
  it('a deleted lead: the next lead; none left: null', async () => {
    const c = await freshSystem(root);
    const token = await c.login('agent1');
    const { campaignId, listId } = await campaignWithList(c, token, 2);
    const first = await addLead(c, token, listId, '0800555008');
    const second = await addLead(c, token, listId, '0800555009');
    const a = await agentOf(c, 1, { campaignId });
    expect(await next(a)).toBe(first);
    expect((await c.request('DELETE', `/omni/lead/${first}`, { token })).status).toBe(200);
    expect(await next(a)).toBe(second);
    expect((await c.request('DELETE', `/omni/lead/${second}`, { token })).status).toBe(200);
    expect(await next(a)).toBeNull();
  });

  it('a lead set to DNC, or moved to another campaign’s list: the next lead', async () => {
    const c = await freshSystem(root);
    const token = await c.login('agent1');
    const { campaignId, listId } = await campaignWithList(c, token, 2);
    const elsewhere = await campaignWithList(c, token, 2);
    const first = await addLead(c, token, listId, '0800555008');
    const second = await addLead(c, token, listId, '0800555009');
    const third = await addLead(c, token, listId, '0800555001');
    const a = await agentOf(c, 1, { campaignId });
    expect(await next(a)).toBe(first);
    expect((await c.request('PUT', `/omni/lead/${first}`, { token, body: { status: 'DNC' } })).status).toBe(200);
    expect(await next(a)).toBe(second);
    const moved = await c.request('PUT', `/omni/lead/${second}`, { token, body: { list_id: elsewhere.listId } });
    expect(moved.status).toBe(200);
    expect(await next(a)).toBe(third);
    // Asking again keeps the lead still held.
    expect(await next(a)).toBe(third);
  });
});
