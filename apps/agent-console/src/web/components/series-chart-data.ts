/**
 * The supervisor's charts' data from the mock's campaign series (pure): times in epoch seconds,
 * counts per minute whatever the bucket, the drop-rate lines with the target, the queue and its
 * speed of answer in seconds, agents by state stacked (each line the sum of its state and those
 * below it), and the last buckets as rows for the tables beside the charts.
 *
 * @module
 */

import type { SupervisorSeries } from '../../shared/console-schemas.js';
import { CHART_STATES, type ChartState } from './state-colours.js';

type Point = number | null;

export interface SeriesChartData {
  t: number[];
  /** Dials, connects and drops per minute. */
  calls: [Point[], Point[], Point[]];
  /** Per bucket, cumulative, and the target (a flat line). */
  dropRate: [Point[], Point[], Point[]];
  /** Mean queue length, and the average speed of answer in seconds (null: nobody answered). */
  queue: [Point[], Point[]];
  /** Stacked: `stacked[i]` is the sum of `CHART_STATES[i]` and every state after it. */
  stacked: Point[][];
}

const round2 = (v: number) => Math.round(v * 100) / 100;

export function seriesChartData(series: SupervisorSeries): SeriesChartData {
  const b = series.buckets;
  const perMinute = 60 / series.bucket_seconds;
  const rate = (xs: readonly number[]) => xs.map((v) => round2(v * perMinute));
  const t = b.start.map((s) => Date.parse(s) / 1000);
  const stacked: number[][] = [];
  let below = t.map(() => 0);
  for (const state of [...CHART_STATES].reverse()) {
    below = below.map((v, i) => round2(v + (b.agents[state][i] ?? 0)));
    stacked.unshift(below);
  }
  return {
    t,
    calls: [rate(b.dials), rate(b.connects), rate(b.drops)],
    dropRate: [b.drop_rate, b.drop_rate_cumulative, t.map(() => series.target_drop_percentage)],
    queue: [b.queue_length, b.average_speed_of_answer_ms.map((v) => (v === null ? null : round2(v / 1000)))],
    stacked,
  };
}

export interface BucketRow {
  start: string;
  dials: number;
  connects: number;
  drops: number;
  dropRate: number | null;
  queue: number;
  asaSeconds: number | null;
  agents: Record<ChartState, number>;
}

/** The last `count` buckets, newest first, for the tables that stand in for the charts. */
export function lastBuckets(series: SupervisorSeries, count: number): BucketRow[] {
  const b = series.buckets;
  const rows: BucketRow[] = [];
  for (let i = b.start.length - 1; i >= 0 && rows.length < count; i--) {
    const asa = b.average_speed_of_answer_ms[i] ?? null;
    rows.push({
      start: b.start[i] ?? '',
      dials: b.dials[i] ?? 0,
      connects: b.connects[i] ?? 0,
      drops: b.drops[i] ?? 0,
      dropRate: b.drop_rate[i] ?? null,
      queue: b.queue_length[i] ?? 0,
      asaSeconds: asa === null ? null : round2(asa / 1000),
      agents: {
        ready: b.agents.ready[i] ?? 0,
        on_call: b.agents.on_call[i] ?? 0,
        wrap_up: b.agents.wrap_up[i] ?? 0,
        paused: b.agents.paused[i] ?? 0,
      },
    });
  }
  return rows;
}

/** The drop rate the campaign stands at now: the last bucket's cumulative rate (0 when nothing was answered). */
export function dropRateNow(series: SupervisorSeries): number {
  return series.buckets.drop_rate_cumulative.at(-1) ?? 0;
}
