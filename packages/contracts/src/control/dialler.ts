/**
 * The dialler's side of the mock's control API: the seeded arrival process that makes
 * inbound calls ring a campaign's DIDs, one inbound call on demand, and the campaign statistics
 * view.
 *
 * @module
 */

import { z } from 'zod';
import { commandResult, dateTimeOut, id, phoneNumber } from '../common.js';
import { cdrPayload } from '../notifications.js';
import { callView } from '../routes/calls.js';
import { timeZone } from './schemas.js';

/** Hours in a day: `calls_per_hour[h]` is the rate from h:00 to h+1:00, local time. */
export const HOURS_PER_DAY = 24;

/**
 * Inbound calls of a campaign arrive as a Poisson process whose rate changes on the hour (calls per
 * hour, by hour of day in `time_zone`), drawn from the system's seed. Each caller dials one of the
 * campaign's DIDs (picked evenly) from a generated number, waits in the queue for a patience drawn
 * from a log-normal (median, sigma), and leaves (`ABAND`) when it runs out.
 */
export const inboundArrivalProcess = z
  .object({
    campaign_id: id,
    calls_per_hour: z
      .array(z.number().min(0).max(100_000))
      .length(HOURS_PER_DAY)
      .meta({ description: 'Arrivals per hour for each hour of the day (index 0 is 00:00–01:00 local time).' }),
    time_zone: timeZone.optional().meta({ description: 'The hours’ time zone; default UTC.' }),
    dids: z
      .array(phoneNumber)
      .min(1)
      .max(50)
      .optional()
      .meta({ description: 'The numbers callers dial; default the campaign’s `inbound_dids`.' }),
    patience_median_seconds: z
      .number()
      .positive()
      .max(86_400)
      .optional()
      .meta({ description: 'Median time a caller waits in the queue before leaving; default 60.' }),
    patience_sigma: z
      .number()
      .min(0)
      .max(3)
      .optional()
      .meta({ description: 'Spread of the log-normal patience (0: every caller waits the median); default 0.8.' }),
  })
  .strict()
  .meta({ id: 'MockInboundArrivalProcess' });
export type InboundArrivalProcess = z.infer<typeof inboundArrivalProcess>;
export type InboundArrivalProcessInput = z.input<typeof inboundArrivalProcess>;

/** The arrival process as it runs: its settings and where it stands. */
export const inboundArrivalView = z
  .object({
    campaign_id: id,
    calls_per_hour: z.array(z.number()).length(HOURS_PER_DAY),
    time_zone: z.string(),
    dids: z.array(z.string()),
    patience_median_seconds: z.number(),
    patience_sigma: z.number(),
    arrived: z.number().int().nonnegative().meta({ description: 'Calls it has made arrive so far.' }),
    next_arrival_at: dateTimeOut.nullable().meta({ description: 'null when every hour’s rate is 0.' }),
  })
  .meta({ id: 'MockInboundArrivalView' });
export type InboundArrivalView = z.infer<typeof inboundArrivalView>;

/** One inbound call now (`POST /__mock/inbound`): a caller dials a DID of a campaign. */
export const inboundCallBody = z
  .object({
    did: phoneNumber.meta({ description: 'The number dialled: one of a campaign’s `inbound_dids`.' }),
    phone_number: phoneNumber.meta({ description: 'The caller.' }),
  })
  .strict()
  .meta({ id: 'MockInboundCall' });
export type InboundCallBody = z.infer<typeof inboundCallBody>;

export const inboundCallPlaced = commandResult.extend({ call_id: id }).meta({ id: 'MockInboundCallPlaced' });

const count = z.number().int().nonnegative();
const percent = z.number().min(0).max(100);
const ms = z.number().int().nonnegative();

/**
 * A campaign's statistics since its first agent logged in (or the last system reset). Rates are
 * percentages rounded to two decimals; averages are milliseconds, 0 when nothing was counted.
 */
export const campaignStatsView = z
  .object({
    campaign_id: id,
    at: dateTimeOut.meta({ description: 'When the figures were taken (the system’s clock).' }),
    dials: count.meta({ description: 'Outbound calls the dialler placed.' }),
    connects: count.meta({ description: 'Outbound calls answered and put through to an agent.' }),
    answering_machines: count.meta({ description: 'Outbound calls answered by a machine.' }),
    drops: count.meta({ description: 'Outbound calls answered with no agent free within 2 s (`DROP`).' }),
    drop_rate: percent.meta({ description: 'drops / (connects + drops), in percent.' }),
    inbound_offered: count.meta({ description: 'Inbound calls that reached the campaign’s queue.' }),
    inbound_answered: count.meta({ description: 'Inbound calls put through to an agent.' }),
    abandoned: count.meta({ description: 'Inbound callers who left the queue (`ABAND`).' }),
    abandon_rate: percent.meta({ description: 'abandoned / inbound calls that left the queue, in percent.' }),
    queue_length: count.meta({ description: 'Inbound callers waiting now.' }),
    average_speed_of_answer_ms: ms.meta({ description: 'Inbound: mean time from joining the queue to an agent.' }),
    average_handle_time_ms: ms.meta({ description: 'Mean talk + hold + wrap-up of the calls agents completed.' }),
    handled: count.meta({ description: 'Calls agents completed (wrap-up ended), both directions.' }),
    agent_occupancy: percent.meta({
      description:
        'Time agents spent on calls or in wrap-up over their time ready, on calls or in wrap-up, in percent.',
    }),
    agents: z.object({ ready: count, on_call: count, wrap_up: count, paused: count }),
    lines_per_agent: z
      .number()
      .nonnegative()
      .meta({ description: 'Dials in progress per ready agent at the last pacing decision (predictive).' }),
    leads_remaining: count.meta({ description: 'Leads of the campaign’s lists the dialler will still dial.' }),
    dispositions: z
      .record(z.string(), count)
      .meta({ description: 'Calls of the campaign that ended, by final disposition code.' }),
  })
  .meta({ id: 'MockCampaignStats' });
export type CampaignStatsView = z.infer<typeof campaignStatsView>;

/**
 * Any call of the system by id (`GET /__mock/calls/{call_id}`), whoever has it: Omni's `GET` of a call
 * answers only to the agent on it, so a dialler or inbound call no agent took (no answer, busy,
 * machine, drop, abandon) could not be read there. Its CDR once it has been sent (recorded in the
 * outbox), else null.
 */
export const mockCallView = z
  .object({
    call: callView,
    cdr: cdrPayload.nullable().meta({
      description: 'The call’s `cdr` notification payload once sent; null before (or for a losing shotgun leg).',
    }),
  })
  .meta({ id: 'MockCallView' });
export type MockCallView = z.infer<typeof mockCallView>;
