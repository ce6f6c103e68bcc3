/**
 * The agents as the dialler knows them, and what the agent-call flow reports back: an agent's state (login → `paused`,
 * `ready`, …, `logged_out`; time in each state counts towards the campaign's statistics, and a `ready` agent is served
 * waiting calls and lets the campaign pace), and an agent's call completed after wrap-up (the lead takes its
 * disposition, the campaign counts the handled call). An agent leaving a campaign lets go of the lead it held in
 * preview.
 *
 * @module
 */

import type { AgentState } from '@omnikit/contracts';
import { callDisposition } from '../calls/call-disposition.js';
import type { CallRecord } from '../calls/call-record.js';
import { callTimings } from '../calls/call-timing.js';
import { DomainError } from '../domain-error.js';
import { countAgentTime, countDisposition } from './campaign-stats.js';
import {
  beginCommand,
  campaignRuntime,
  type DiallerContext,
  type DiallerEffect,
  endCommand,
} from './dialler-context.js';
import { paceOutbound, settleLead } from './dialler-outbound.js';
import { serveWaitingCalls } from './dialler-routing.js';
import type { DiallerAgent } from './dialler-store.js';

export function requireAgent(ctx: DiallerContext, userId: number): DiallerAgent {
  const agent = ctx.store.agent(userId);
  if (!agent) throw new DomainError('AGENT_NOT_LOGGED_IN', `user ${userId} is not logged in to a campaign`);
  return agent;
}

/** Lets go of the lead the agent holds in preview, if it still holds it. */
export function releasePreview(ctx: DiallerContext, agent: DiallerAgent): void {
  const { leads } = ctx;
  if (agent.previewLeadId !== 0 && leads.holder(agent.previewLeadId) === `user:${agent.userId}`)
    leads.release(agent.previewLeadId);
}

/** An agent's state as the agent-call flow and the API set it. */
export function agentState(
  ctx: DiallerContext,
  input: { userId: number; campaignId: number; state: AgentState },
  at: number,
): DiallerEffect[] {
  const { store } = ctx;
  const { userId, campaignId, state } = input;
  const cmd = beginCommand(at);
  const prev = store.agent(userId);
  if (prev && (prev.campaignId !== campaignId || state === 'logged_out')) {
    countAgentTime(campaignRuntime(ctx, cmd, prev.campaignId).stats, prev.state, prev.since, at);
    releasePreview(ctx, prev);
    store.removeAgent(userId);
  }
  if (state === 'logged_out') return endCommand(ctx, cmd);
  const same = prev && prev.campaignId === campaignId ? prev : undefined;
  if (same?.state === state) return endCommand(ctx, cmd);
  const rt = campaignRuntime(ctx, cmd, campaignId);
  if (same) countAgentTime(rt.stats, same.state, same.since, at);
  store.saveAgent({ userId, campaignId, state, since: at, previewLeadId: same?.previewLeadId ?? 0 });
  if (state === 'ready') {
    serveWaitingCalls(ctx, cmd, campaignId);
    paceOutbound(ctx, cmd, campaignId);
  }
  return endCommand(ctx, cmd);
}

/** An agent's call ended and its wrap-up is over: the lead takes its disposition, the campaign counts it. */
export function callCompleted(
  ctx: DiallerContext,
  record: CallRecord,
  facts: { callbackAt?: number | null },
  at: number,
): DiallerEffect[] {
  const cmd = beginCommand(at);
  const disposition = callDisposition(record);
  if (record.campaignId !== 0 && ctx.campaigns.campaign(record.campaignId)) {
    const rt = campaignRuntime(ctx, cmd, record.campaignId);
    const t = callTimings(record.timeline, { direction: record.direction });
    rt.stats.handled++;
    rt.stats.handleTotalMs += t.talkMs + t.holdMs + t.wrapMs;
    countDisposition(rt.stats, disposition);
  }
  settleLead(ctx, record, disposition, at, facts.callbackAt ?? null);
  // The lead may be due again (recycled, a callback): pace, which also moves the wake-up.
  if (record.campaignId !== 0) paceOutbound(ctx, cmd, record.campaignId);
  return endCommand(ctx, cmd);
}

/**
 * An agent's call on a lead ended with no CDR to settle the lead (a shotgun race lost or cancelled): the lead takes the
 * system disposition given and is let go of, and the campaign paces (the lead may be due again at once, unless its
 * next number is one the race has just rung). Counts no handled call: no agent talked to anyone.
 */
export function leadCallEnded(
  ctx: DiallerContext,
  record: CallRecord,
  disposition: string,
  rung: readonly string[],
  at: number,
): DiallerEffect[] {
  const cmd = beginCommand(at);
  settleLead(ctx, record, disposition, at, null, rung);
  if (record.campaignId !== 0) paceOutbound(ctx, cmd, record.campaignId);
  return endCommand(ctx, cmd);
}
