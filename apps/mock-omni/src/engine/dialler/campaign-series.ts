/**
 * A campaign's statistics as time series (pure): the window and bucket a query asks for, and the
 * series built from the campaign's calls and the agents' state changes. The definitions are those of
 * the statistics view (campaign-stats.ts), counted per bucket of the system's clock:
 * - dials at a dialler call's start, connects when an agent took it, machines at the answer, drops
 *   (`DROP`) when the call ended; the drop rate is drops / (connects + drops), per bucket and
 *   cumulative (every call of the campaign up to the bucket's end, as `drop_rate` reads then);
 * - inbound: offered when the caller joined the queue, answered when an agent took the call (the
 *   speed of answer is that wait), abandoned (`ABAND`) when the caller left; the queue's length is
 *   its time-weighted mean over the bucket, and its largest value;
 * - agents by state: the time-weighted mean number of the campaign's agents in each state;
 * - the per-agent timeline: each agent's spans of state in the hour before `to`.
 *
 * @module
 */

import { formatDateTime } from '@omnikit/contracts';
import {
  type AgentStateSpan,
  type CampaignSeriesView,
  SERIES_AUTO_BUCKETS_SECONDS,
  SERIES_BUCKET_SECONDS,
  SERIES_MAX_BUCKETS,
  SERIES_TIMELINE_MS,
} from '@omnikit/contracts/control';
import { callDisposition } from '../calls/call-disposition.js';
import type { TimelineEvent } from '../calls/call-machine.js';
import type { CallRecord } from '../calls/call-record.js';
import { DomainError } from '../domain-error.js';
import type { AgentStateChange } from './campaign-history.js';

const DIALLER_OUTBOUND = 2;
const INBOUND = 3;
const STATES = ['ready', 'on_call', 'wrap_up', 'paused'] as const;
type SpanState = (typeof STATES)[number];

/** The window of a series: buckets of `bucketMs` from `start` (aligned), the last one ending at `to`. */
export interface SeriesWindow {
  start: number;
  to: number;
  bucketMs: number;
  buckets: number;
}

export interface SeriesWindowInput {
  /** Seconds; absent: chosen to fit. */
  bucket?: number | undefined;
  /** Epoch ms, as asked; absent: defaults below. */
  from?: number | undefined;
  to?: number | undefined;
  /** The system's clock now. */
  now: number;
  /** The campaign's first recorded activity, if any. */
  firstActivity: number | undefined;
}

const bucketsOf = (from: number, to: number, bucketMs: number) => {
  const start = Math.floor(from / bucketMs) * bucketMs;
  return { start, buckets: Math.max(1, Math.ceil((to - start) / bucketMs)) };
};

/**
 * The window a query asks for. Defaults: `to` now; `from` the first activity (or an hour before
 * `to`); the bucket the smallest automatic size that fits. A window asked for explicitly that needs
 * more than {@link SERIES_MAX_BUCKETS} buckets is refused (400), as is `from` not before `to`; a
 * default `from` is moved later instead.
 */
export function seriesWindow(input: SeriesWindowInput): SeriesWindow {
  const to = input.to ?? input.now;
  const explicitFrom = input.from !== undefined;
  let from = input.from ?? (input.firstActivity !== undefined ? input.firstActivity : to - 3_600_000);
  if (!explicitFrom && from >= to) from = to - 3_600_000;
  if (from >= to) throw DomainError.validation('from', `must be before to (${formatDateTime(to)})`);
  let bucketMs: number;
  if (input.bucket !== undefined) {
    bucketMs = input.bucket * 1000;
  } else {
    const fits = SERIES_AUTO_BUCKETS_SECONDS.find((s) => bucketsOf(from, to, s * 1000).buckets <= SERIES_MAX_BUCKETS);
    bucketMs = (fits ?? SERIES_BUCKET_SECONDS.max) * 1000;
  }
  let { start, buckets } = bucketsOf(from, to, bucketMs);
  if (buckets > SERIES_MAX_BUCKETS) {
    if (explicitFrom)
      throw DomainError.validation(
        'bucket',
        `gives ${buckets} buckets from ${formatDateTime(from)} to ${formatDateTime(to)}: at most ${SERIES_MAX_BUCKETS} (a larger bucket or a shorter window)`,
      );
    // The default window keeps its most recent buckets.
    ({ start, buckets } = bucketsOf(to - SERIES_MAX_BUCKETS * bucketMs + 1, to, bucketMs));
  }
  return { start, to, bucketMs, buckets };
}

