/**
 * A campaign's statistics as time series (`GET /__mock/campaigns/{campaign_id}/series`), for charts:
 * per bucket of the system's clock, the dialler's calls, the inbound queue and the agents by state,
 * and each agent's states over the last hour. Derived from what the mock records (the calls and the
 * agents' state changes), so a manual clock advanced by hours gives hours of series.
 *
 * @module
 */

import { z } from 'zod';
import { dateTimeOut, id } from '../common.js';

/** The smallest and largest bucket, in seconds. */
export const SERIES_BUCKET_SECONDS = { min: 10, max: 86_400 } as const;
/** At most this many buckets in one answer. */
export const SERIES_MAX_BUCKETS = 1_440;
/** The bucket sizes chosen when none is asked for: the smallest that fits the window. */
export const SERIES_AUTO_BUCKETS_SECONDS = [60, 300, 900, 3_600, 21_600, 86_400] as const;
/** The per-agent timeline covers this much time before `to`. */
export const SERIES_TIMELINE_MS = 3_600_000;

const instant = z.iso.datetime({ offset: true });

export const campaignSeriesQuery = z
  .object({
    bucket: z.coerce.number().int().min(SERIES_BUCKET_SECONDS.min).max(SERIES_BUCKET_SECONDS.max).optional().meta({
      description:
        'Bucket size in seconds (10–86400). Default: the smallest of 60, 300, 900, 3600, 21600, 86400 that fits the window in 1440 buckets.',
    }),
    from: instant.optional().meta({
      description:
        'Start of the window (ISO-8601). Default: the campaign’s first recorded call or agent state change (at most 1440 buckets back), or an hour before `to` when it has none.',
    }),
    to: instant.optional().meta({ description: 'End of the window (ISO-8601); default now on the system’s clock.' }),
  })
  .strict()
  .meta({ id: 'MockCampaignSeriesQuery' });
export type CampaignSeriesQuery = z.infer<typeof campaignSeriesQuery>;

const count = z.number().int().nonnegative();
const percent = z.number().min(0).max(100);
const mean = z.number().nonnegative();

/** One agent-state span of the per-agent timeline; time logged out is a gap. */
export const agentStateSpan = z
  .object({
    state: z.enum(['ready', 'on_call', 'wrap_up', 'paused']),
    from: dateTimeOut,
    to: dateTimeOut,
  })
  .meta({ id: 'MockAgentStateSpan' });
export type AgentStateSpan = z.infer<typeof agentStateSpan>;

/**
 * The series, one array per figure with one value per bucket (`start[i]` is bucket i's start; the
 * last bucket ends at `to` and may be shorter). Counts are events that happened in the bucket; rates
 * are percentages rounded to two decimals (null when the bucket had nothing to divide by); means are
 * time-weighted over the bucket.
 */
export const campaignSeriesView = z
  .object({
    campaign_id: id,
    at: dateTimeOut.meta({ description: 'When the series were taken (the system’s clock).' }),
    from: dateTimeOut.meta({ description: 'The first bucket’s start: `from` aligned down to the bucket size.' }),
    to: dateTimeOut,
    bucket_seconds: z.number().int().positive(),
    target_drop_percentage: z.number().meta({ description: 'The campaign’s setting, for the drop-rate line.' }),
    buckets: z.object({
      start: z.array(dateTimeOut),
      dials: z.array(count).meta({ description: 'Outbound dialler calls placed.' }),
      connects: z.array(count).meta({ description: 'Outbound dialler calls put through to an agent.' }),
      answering_machines: z.array(count).meta({ description: 'Outbound dialler calls answered by a machine.' }),
      drops: z.array(count).meta({ description: 'Outbound dialler calls dropped (`DROP`), counted when they ended.' }),
      drop_rate: z.array(percent.nullable()).meta({ description: 'drops / (connects + drops) in the bucket.' }),
      drop_rate_cumulative: z.array(percent.nullable()).meta({
        description:
          'drops / (connects + drops) of every call of the campaign up to the bucket’s end (the statistics’ `drop_rate` then).',
      }),
      inbound_offered: z.array(count).meta({ description: 'Inbound callers who joined the queue.' }),
      inbound_answered: z.array(count).meta({ description: 'Inbound callers put through to an agent.' }),
      abandoned: z.array(count).meta({ description: 'Inbound callers who left the queue (`ABAND`).' }),
      queue_length: z.array(mean).meta({ description: 'Callers waiting in the queue, mean over the bucket.' }),
      queue_length_max: z.array(count).meta({ description: 'Most callers waiting at once in the bucket.' }),
      average_speed_of_answer_ms: z.array(count.nullable()).meta({
        description: 'Mean queue wait of the inbound calls answered in the bucket; null when none was.',
      }),
      agents: z
        .object({ ready: z.array(mean), on_call: z.array(mean), wrap_up: z.array(mean), paused: z.array(mean) })
        .meta({ description: 'Agents logged in to the campaign by state, mean over the bucket.' }),
    }),
    agent_timeline: z.object({
      from: dateTimeOut.meta({ description: 'An hour before `to`.' }),
      to: dateTimeOut,
      agents: z
        .array(z.object({ user_id: id, spans: z.array(agentStateSpan) }))
        .meta({ description: 'Each agent logged in to the campaign at some time in the hour, by user id.' }),
    }),
  })
  .meta({ id: 'MockCampaignSeries' });
export type CampaignSeriesView = z.infer<typeof campaignSeriesView>;
