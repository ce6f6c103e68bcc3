/**
 * The campaign series' math (pure): the window a query asks for, counts per bucket, the drop rate per bucket and
 * cumulative, the queue's time-weighted mean and its peak, agents by state, and the per-agent timeline — on calls and
 * state changes written out by hand.
 *
 * @module
 */

import { describe, expect, it } from 'vitest';
import { initialCallState, type TimelineEvent } from '../../../src/engine/calls/call-machine.js';
import type { CallRecord } from '../../../src/engine/calls/call-record.js';
import type { AgentStateChange } from '../../../src/engine/dialler/campaign-history.js';
import { buildCampaignSeries, firstActivity, seriesWindow } from '../../../src/engine/dialler/campaign-series.js';
import { DomainError } from '../../../src/engine/domain-error.js';

const T0 = Date.parse('2026-01-05T08:00:00.000Z');
const MIN = 60_000;

function call(
  callId: number,
  callType: 2 | 3,
  events: [TimelineEvent, number][],
  extra: Partial<CallRecord> = {},
): CallRecord {
  return {
    callId,
    userId: 0,
    campaignId: 5,
    listId: 0,
    leadId: 0,
    shotgunId: 0,
    parentCallId: 0,
    phoneNumber: '0820000000',
    callerId: '',
    dnis: '',
    uniqueId: '',
    direction: callType === 3 ? 'inbound' : 'outbound',
    callType,
    machine: initialCallState('system'),
    outcome: null,
    sipCode: 0,
    dispositionCode: null,
    recordingFile: '',
    timeline: events.map(([event, at]) => ({ event, at })),
    ...extra,
  };
}

describe('seriesWindow', () => {
  it('aligns the start down to the bucket; the last bucket ends at to', () => {
    const w = seriesWindow({
      bucket: 60,
      from: T0 + 30_000,
      to: T0 + 3 * MIN + 10_000,
      now: T0,
      firstActivity: undefined,
    });
    expect(w).toEqual({ start: T0, to: T0 + 3 * MIN + 10_000, bucketMs: MIN, buckets: 4 });
  });

  it('defaults: to now, from the first activity, the smallest bucket that fits 1440 buckets', () => {
    const day = seriesWindow({ now: T0 + 8 * 60 * MIN, firstActivity: T0, bucket: undefined });
    expect([day.start, day.bucketMs, day.buckets]).toEqual([T0, MIN, 480]);
    const week = seriesWindow({ now: T0 + 7 * 24 * 60 * MIN, firstActivity: T0 });
    expect([week.bucketMs, week.buckets]).toEqual([900_000, 672]);
    const idle = seriesWindow({ now: T0, firstActivity: undefined });
    expect([idle.start, idle.buckets]).toEqual([T0 - 60 * MIN, 60]);
  });

  it('keeps the latest 1440 buckets of a default window; refuses an explicit one that needs more', () => {
    const w = seriesWindow({ bucket: 10, now: T0 + 24 * 60 * MIN, firstActivity: T0 });
    expect(w.buckets).toBe(1440);
    expect(w.to - w.start).toBe(1440 * 10_000);
    expect(() =>
      seriesWindow({ bucket: 10, from: T0, to: T0 + 24 * 60 * MIN, now: T0, firstActivity: undefined }),
    ).toThrow(DomainError);
    expect(() => seriesWindow({ from: T0, to: T0, now: T0, firstActivity: undefined })).toThrow(
      /from must be before to/,
    );
  });
});

