/**
 * The dialler's control routes over the SQLite integration: one inbound call on demand (demo campaign 4 is Inbound on
 * DID 0861000004), the seeded arrival process, the campaign statistics.
 *
 * @module
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockOmni } from '../../../src/index.js';
import { type OmniTestClient, startMock } from '../../support/omni-client.js';
import { agentOf, freshSystem, label, recorded } from '../../support/telephony.js';

let mock: MockOmni;
let root: OmniTestClient;
beforeAll(async () => {
  ({ mock, client: root } = await startMock());
});
afterAll(() => mock.close());

const DID = '0861000004';
const everyHour = (n: number) => Array.from({ length: 24 }, () => n);

describe('POST /__mock/inbound', () => {
  it('goes to the ready agent at once: on_call, the inbound notification, counted in the statistics', async () => {
    const c = await freshSystem(root);
    const a = await agentOf(c, 1, { campaignId: 4 });
    await a.state('ready');
    const placed = await c.request('POST', '/__mock/inbound', { body: { did: DID, phone_number: '0827770001' } });
    expect(placed.status).toBe(200);
    const callId = placed.body.call_id as number;
    const user = await a.view();
    expect([user.agent_state, user.call_id]).toEqual(['on_call', callId]);
    expect(await a.call(callId)).toMatchObject({ call_type: 3, phone_number: '0827770001', call_state: 'answered' });
    const notes = (await recorded(c)).filter((n) => n.call_id === callId).map((n) => label(n.notification));
    expect(notes).toContain('inbound');
    const stats = await c.request('GET', '/__mock/campaigns/4/stats');
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({ campaign_id: 4, inbound_offered: 1, inbound_answered: 1, abandoned: 0 });
    expect(stats.body.agents).toMatchObject({ on_call: 1, ready: 0 });
  });

  it('queues with no agent free, and the caller abandons when their patience runs out (ABAND)', async () => {
    const c = await freshSystem(root);
    await agentOf(c, 1, { campaignId: 4 }); // logged in, paused
    const placed = await c.request('POST', '/__mock/inbound', { body: { did: DID, phone_number: '0827770002' } });
    expect(placed.status).toBe(200);
    expect((await c.request('GET', '/__mock/campaigns/4/stats')).body).toMatchObject({ queue_length: 1 });
    await c.advance(3_600_000);
    const stats = (await c.request('GET', '/__mock/campaigns/4/stats')).body;
    expect(stats).toMatchObject({ inbound_offered: 1, inbound_answered: 0, abandoned: 1, queue_length: 0 });
    expect(stats.abandon_rate).toBe(100);
    expect(stats.dispositions).toMatchObject({ ABAND: 1 });
  });

  it('bad inputs: a DID no campaign takes is 404; a malformed body 400; nothing changes', async () => {
    const c = await freshSystem(root);
    const none = await c.request('POST', '/__mock/inbound', {
      body: { did: '0869999999', phone_number: '0827770003' },
    });
    expect([none.status, none.body.error_code]).toEqual([404, 'NOT_FOUND']);
    const bad = await c.request('POST', '/__mock/inbound', { body: { did: DID } });
    expect([bad.status, bad.body.error_code]).toEqual([400, 'VALIDATION_FAILED']);
    const extra = await c.request('POST', '/__mock/inbound', { body: { did: DID, phone_number: '0827770003', x: 1 } });
    expect(extra.status).toBe(400);
    expect((await c.request('GET', '/__mock/campaigns/4/stats')).body.inbound_offered).toBe(0);
  });
});

describe('the arrival process', () => {
  it('rings the campaign at the set rate under the system seed; GET shows it, DELETE stops it', async () => {
    const c = await freshSystem(root);
    const set = await c.request('PUT', '/__mock/inbound/arrivals', {
      body: { campaign_id: 4, calls_per_hour: everyHour(120) },
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ campaign_id: 4, dids: [DID], arrived: 0 });
    expect(set.body.next_arrival_at).not.toBeNull();
    await c.advance(3_600_000);
    const view = (await c.request('GET', '/__mock/inbound/arrivals/4')).body;
    // 120 an hour: a Poisson count with sd ≈ 11; 60–180 is more than 5 sd either side.
    expect(view.arrived).toBeGreaterThan(60);
    expect(view.arrived).toBeLessThan(180);
    const stats = (await c.request('GET', '/__mock/campaigns/4/stats')).body;
    expect(stats.inbound_offered).toBe(view.arrived);
    expect((await c.request('DELETE', '/__mock/inbound/arrivals/4')).status).toBe(200);
    expect((await c.request('GET', '/__mock/inbound/arrivals/4')).status).toBe(404);
    await c.advance(3_600_000);
    expect((await c.request('GET', '/__mock/campaigns/4/stats')).body.inbound_offered).toBe(view.arrived);
  });

  it.each([
    ['is_blended false (outbound only)', 5, '0861000005', { is_blended: false }, { is_blended: true }],
    ['campaign_type Progressive', 4, DID, { campaign_type: 1 }, { campaign_type: 7 }],
    ['its DID taken off inbound_dids', 4, DID, { inbound_dids: ['0861000099'] }, { inbound_dids: [DID] }],
  ])(
    'places nobody while the campaign takes no calls on its DIDs (%s), and again once it does',
    async (_name, campaignId, did, off, on) => {
      const c = await freshSystem(root);
      const token = await c.login('agent1');
      const put = (body: Record<string, unknown>) =>
        c.request('PUT', `/omni/campaign/${campaignId}`, { token, body }).then((r) => expect(r.status).toBe(200));
      const offered = async () =>
        (await c.request('GET', `/__mock/campaigns/${campaignId}/stats`)).body.inbound_offered;
      const set = await c.request('PUT', '/__mock/inbound/arrivals', {
        body: { campaign_id: campaignId, calls_per_hour: everyHour(120), dids: [did] },
      });
      expect(set.status).toBe(200);
      await c.advance(1_800_000);
      const before = await offered();
      expect(before).toBeGreaterThan(20);
      await put(off);
      await c.advance(3_600_000);
      const view = (await c.request('GET', `/__mock/inbound/arrivals/${campaignId}`)).body;
      expect(view.arrived).toBe(before);
      expect(await offered()).toBe(before);
      // Still running: callers come again as soon as the campaign takes them.
      expect(view.next_arrival_at).not.toBeNull();
      await put(on);
      await c.advance(1_800_000);
      const after = (await c.request('GET', `/__mock/inbound/arrivals/${campaignId}`)).body.arrived;
      expect(after).toBeGreaterThan(before + 20);
      expect(await offered()).toBe(after);
    },
  );

  it('is the same on the same seed', async () => {
    const run = async () => {
      const c = await freshSystem(root, { seed: 7 });
      await c.request('PUT', '/__mock/inbound/arrivals', { body: { campaign_id: 4, calls_per_hour: everyHour(200) } });
      await c.advance(1_800_000);
      return (await c.request('GET', '/__mock/inbound/arrivals/4')).body.arrived;
    };
    expect(await run()).toBe(await run());
  });

  it('bad inputs: 23 hours, an unknown campaign, no process to read or stop', async () => {
    const c = await freshSystem(root);
    const short = await c.request('PUT', '/__mock/inbound/arrivals', {
      body: { campaign_id: 4, calls_per_hour: everyHour(1).slice(1) },
    });
    expect([short.status, short.body.error_code]).toEqual([400, 'VALIDATION_FAILED']);
    const unknown = await c.request('PUT', '/__mock/inbound/arrivals', {
      body: { campaign_id: 99, calls_per_hour: everyHour(1) },
    });
    expect(unknown.status).toBe(404);
    expect((await c.request('GET', '/__mock/inbound/arrivals/4')).status).toBe(404);
    expect((await c.request('DELETE', '/__mock/inbound/arrivals/4')).status).toBe(404);
    expect((await c.request('GET', '/__mock/campaigns/99/stats')).status).toBe(404);
    expect((await c.request('GET', '/__mock/campaigns/abc/stats')).status).toBe(400);
  });
});
