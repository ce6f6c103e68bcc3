/**
 * A campaign's running counters and the statistics view built from them (control API). Definitions:
 * - drop rate = drops / (connects + drops): answered outbound calls that found no agent within 2 s,
 *   over answered outbound calls that needed one (VICIdial's drop percentage; machines screened by
 *   AMD are in neither);
 * - abandon rate = abandoned / (inbound answered + abandoned): callers who left the queue over
 *   callers who left it either way (those still waiting are not counted yet);
 * - average speed of answer: inbound, from joining the queue to reaching an agent;
 * - average handle time: talk + hold + wrap-up of the calls agents completed (both directions);
 * - agent occupancy: time on calls and in wrap-up over time ready, on calls or in wrap-up (paused
 *   time is not available time).
 *
 * @module
 */

import { formatDateTime } from '@omnikit/contracts';
import type { CampaignStatsView } from '@omnikit/contracts/control';
import type { DiallerAgent } from './dialler-store.js';

/** A campaign's running counters, as defined above. */
export interface CampaignCounters {
  /** When counting began (the first agent login or inbound call). */
  since: number;
  dials: number;
  connects: number;
  machines: number;
  drops: number;
  inboundOffered: number;
  inboundAnswered: number;
  abandoned: number;
  /** Sum of queue waits of the inbound calls answered (ms). */
  asaTotalMs: number;
  handled: number;
  /** Sum of talk + hold + wrap-up of the calls handled (ms). */
  handleTotalMs: number;
  /** Time agents spent in each state, closed intervals only (ms). */
  agentMs: { ready: number; on_call: number; wrap_up: number; paused: number };
  /** Ended calls of the campaign by final disposition. */
  dispositions: Record<string, number>;
}

export function newCampaignCounters(at: number): CampaignCounters {
  return {
    since: at,
    dials: 0,
    connects: 0,
    machines: 0,
    drops: 0,
    inboundOffered: 0,
    inboundAnswered: 0,
    abandoned: 0,
    asaTotalMs: 0,
    handled: 0,
    handleTotalMs: 0,
    agentMs: { ready: 0, on_call: 0, wrap_up: 0, paused: 0 },
    dispositions: {},
  };
}

export function cloneCampaignCounters(c: CampaignCounters): CampaignCounters {
  return { ...c, agentMs: { ...c.agentMs }, dispositions: { ...c.dispositions } };
}

/** Adds an agent's time in `state` from `since` to `at` (logged-out time counts nowhere). */
export function countAgentTime(c: CampaignCounters, state: string, since: number, at: number): void {
  const ms = Math.max(0, at - since);
  if (state === 'ready' || state === 'on_call' || state === 'wrap_up' || state === 'paused') c.agentMs[state] += ms;
}

export function countDisposition(c: CampaignCounters, code: string): void {
  c.dispositions[code] = (c.dispositions[code] ?? 0) + 1;
}

const percent = (part: number, whole: number) => (whole > 0 ? Math.round((10_000 * part) / whole) / 100 : 0);
const mean = (total: number, n: number) => (n > 0 ? Math.round(total / n) : 0);

export interface CampaignStatsInput {
  campaignId: number;
  counters: CampaignCounters;
  /** The campaign's agents now (their open intervals count up to `at`). */
  agents: readonly DiallerAgent[];
  queueLength: number;
  linesPerAgent: number;
  leadsRemaining: number;
  at: number;
}

export function buildCampaignStats(input: CampaignStatsInput): CampaignStatsView {
  const c = cloneCampaignCounters(input.counters);
  const now = { ready: 0, on_call: 0, wrap_up: 0, paused: 0 };
  for (const a of input.agents) {
    countAgentTime(c, a.state, a.since, input.at);
    if (a.state in now) now[a.state as keyof typeof now]++;
  }
  const busy = c.agentMs.on_call + c.agentMs.wrap_up;
  return {
    campaign_id: input.campaignId,
    at: formatDateTime(input.at),
    dials: c.dials,
    connects: c.connects,
    answering_machines: c.machines,
    drops: c.drops,
    drop_rate: percent(c.drops, c.connects + c.drops),
    inbound_offered: c.inboundOffered,
    inbound_answered: c.inboundAnswered,
    abandoned: c.abandoned,
    abandon_rate: percent(c.abandoned, c.inboundAnswered + c.abandoned),
    queue_length: input.queueLength,
    average_speed_of_answer_ms: mean(c.asaTotalMs, c.inboundAnswered),
    average_handle_time_ms: mean(c.handleTotalMs, c.handled),
    handled: c.handled,
    agent_occupancy: percent(busy, busy + c.agentMs.ready),
    agents: now,
    lines_per_agent: Math.round(input.linesPerAgent * 100) / 100,
    leads_remaining: input.leadsRemaining,
    dispositions: Object.fromEntries(Object.entries(c.dispositions).sort(([a], [b]) => (a < b ? -1 : 1))),
  };
}