describe('buildCampaignSeries', () => {
  const window = { start: T0, to: T0 + 4 * MIN, bucketMs: MIN, buckets: 4 };

  it('counts dialler calls per bucket, and the drop rate per bucket and cumulative (earlier calls included)', () => {
    const calls = [
      // Before the window: one connect, one drop.
      call(1, 2, [
        ['initiated', T0 - 5 * MIN],
        ['answered', T0 - 5 * MIN + 5000],
        ['agent_connected', T0 - 5 * MIN + 5000],
      ]),
      call(
        2,
        2,
        [
          ['initiated', T0 - 4 * MIN],
          ['answered', T0 - 4 * MIN + 5000],
          ['ended', T0 - 4 * MIN + 7000],
        ],
        {
          dispositionCode: 'DROP',
        },
      ),
      // Bucket 0: two dials, one connect; bucket 1: the other dropped.
      call(3, 2, [
        ['initiated', T0 + 1000],
        ['answered', T0 + 9000],
        ['agent_connected', T0 + 9000],
      ]),
      call(
        4,
        2,
        [
          ['initiated', T0 + 2000],
          ['answered', T0 + 58_000],
          ['ended', T0 + MIN + 1000],
        ],
        {
          dispositionCode: 'DROP',
        },
      ),
      // Bucket 2: a machine (answered then screened, `A`), no rate change.
      call(
        5,
        2,
        [
          ['initiated', T0 + 2 * MIN],
          ['answered', T0 + 2 * MIN + 4000],
          ['ended', T0 + 2 * MIN + 4000],
        ],
        {
          outcome: 'machine',
          dispositionCode: 'A',
        },
      ),
    ];
    const s = buildCampaignSeries({
      campaignId: 5,
      targetDropPercentage: 3,
      window,
      calls,
      changes: [],
      at: window.to,
    });
    expect(s.buckets.dials).toEqual([2, 0, 1, 0]);
    expect(s.buckets.connects).toEqual([1, 0, 0, 0]);
    expect(s.buckets.drops).toEqual([0, 1, 0, 0]);
    expect(s.buckets.answering_machines).toEqual([0, 0, 1, 0]);
    expect(s.buckets.drop_rate).toEqual([0, 100, null, null]);
    // 1 + 1 before; then 2 connects 1 drop → 1/3; then 2 drops of 4.
    expect(s.buckets.drop_rate_cumulative).toEqual([33.33, 50, 50, 50]);
    expect(s.buckets.start[1]).toBe('2026-01-05T08:01:00.000Z');
    expect(s.target_drop_percentage).toBe(3);
  });

  it('the inbound queue: offered, answered with its wait, abandoned; mean length and peak per bucket', () => {
    const calls = [
      // Waits 0:00–0:30, answered in bucket 0 (ASA 30 s).
      call(1, 3, [
        ['initiated', T0],
        ['queued', T0],
        ['answered', T0 + 30_000],
        ['agent_connected', T0 + 30_000],
      ]),
      // Waits 0:20–1:20, answered in bucket 1 (ASA 60 s).
      call(2, 3, [
        ['initiated', T0 + 20_000],
        ['queued', T0 + 20_000],
        ['agent_connected', T0 + 80_000],
      ]),
      // Waits 1:00–2:30 and leaves (`ABAND`).
      call(
        3,
        3,
        [
          ['initiated', T0 + MIN],
          ['queued', T0 + MIN],
          ['ended', T0 + 150_000],
        ],
        { dispositionCode: 'ABAND' },
      ),
      // Still waiting from 3:30 up to now (4:00).
      call(4, 3, [
        ['initiated', T0 + 210_000],
        ['queued', T0 + 210_000],
      ]),
    ];
    const s = buildCampaignSeries({
      campaignId: 5,
      targetDropPercentage: 3,
      window,
      calls,
      changes: [],
      at: window.to,
    });
    expect(s.buckets.inbound_offered).toEqual([2, 1, 0, 1]);
    expect(s.buckets.inbound_answered).toEqual([1, 1, 0, 0]);
    expect(s.buckets.abandoned).toEqual([0, 0, 1, 0]);
    expect(s.buckets.average_speed_of_answer_ms).toEqual([30_000, 60_000, null, null]);
    // Bucket 0: 30 s + 40 s of waiting over 60 s; bucket 1: 20 s + 60 s; bucket 2: 30 s; bucket 3: 30 s.
    expect(s.buckets.queue_length).toEqual([1.17, 1.33, 0.5, 0.5]);
    expect(s.buckets.queue_length_max).toEqual([2, 2, 1, 1]);
  });

  it('agents by state (time-weighted) and the per-agent timeline of the last hour; other campaigns left out', () => {
    const changes: AgentStateChange[] = [
      { userId: 7, campaignId: 5, state: 'paused', at: T0 - 10 * MIN },
      { userId: 7, campaignId: 5, state: 'ready', at: T0 + 30_000 },
      { userId: 7, campaignId: 5, state: 'on_call', at: T0 + 2 * MIN },
      { userId: 8, campaignId: 2, state: 'ready', at: T0 },
      { userId: 9, campaignId: 5, state: 'ready', at: T0 + MIN },
      { userId: 9, campaignId: 0, state: 'logged_out', at: T0 + 90_000 },
    ];
    const s = buildCampaignSeries({
      campaignId: 5,
      targetDropPercentage: 3,
      window,
      calls: [],
      changes,
      at: window.to,
    });
    expect(s.buckets.agents.paused).toEqual([0.5, 0, 0, 0]);
    expect(s.buckets.agents.ready).toEqual([0.5, 1.5, 0, 0]);
    expect(s.buckets.agents.on_call).toEqual([0, 0, 1, 1]);
    expect(s.buckets.agents.wrap_up).toEqual([0, 0, 0, 0]);
    expect(s.agent_timeline.from).toBe('2026-01-05T07:04:00.000Z');
    expect(s.agent_timeline.agents).toEqual([
      {
        user_id: 7,
        spans: [
          { state: 'paused', from: '2026-01-05T07:50:00.000Z', to: '2026-01-05T08:00:30.000Z' },
          { state: 'ready', from: '2026-01-05T08:00:30.000Z', to: '2026-01-05T08:02:00.000Z' },
          { state: 'on_call', from: '2026-01-05T08:02:00.000Z', to: '2026-01-05T08:04:00.000Z' },
        ],
      },
      { user_id: 9, spans: [{ state: 'ready', from: '2026-01-05T08:01:00.000Z', to: '2026-01-05T08:01:30.000Z' }] },
    ]);
    expect(firstActivity([], changes, 5)).toBe(T0 - 10 * MIN);
    expect(firstActivity([], changes, 2)).toBe(T0);
    expect(firstActivity([], changes, 4)).toBeUndefined();
  });
});
