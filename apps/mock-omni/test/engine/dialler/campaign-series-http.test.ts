/**
 * `GET /__mock/campaigns/{campaign_id}/series` over the SQLite integration: a blended campaign's hours on a manual
 * clock give hours of buckets, whose sums are the statistics' figures; the per-agent timeline covers the last hour;
 * bad queries answer 400 in the contract's error body.
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

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** Campaign 5 (Progressive blended) with three ready agents and callers arriving, run for `hours`. */
async function blendedDay(hours: number): Promise<OmniTestClient> {
  const c = await freshSystem(root);
  for (const n of [1, 2, 3]) await (await agentOf(c, n, { campaignId: 5 })).state('ready');
  const arrivals = await c.request('PUT', '/__mock/inbound/arrivals', {
    body: { campaign_id: 5, calls_per_hour: Array.from({ length: 24 }, () => 90), patience_median_seconds: 20 },
  });
  expect(arrivals.status).toBe(200);
  for (let h = 0; h < hours; h++) await c.advance(3_600_000);
  return c;
}

describe('GET /__mock/campaigns/{campaign_id}/series', () => {
  it('draws hours after the manual clock advances by hours; bucket sums are the statistics', async () => {
    const c = await blendedDay(2);
    const stats = (await c.request('GET', '/__mock/campaigns/5/stats')).body;
    const res = await c.request('GET', '/__mock/campaigns/5/series?bucket=60');
    expect(res.status).toBe(200);
    const s = res.body;
    const b = s.buckets;
    // Two hours of minutes (the first bucket is aligned down to the minute).
    expect(b.start.length).toBeGreaterThanOrEqual(120);
    expect(b.start.length).toBeLessThanOrEqual(121);
    for (const key of ['dials', 'connects', 'drops', 'drop_rate', 'queue_length', 'average_speed_of_answer_ms'])
      expect(b[key]).toHaveLength(b.start.length);
    expect(b.agents.ready).toHaveLength(b.start.length);
    expect(s.bucket_seconds).toBe(60);
    expect(s.target_drop_percentage).toBe(3);
    expect(s.to).toBe(stats.at);
    expect(stats.dials).toBeGreaterThan(0);
    expect(stats.inbound_offered).toBeGreaterThan(50);
    expect(sum(b.dials)).toBe(stats.dials);
    expect(sum(b.connects)).toBe(stats.connects);
    expect(sum(b.drops)).toBe(stats.drops);
    expect(sum(b.answering_machines)).toBe(stats.answering_machines);
    expect(sum(b.inbound_offered)).toBe(stats.inbound_offered);
    expect(sum(b.inbound_answered)).toBe(stats.inbound_answered);
    expect(sum(b.abandoned)).toBe(stats.abandoned);
    expect(b.drop_rate_cumulative.at(-1) ?? 0).toBe(stats.drop_rate);
    // Three agents logged in all along: every whole bucket's states add up to three.
    const middle = 30;
    const inMiddle =
      b.agents.ready[middle] + b.agents.on_call[middle] + b.agents.wrap_up[middle] + b.agents.paused[middle];
    expect(inMiddle).toBeCloseTo(3, 1);
    // The per-agent timeline: the last hour of each of the three, without gaps.
    const t = s.agent_timeline;
    expect(Date.parse(t.to) - Date.parse(t.from)).toBe(3_600_000);
    expect(t.agents.map((a: { user_id: number }) => a.user_id)).toEqual([1, 2, 3]);
    for (const agent of t.agents) {
      const covered = sum(
        agent.spans.map((sp: { from: string; to: string }) => Date.parse(sp.to) - Date.parse(sp.from)),
      );
      expect(covered).toBe(3_600_000);
      expect(new Set(agent.spans.map((sp: { state: string }) => sp.state)).has('on_call')).toBe(true);
    }
  });

  it('chooses the bucket to fit when none is given, and honours from/to', async () => {
    const c = await blendedDay(1);
    const auto = (await c.request('GET', '/__mock/campaigns/5/series')).body;
    expect(auto.bucket_seconds).toBe(60);
    const clock = (await c.request('GET', '/__mock/clock')).body;
    const to = clock.now_ms as number;
    const from = new Date(to - 30 * 60_000).toISOString();
    const part = await c.request(
      'GET',
      `/__mock/campaigns/5/series?bucket=300&from=${encodeURIComponent(from)}&to=${encodeURIComponent(clock.now)}`,
    );
    expect(part.status).toBe(200);
    expect(part.body.buckets.start).toHaveLength(6);
    expect(part.body.from).toBe(from);
  });

  it('bad inputs answer 400 (or 404) in the contract’s error body', async () => {
    const c = await freshSystem(root);
    const now = (await c.request('GET', '/__mock/clock')).body.now as string;
    const dayBefore = new Date(Date.parse(now) - 86_400_000).toISOString();
    const cases: [string, number, string][] = [
      ['bucket=5', 400, 'bucket'],
      ['bucket=86401', 400, 'bucket'],
      ['bucket=abc', 400, 'bucket'],
      ['bucket=60.5', 400, 'bucket'],
      ['from=yesterday', 400, 'from'],
      [`from=${encodeURIComponent(now)}&to=${encodeURIComponent(dayBefore)}`, 400, 'from'],
      [`bucket=10&from=${encodeURIComponent(dayBefore)}`, 400, 'bucket'],
      ['buckets=60', 400, ''],
    ];
    for (const [query, status, field] of cases) {
      const res = await c.request('GET', `/__mock/campaigns/5/series?${query}`);
      expect([query, res.status, res.body.success, res.body.error_code]).toEqual([
        query,
        status,
        false,
        'VALIDATION_FAILED',
      ]);
      expect(typeof res.body.detail).toBe('string');
      if (field) expect(JSON.stringify(res.body.errors ?? res.body.detail)).toContain(field);
    }
    const none = await c.request('GET', '/__mock/campaigns/999999/series');
    expect([none.status, none.body.error_code]).toEqual([404, 'NOT_FOUND']);
    const zero = await c.request('GET', '/__mock/campaigns/0/series');
    expect(zero.status).toBe(400);
  });

  it('a campaign with no activity gives an hour of empty buckets', async () => {
    const c = await freshSystem(root);
    const res = await c.request('GET', '/__mock/campaigns/2/series');
    expect(res.status).toBe(200);
    expect(res.body.buckets.start).toHaveLength(60);
    expect(sum(res.body.buckets.dials)).toBe(0);
    expect(res.body.buckets.drop_rate.every((v: number | null) => v === null)).toBe(true);
    expect(res.body.agent_timeline.agents).toEqual([]);
  });
});
