/**
 * Edits to a lead after the dialler has seen it (it dialled it once: busy, recycled after one minute) are picked up:
 * an edited number is dialled as edited, a deleted or DNC lead is never dialled again, a lead moved to another
 * campaign's list is dialled by that campaign only, a lead re-opened (`status: NEW`) is dialled again, a schedule set
 * later holds it back.
 *
 * @module
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockOmni } from '../../../src/index.js';
import { type OmniTestClient, startMock } from '../../support/omni-client.js';
import { agentOf, freshSystem } from '../../support/telephony.js';
import { addLead, campaignWithList, lead, mockCall } from './support/http-campaign.js';

let mock: MockOmni;
let root: OmniTestClient;
beforeAll(async () => {
  ({ mock, client: root } = await startMock());
});
afterAll(() => mock.close());

const RECYCLE_MS = 60_000;

/** A Progressive campaign whose one ready agent has dialled `phone` once: busy, due again in a minute. */
async function seenOnce(phone = '0800555002') {
  const c = await freshSystem(root);
  const token = await c.login('agent1');
  const { campaignId, listId } = await campaignWithList(c, token, 1, { recycle_delay_minutes: 1, max_attempts: 5 });
  const leadId = await addLead(c, token, listId, phone);
  const agent = await agentOf(c, 1, { campaignId });
  await agent.state('ready');
  await c.advance(2_000); // busy after 1 s
  const seen = await lead(c, token, leadId);
  expect([seen.attempts, seen.status]).toEqual([1, 'B']);
  const stats = async () => (await c.request('GET', `/__mock/campaigns/${campaignId}/stats`)).body;
  const put = (body: Record<string, unknown>) => c.request('PUT', `/omni/lead/${leadId}`, { token, body });
  return { c, token, campaignId, listId, leadId, agent, stats, put };
}

describe('lead edits the dialler has to pick up', () => {
  it('an edited number is dialled as edited', async () => {
    const s = await seenOnce();
    expect((await s.put({ phone_numbers: [{ phone_number: '0800555008' }] })).status).toBe(200);
    await s.c.advance(RECYCLE_MS);
    const after = await lead(s.c, s.token, s.leadId);
    expect(after.attempts).toBe(2);
    expect((await mockCall(s.c, after.last_call_id)).body.call.phone_number).toBe('0800555008');
    await s.c.advance(1_000);
    expect((await s.agent.view()).call_id).toBe(after.last_call_id);
  });

  it('a deleted lead, a lead set to DNC and a lead whose number joins the DNC list are never dialled again', async () => {
    for (const edit of ['delete', 'status', 'dnc-list'] as const) {
      const s = await seenOnce();
      if (edit === 'delete')
        expect((await s.c.request('DELETE', `/omni/lead/${s.leadId}`, { token: s.token })).status).toBe(200);
      if (edit === 'status') expect((await s.put({ status: 'DNC' })).status).toBe(200);
      if (edit === 'dnc-list')
        expect((await s.c.request('POST', '/__mock/dnc', { body: { phone_numbers: ['0800555002'] } })).status).toBe(
          200,
        );
      await s.c.advance(10 * RECYCLE_MS);
      const stats = await s.stats();
      expect([edit, stats.dials, stats.leads_remaining]).toEqual([edit, 1, 0]);
    }
  });

  it('a lead moved to another campaign’s list is dialled by that campaign, not the first', async () => {
    const s = await seenOnce();
    const other = await campaignWithList(s.c, s.token, 1);
    expect((await s.put({ list_id: other.listId, phone_numbers: [{ phone_number: '0800555008' }] })).status).toBe(200);
    await s.c.advance(2 * RECYCLE_MS);
    expect((await s.stats()).dials).toBe(1);
    expect((await lead(s.c, s.token, s.leadId)).attempts).toBe(1);
    const second = await agentOf(s.c, 2, { campaignId: other.campaignId });
    await second.state('ready');
    const dialled = await lead(s.c, s.token, s.leadId);
    expect(dialled.attempts).toBe(2);
    expect((await mockCall(s.c, dialled.last_call_id)).body.call.campaign_id).toBe(other.campaignId);
  });

  it('a lead re-opened with status NEW is dialled again; a final code retires it', async () => {
    const s = await seenOnce();
    expect((await s.put({ status: 'SALE' })).status).toBe(200);
    await s.c.advance(3 * RECYCLE_MS);
    expect((await lead(s.c, s.token, s.leadId)).attempts).toBe(1);
    expect((await s.put({ status: 'NEW', phone_numbers: [{ phone_number: '0800555008' }] })).status).toBe(200);
    const reopened = await lead(s.c, s.token, s.leadId);
    expect(reopened.attempts).toBe(2); // the agent is ready: dialled at once
    expect((await mockCall(s.c, reopened.last_call_id)).body.call.phone_number).toBe('0800555008');
  });

  it('a high-priority edit puts the lead ahead; a schedule set later holds it back until then', async () => {
    const s = await seenOnce();
    await s.agent.state('paused');
    const plain = await addLead(s.c, s.token, s.listId, '0800555002');
    expect((await s.put({ phone_numbers: [{ phone_number: '0800555002', high_priority: true }] })).status).toBe(200);
    await s.c.advance(RECYCLE_MS);
    await s.agent.state('ready');
    expect((await lead(s.c, s.token, s.leadId)).attempts).toBe(2); // ahead of the plain lead due earlier
    expect((await lead(s.c, s.token, plain)).attempts).toBe(0);
    await s.c.advance(2_000); // busy again; the plain lead is next
    expect((await lead(s.c, s.token, plain)).attempts).toBe(1);

    await s.agent.state('paused');
    const later = await addLead(s.c, s.token, s.listId, '0800555009');
    const clock = (await s.c.request('GET', '/__mock/clock')).body;
    const inAnHour = new Date((clock.now_ms as number) + 3_600_000).toISOString();
    const held = await s.c.request('PUT', `/omni/lead/${later}`, {
      token: s.token,
      body: { phone_numbers: [{ phone_number: '0800555009', schedule_call_date_time: inAnHour }] },
    });
    expect(held.status).toBe(200);
    await s.agent.state('ready');
    await s.c.advance(30 * 60_000);
    expect((await lead(s.c, s.token, later)).attempts).toBe(0);
    await s.c.advance(40 * 60_000);
    expect((await lead(s.c, s.token, later)).attempts).toBe(1);
  });
});