/** When the campaign first did anything the series count: its first call, or an agent's first state in it. */
export function firstActivity(
  calls: readonly CallRecord[],
  changes: readonly AgentStateChange[],
  campaignId: number,
): number | undefined {
  let first: number | undefined;
  for (const c of calls) {
    const at = c.timeline[0]?.at;
    if (at !== undefined && (first === undefined || at < first)) first = at;
  }
  for (const ch of changes) {
    if (ch.campaignId === campaignId && ch.state !== 'logged_out') {
      if (first === undefined || ch.at < first) first = ch.at;
      break;
    }
  }
  return first;
}

export interface CampaignSeriesInput {
  campaignId: number;
  targetDropPercentage: number;
  window: SeriesWindow;
  calls: readonly CallRecord[];
  changes: readonly AgentStateChange[];
  /** The system's clock now: open intervals (a caller still waiting, an agent's current state) end here. */
  at: number;
}

const percent = (part: number, whole: number) => (whole > 0 ? Math.round((10_000 * part) / whole) / 100 : null);
const round2 = (v: number) => Math.round(v * 100) / 100;
const zeros = (n: number) => new Array<number>(n).fill(0);

function eventAt(record: CallRecord, event: TimelineEvent): number | undefined {
  return record.timeline.find((e) => e.event === event)?.at;
}

export function buildCampaignSeries(input: CampaignSeriesInput): CampaignSeriesView {
  const { window: w, at } = input;
  const n = w.buckets;
  const bucketStart = (i: number) => w.start + i * w.bucketMs;
  const bucketEnd = (i: number) => Math.min(w.to, w.start + (i + 1) * w.bucketMs);
  /** The bucket an instant falls in; -1 before the window, n after it (`to` itself is in the last). */
  const indexOf = (t: number) =>
    t < w.start ? -1 : t > w.to ? n : Math.min(n - 1, Math.floor((t - w.start) / w.bucketMs));

  const dials = zeros(n);
  const connects = zeros(n);
  const machines = zeros(n);
  const drops = zeros(n);
  const offered = zeros(n);
  const answered = zeros(n);
  const abandoned = zeros(n);
  const waitTotal = zeros(n);
  let connectsBefore = 0;
  let dropsBefore = 0;
  const queueSpans: [number, number][] = [];
  const count = (series: number[], t: number | undefined) => {
    if (t === undefined) return;
    const i = indexOf(t);
    if (i >= 0 && i < n) series[i] = (series[i] ?? 0) + 1;
  };

  for (const call of input.calls) {
    const connected = eventAt(call, 'agent_connected');
    const ended = eventAt(call, 'ended');
    if (call.callType === DIALLER_OUTBOUND) {
      const dropped = ended !== undefined && callDisposition(call) === 'DROP';
      count(dials, call.timeline[0]?.at);
      count(connects, connected);
      if (call.outcome === 'machine') count(machines, eventAt(call, 'answered'));
      if (dropped) count(drops, ended);
      if (connected !== undefined && connected < w.start) connectsBefore++;
      if (dropped && ended < w.start) dropsBefore++;
    } else if (call.callType === INBOUND) {
      const queued = eventAt(call, 'queued');
      if (queued === undefined) continue;
      count(offered, queued);
      if (connected !== undefined) {
        count(answered, connected);
        const i = indexOf(connected);
        if (i >= 0 && i < n) waitTotal[i] = (waitTotal[i] ?? 0) + (connected - queued);
      } else if (ended !== undefined && callDisposition(call) === 'ABAND') count(abandoned, ended);
      queueSpans.push([queued, connected ?? ended ?? at]);
    }
  }

  const dropRate = dials.map((_, i) => percent(drops[i] ?? 0, (connects[i] ?? 0) + (drops[i] ?? 0)));
  let cumConnects = connectsBefore;
  let cumDrops = dropsBefore;
  const dropRateCumulative = dials.map((_, i) => {
    cumConnects += connects[i] ?? 0;
    cumDrops += drops[i] ?? 0;
    return percent(cumDrops, cumConnects + cumDrops);
  });

  const { mean: queueMean, max: queueMax } = levelSeries(queueSpans, w, bucketStart, bucketEnd, indexOf);

  // Agents: each change starts a span that lasts until the agent's next change (or now).
  const agentTime: Record<SpanState, number[]> = {
    ready: zeros(n),
    on_call: zeros(n),
    wrap_up: zeros(n),
    paused: zeros(n),
  };
  const timelineFrom = w.to - SERIES_TIMELINE_MS;
  const spansByAgent = new Map<number, AgentStateSpan[]>();
  const last = new Map<number, AgentStateChange>();
  const close = (change: AgentStateChange, end: number) => {
    if (change.campaignId !== input.campaignId || !isSpanState(change.state) || end <= change.at) return;
    overlapInto(agentTime[change.state], change.at, end, w, bucketStart, bucketEnd, indexOf);
    const from = Math.max(change.at, timelineFrom);
    const to = Math.min(end, w.to);
    if (to > from) {
      const spans = spansByAgent.get(change.userId) ?? [];
      spansByAgent.set(change.userId, spans);
      spans.push({ state: change.state, from: formatDateTime(from), to: formatDateTime(to) });
    }
  };
  for (const change of input.changes) {
    const before = last.get(change.userId);
    if (before) close(before, change.at);
    last.set(change.userId, change);
  }
  for (const change of last.values()) close(change, at);
  const agentMean = (state: SpanState) =>
    agentTime[state].map((ms, i) => round2(ms / Math.max(1, bucketEnd(i) - bucketStart(i))));

  return {
    campaign_id: input.campaignId,
    at: formatDateTime(at),
    from: formatDateTime(w.start),
    to: formatDateTime(w.to),
    bucket_seconds: w.bucketMs / 1000,
    target_drop_percentage: input.targetDropPercentage,
    buckets: {
      start: dials.map((_, i) => formatDateTime(bucketStart(i))),
      dials,
      connects,
      answering_machines: machines,
      drops,
      drop_rate: dropRate,
      drop_rate_cumulative: dropRateCumulative,
      inbound_offered: offered,
      inbound_answered: answered,
      abandoned,
      queue_length: queueMean,
      queue_length_max: queueMax,
      average_speed_of_answer_ms: answered.map((a, i) => (a > 0 ? Math.round((waitTotal[i] ?? 0) / a) : null)),
      agents: {
        ready: agentMean('ready'),
        on_call: agentMean('on_call'),
        wrap_up: agentMean('wrap_up'),
        paused: agentMean('paused'),
      },
    },
    agent_timeline: {
      from: formatDateTime(timelineFrom),
      to: formatDateTime(w.to),
      agents: [...spansByAgent.entries()]
        .sort(([a], [b]) => a - b)
        .map(([userId, spans]) => ({ user_id: userId, spans })),
    },
  };
}

