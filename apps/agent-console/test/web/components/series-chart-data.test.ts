/**
 * The supervisor charts' math: counts per minute whatever the bucket, the target as a flat line, ASA in seconds
 * (gaps stay gaps), agents stacked from the bottom state up, the last buckets newest first, the drop rate now.
 *
 * @module
 */

import { describe, expect, it } from 'vitest';
import type { SupervisorSeries } from '../../../src/shared/console-schemas.js';
import { dropRateNow, lastBuckets, seriesChartData } from '../../../src/web/components/series-chart-data.js';

function series(bucketSeconds: number): SupervisorSeries {
  const start = ['2026-01-05T08:00:00.000Z', '2026-01-05T08:05:00.000Z', '2026-01-05T08:10:00.000Z'];
  return {
    campaign_id: 5,
    at: '2026-01-05T08:12:00.000Z',
    from: start[0] as string,
    to: '2026-01-05T08:12:00.000Z',
    bucket_seconds: bucketSeconds,
    target_drop_percentage: 3,
    buckets: {
      start,
      dials: [10, 0, 25],
      connects: [4, 0, 5],
      answering_machines: [1, 0, 0],
      drops: [1, 0, 0],
      drop_rate: [20, null, 0],
      drop_rate_cumulative: [20, 20, 10],
      inbound_offered: [2, 1, 0],
      inbound_answered: [2, 0, 0],
      abandoned: [0, 1, 0],
      queue_length: [0.5, 1.25, 0],
      queue_length_max: [1, 2, 0],
      average_speed_of_answer_ms: [1500, null, null],
      agents: { ready: [1, 0.5, 0], on_call: [2, 2.5, 3], wrap_up: [0.25, 0, 0], paused: [0, 0, 1] },
    },
    agent_timeline: { from: '2026-01-05T07:12:00.000Z', to: '2026-01-05T08:12:00.000Z', agents: [] },
  };
}

describe('seriesChartData', () => {
  it('turns counts per 5-minute bucket into counts per minute, times into epoch seconds', () => {
    const d = seriesChartData(series(300));
    expect(d.t).toEqual([1767600000, 1767600300, 1767600600]);
    expect(d.calls).toEqual([
      [2, 0, 5],
      [0.8, 0, 1],
      [0.2, 0, 0],
    ]);
    expect(seriesChartData(series(60)).calls[0]).toEqual([10, 0, 25]);
  });

  it('draws the drop rate per bucket and so far against the target as a flat line', () => {
    expect(seriesChartData(series(60)).dropRate).toEqual([
      [20, null, 0],
      [20, 20, 10],
      [3, 3, 3],
    ]);
  });

  it('gives the queue as it is and ASA in seconds, null where nobody was answered', () => {
    expect(seriesChartData(series(60)).queue).toEqual([
      [0.5, 1.25, 0],
      [1.5, null, null],
    ]);
  });

  it('stacks agents: each line is its state plus every state drawn under it', () => {
    // ready on top of on_call on top of wrap_up on top of paused.
    expect(seriesChartData(series(60)).stacked).toEqual([
      [3.25, 3, 4],
      [2.25, 2.5, 4],
      [0.25, 0, 1],
      [0, 0, 1],
    ]);
  });
});

describe('lastBuckets and dropRateNow', () => {
  it('lists the last buckets newest first, and reads the drop rate now from the last cumulative value', () => {
    const rows = lastBuckets(series(60), 2);
    expect(rows.map((r) => r.start)).toEqual(['2026-01-05T08:10:00.000Z', '2026-01-05T08:05:00.000Z']);
    expect(rows[1]).toMatchObject({
      dials: 0,
      dropRate: null,
      queue: 1.25,
      asaSeconds: null,
      agents: { on_call: 2.5 },
    });
    expect(lastBuckets(series(60), 10)).toHaveLength(3);
    expect(dropRateNow(series(60))).toBe(10);
  });
});
