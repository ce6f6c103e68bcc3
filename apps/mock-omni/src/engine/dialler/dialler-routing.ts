/**
 * Putting a waiting call through to an agent: an answered outbound call, or an inbound caller in the queue, goes to
 * the campaign's longest-idle ready agent. The `route` effect comes before anything else said about the call in that
 * step, the agent is `on_call` from then, and the dialler lets go of the call (the agent-call flow drives it from
 * here). Queued inbound callers are served before answered outbound calls.
 *
 * @module
 */

import type { CallRecord } from '../calls/call-record.js';
import { CALL_TIMER_KINDS, callTimerRef } from '../calls/call-timers.js';
import { buildInboundPayload, notificationEnvelope } from '../notifications/notification-payloads.js';
import { countAgentTime } from './campaign-stats.js';
import {
  campaignRuntime,
  cancelTimer,
  type DiallerCommand,
  type DiallerContext,
  setTimer,
  stepHeldCall,
} from './dialler-context.js';
import type { DiallerAgent, DiallerCall } from './dialler-store.js';
import { DIALLER_TIMER_KINDS } from './dialler-timers.js';
import { recordAnsweredCall } from './pacing.js';

/** Puts a waiting call (answered outbound, or queued inbound) through to the agent. */
export function routeToAgent(ctx: DiallerContext, cmd: DiallerCommand, call: DiallerCall, agent: DiallerAgent): void {
  const rt = campaignRuntime(ctx, cmd, call.record.campaignId);
  const inbound = call.record.direction === 'inbound';
  const before = cmd.effects.length;
  let record: CallRecord | null = { ...call.record, userId: agent.userId };
  if (inbound) record = stepHeldCall(cmd, record, { type: 'answered' });
  if (record) record = stepHeldCall(cmd, record, { type: 'route_to_agent' });
  if (!record) throw new Error(`call ${call.record.callId} could not be routed (${call.record.machine.call})`);
  const ref = callTimerRef(record.callId);
  if (inbound) {
    cancelTimer(cmd, DIALLER_TIMER_KINDS.abandon, ref);
    setTimer(cmd, CALL_TIMER_KINDS.event, cmd.at + call.talkMs, ref, {
      call_id: record.callId,
      input: { type: 'callee_hangup' },
    });
    cmd.effects.push({
      type: 'notify',
      callId: record.callId,
      notification: notificationEnvelope('inbound', buildInboundPayload(record)),
    });
    rt.stats.inboundAnswered++;
    rt.stats.asaTotalMs += cmd.at - (call.waitingSince ?? cmd.at);
  } else {
    cancelTimer(cmd, DIALLER_TIMER_KINDS.drop, ref);
    rt.stats.connects++;
    const campaign = ctx.campaigns.campaign(record.campaignId);
    if (campaign) recordAnsweredCall(rt.pacing, campaign.targetDropPercentage, false);
  }
  // The agent is put on the call before anything else is said about it.
  cmd.effects.splice(before, 0, { type: 'route', userId: agent.userId, campaignId: record.campaignId, record });
  countAgentTime(rt.stats, agent.state, agent.since, cmd.at);
  ctx.store.saveAgent({ ...agent, state: 'on_call', since: cmd.at });
  ctx.store.releaseCall(record.callId, record);
}

/** Gives free agents the calls waiting: queued inbound first, then answered outbound. */
export function serveWaitingCalls(ctx: DiallerContext, cmd: DiallerCommand, campaignId: number): void {
  const { store } = ctx;
  for (;;) {
    const agent = store.longestIdle(campaignId);
    if (!agent) return;
    const call = store.firstWaiting(campaignId, 'queued') ?? store.firstWaiting(campaignId, 'waiting');
    if (!call) return;
    routeToAgent(ctx, cmd, call, agent);
  }
}