function isSpanState(state: string): state is SpanState {
  return (STATES as readonly string[]).includes(state);
}

/** Adds the part of [from, to) inside each bucket to `into`. */
function overlapInto(
  into: number[],
  from: number,
  to: number,
  w: SeriesWindow,
  bucketStart: (i: number) => number,
  bucketEnd: (i: number) => number,
  indexOf: (t: number) => number,
): void {
  const a = Math.max(from, w.start);
  const b = Math.min(to, w.to);
  if (b <= a) return;
  for (let i = Math.max(0, indexOf(a)); i < w.buckets && bucketStart(i) < b; i++) {
    const part = Math.min(b, bucketEnd(i)) - Math.max(a, bucketStart(i));
    if (part > 0) into[i] = (into[i] ?? 0) + part;
  }
}

/** The time-weighted mean and the largest value, per bucket, of a level made of [from, to) spans. */
function levelSeries(
  spans: readonly [number, number][],
  w: SeriesWindow,
  bucketStart: (i: number) => number,
  bucketEnd: (i: number) => number,
  indexOf: (t: number) => number,
): { mean: number[]; max: number[] } {
  const time = zeros(w.buckets);
  const events: [number, number][] = [];
  for (const [from, to] of spans) {
    if (to <= from) continue;
    overlapInto(time, from, to, w, bucketStart, bucketEnd, indexOf);
    events.push([from, 1], [to, -1]);
  }
  // At one instant, leaving comes before joining: a caller who left as another came was never with them.
  events.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const max = zeros(w.buckets);
  let level = 0;
  let e = 0;
  for (let i = 0; i < w.buckets; i++) {
    const start = bucketStart(i);
    const end = bucketEnd(i);
    while (e < events.length && (events[e]?.[0] ?? 0) <= start) level += events[e++]?.[1] ?? 0;
    let peak = level;
    while (e < events.length && (events[e]?.[0] ?? 0) < end) {
      level += events[e++]?.[1] ?? 0;
      peak = Math.max(peak, level);
    }
    max[i] = peak;
  }
  return { mean: time.map((ms, i) => round2(ms / Math.max(1, bucketEnd(i) - bucketStart(i)))), max };
}
