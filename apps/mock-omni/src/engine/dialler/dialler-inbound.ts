/**
 * Inbound queues: a call on a campaign's DID (`call_type` 3), placed by `POST /__mock/inbound` or by the campaign's
 * seeded arrival process, rings the campaign's queue at once. The longest-idle ready agent takes it (the `inbound`
 * notification fires then, dialler-routing.ts), or the caller leaves when their patience runs out (`ABAND`). After
 * hours the caller is not queued: the call ends at once (`AFTHRS`).
 *
 * @module
 */

import { CALL_TYPES, formatDateTime } from '@omnikit/contracts';
import type { InboundArrivalProcess, InboundArrivalView } from '@omnikit/contracts/control';
import type { CallRecord } from '../calls/call-record.js';
import { startCallRecord } from '../calls/call-step.js';
import { callTimerRef } from '../calls/call-timers.js';
import { DEFAULT_TALK } from '../calls/callee-model.js';
import { DomainError } from '../domain-error.js';
import { callNotifications } from '../notifications/call-notifications.js';
import {
  type ArrivalSettings,
  arrivalSettings,
  DEFAULT_PATIENCE_MEDIAN_SECONDS,
  DEFAULT_PATIENCE_SIGMA,
  drawCallerNumber,
  drawPatienceMs,
  nextArrivalAt,
} from './arrival-process.js';
import { countDisposition } from './campaign-stats.js';
import { type DiallerCampaign, takesInbound } from './dialler-campaign.js';
import {
  beginCommand,
  campaignRuntime,
  cancelTimer,
  type DiallerCommand,
  type DiallerContext,
  type DiallerEffect,
  endCommand,
  requireCampaign,
  setTimer,
  stepHeldCall,
} from './dialler-context.js';
import { endUnroutedCall } from './dialler-outbound.js';
import { routeToAgent } from './dialler-routing.js';
import type { CampaignRuntime, DiallerCall } from './dialler-store.js';
import { campaignTimerRef, DIALLER_TIMER_KINDS } from './dialler-timers.js';

const DEFAULT_PATIENCE = {
  patienceMedianMs: DEFAULT_PATIENCE_MEDIAN_SECONDS * 1000,
  patienceSigma: DEFAULT_PATIENCE_SIGMA,
};

function placeInbound(
  ctx: DiallerContext,
  cmd: DiallerCommand,
  campaign: DiallerCampaign,
  did: string,
  phoneNumber: string,
): number {
  const { store } = ctx;
  const rt = campaignRuntime(ctx, cmd, campaign.campaignId);
  const callId = ctx.deps.nextCallId();
  const rng = ctx.deps.rng.fork(`inbound/${callId}`);
  const patienceMs = drawPatienceMs(rt.arrival?.settings ?? DEFAULT_PATIENCE, rng);
  const talkMs = Math.round(
    Math.min(
      DEFAULT_TALK.maxMs,
      Math.max(DEFAULT_TALK.minMs, rng.logNormal(DEFAULT_TALK.medianMs, DEFAULT_TALK.sigma)),
    ),
  );
  const started = startCallRecord(
    {
      callId,
      userId: 0,
      campaignId: campaign.campaignId,
      listId: 0,
      leadId: 0,
      shotgunId: 0,
      parentCallId: 0,
      phoneNumber,
      callerId: phoneNumber,
      dnis: did,
      uniqueId: '',
      direction: 'inbound',
      callType: CALL_TYPES.INBOUND,
      outcome: null,
    },
    { role: 'system', autoRecord: campaign.autoRecord, at: cmd.at },
  );
  // An inbound call has no callee plan and no no-answer time: only its notification is passed on.
  cmd.effects.push(...callNotifications(started.record, started.effects, cmd.at));
  const ringing = stepHeldCall(cmd, started.record, { type: 'ringing' });
  if (!ringing) throw new Error(`inbound call ${callId} could not ring`);
  if (!ctx.hours.isOpen(cmd.at)) {
    // After hours the caller is not queued: told the centre is closed, the call ends unanswered.
    const closed = stepHeldCall(cmd, { ...ringing, dispositionCode: 'AFTHRS' }, { type: 'failed', sipCode: 480 });
    if (!closed) throw new Error(`inbound call ${callId} could not end after hours`);
    store.releaseCall(callId, closed);
    countDisposition(rt.stats, 'AFTHRS');
    return callId;
  }
  const record: CallRecord = { ...ringing, timeline: [...ringing.timeline, { at: cmd.at, event: 'queued' }] };
  rt.stats.inboundOffered++;
  const call: DiallerCall = { record, phase: 'queued', waitingSince: cmd.at, machine: false, talkMs };
  store.saveCall(call);
  const agent = store.longestIdle(campaign.campaignId);
  if (agent) routeToAgent(ctx, cmd, call, agent);
  else setTimer(cmd, DIALLER_TIMER_KINDS.abandon, cmd.at + patienceMs, callTimerRef(callId), { call_id: callId });
  return callId;
}

/** One inbound call now on `did`. 404 when no campaign takes calls on it. */
export function inboundCall(
  ctx: DiallerContext,
  input: { did: string; phoneNumber: string },
  at: number,
): { callId: number; effects: DiallerEffect[] } {
  const campaignId = ctx.campaigns.campaignForDid(input.did);
  if (campaignId === undefined) throw DomainError.notFound('did', 'campaign taking calls on DID', input.did);
  const cmd = beginCommand(at);
  const callId = placeInbound(ctx, cmd, requireCampaign(ctx, campaignId), input.did, input.phoneNumber);
  return { callId, effects: endCommand(ctx, cmd) };
}

function scheduleArrival(ctx: DiallerContext, cmd: DiallerCommand, rt: CampaignRuntime): void {
  const a = rt.arrival;
  if (!a) return;
  const gap = ctx.deps.rng.fork(`arrivals/${rt.campaignId}/${a.seq}/gap`);
  a.nextAt = nextArrivalAt(a.settings, cmd.at, gap);
  if (a.nextAt !== null)
    setTimer(cmd, DIALLER_TIMER_KINDS.arrival, a.nextAt, campaignTimerRef(rt.campaignId), {
      campaign_id: rt.campaignId,
      seq: a.seq,
    });
}

/**
 * The arrival process's next caller rings (a stale `seq`: the process was replaced or stopped). The caller dials one of
 * the process's DIDs, and reaches the campaign only while the campaign takes calls on it — Inbound or blended, the DID
 * still among its `inbound_dids` (as `POST /__mock/inbound` routes). Inferred (the process is the mock's own): while
 * the campaign takes none (set outbound-only, not blended, or the DID taken off it), its callers are skipped, not
 * placed and not counted in `arrived`, and the process runs on, so callers reach the campaign again once it takes
 * them; the n-th arrival's time stays the same either way. A campaign gone for good ends the process.
 */
export function arrive(ctx: DiallerContext, cmd: DiallerCommand, campaignId: number, seq: number): void {
  const rt = campaignRuntime(ctx, cmd, campaignId);
  const a = rt.arrival;
  if (!a || a.seq !== seq) return;
  const campaign = ctx.campaigns.campaign(campaignId);
  if (!campaign) {
    rt.arrival = null;
    return;
  }
  const rng = ctx.deps.rng.fork(`arrivals/${campaignId}/${seq}/caller`);
  const did = rng.pick(a.settings.dids);
  const caller = drawCallerNumber(rng);
  a.seq++;
  if (takesInbound(campaign) && campaign.inboundDids.includes(did)) {
    a.arrived++;
    placeInbound(ctx, cmd, campaign, did, caller);
  }
  scheduleArrival(ctx, cmd, rt);
}

/** A queued caller's patience ran out before anyone answered: a cancelled INVITE (487). */
export function abandonQueuedCall(ctx: DiallerContext, cmd: DiallerCommand, call: DiallerCall): void {
  const left = stepHeldCall(cmd, call.record, { type: 'failed', sipCode: 487 });
  if (left) endUnroutedCall(ctx, cmd, call, left);
}

/** Starts (or replaces) a campaign's seeded arrival process. */
export function setArrivalProcess(ctx: DiallerContext, process: InboundArrivalProcess, at: number): DiallerEffect[] {
  const campaign = requireCampaign(ctx, process.campaign_id);
  const settings: ArrivalSettings = arrivalSettings(process, campaign);
  const cmd = beginCommand(at);
  const rt = campaignRuntime(ctx, cmd, campaign.campaignId);
  if (rt.arrival) cancelTimer(cmd, DIALLER_TIMER_KINDS.arrival, campaignTimerRef(campaign.campaignId));
  rt.arrival = { settings, seq: rt.arrival?.seq ?? 0, arrived: rt.arrival?.arrived ?? 0, nextAt: null };
  scheduleArrival(ctx, cmd, rt);
  return endCommand(ctx, cmd);
}

export function stopArrivalProcess(ctx: DiallerContext, campaignId: number): DiallerEffect[] {
  requireCampaign(ctx, campaignId);
  const cmd = beginCommand(0);
  const rt = ctx.store.runtime(campaignId);
  if (!rt?.arrival) return [];
  cancelTimer(cmd, DIALLER_TIMER_KINDS.arrival, campaignTimerRef(campaignId));
  cmd.runtimes.set(campaignId, { ...rt, arrival: null });
  return endCommand(ctx, cmd);
}

export function arrivalView(ctx: DiallerContext, campaignId: number): InboundArrivalView | null {
  const a = ctx.store.runtime(campaignId)?.arrival;
  if (!a) return null;
  return {
    campaign_id: campaignId,
    calls_per_hour: [...a.settings.callsPerHour],
    time_zone: a.settings.timeZone,
    dids: [...a.settings.dids],
    patience_median_seconds: a.settings.patienceMedianMs / 1000,
    patience_sigma: a.settings.patienceSigma,
    arrived: a.arrived,
    next_arrival_at: a.nextAt === null ? null : formatDateTime(a.nextAt),
  };
}
