/**
 * The campaigns that dial by themselves (Progressive, predictive, blended): pacing decides how many calls to place,
 * each dial takes the next lead due and holds it for the call, and the call's network events (placed for the campaign,
 * role `system`) decide what follows — answered by a person (or a machine AMD does not screen) it goes to an agent
 * (dialler-routing.ts) or waits up to 2 s for one and is dropped (`DROP`); a machine AMD screens is dropped as `A`. A
 * call no agent took settles its lead when it ends. When no lead is due, the campaign wakes when the next one falls
 * due; after hours, when the centre opens.
 *
 * @module
 */

import { CALL_TYPES, CAMPAIGN_DEFAULTS } from '@omnikit/contracts';
import { callDisposition } from '../calls/call-disposition.js';
import type { CallInput } from '../calls/call-machine.js';
import type { CallRecord } from '../calls/call-record.js';
import { startCallRecord } from '../calls/call-step.js';
import { callTimerRef, dialTimers } from '../calls/call-timers.js';
import { effectiveOutcome, planCallee } from '../calls/callee-model.js';
import { arrivalRatePerMs } from './arrival-process.js';
import { countDisposition } from './campaign-stats.js';
import { type DiallerCampaign, dialsOutbound } from './dialler-campaign.js';
import {
  campaignRuntime,
  cancelTimer,
  type DiallerCommand,
  type DiallerContext,
  pushCallEffects,
  setTimer,
  stepHeldCall,
} from './dialler-context.js';
import { routeToAgent } from './dialler-routing.js';
import type { CampaignRuntime, DiallerCall } from './dialler-store.js';
import { campaignTimerRef, DIALLER_TIMER_KINDS, DROP_AFTER_MS } from './dialler-timers.js';
import { dueAfterEdit, leadAfterCall, leadAfterDial, leadPolicy, phoneToDial } from './lead-policy.js';
import type { DiallerLead } from './lead-source.js';
import { paceCampaign, recordAnsweredCall } from './pacing.js';

/** Loops that skip unusable leads (every number DNC, attempts used up) stop after this many. */
const MAX_LEADS_SKIPPED_PER_DIAL = 100;

/**
 * The next lead the campaign may dial now and the number to dial, retiring on the way leads that
 * can no longer be dialled (attempts used up, every number DNC) — a store's `dueAt` may predate a
 * change of `max_attempts` or of the DNC list.
 */
export function takeLead(
  ctx: DiallerContext,
  campaign: DiallerCampaign,
  at: number,
): { lead: DiallerLead; phoneIndex: number; phoneNumber: string } | null {
  const { leads } = ctx;
  for (let i = 0; i < MAX_LEADS_SKIPPED_PER_DIAL; i++) {
    const lead = leads.next(campaign.listIds, at);
    if (!lead) return null;
    const phone = lead.attempts < campaign.maxAttempts ? phoneToDial(lead, (p) => leads.isDnc(p)) : null;
    if (!phone) {
      leads.save({ ...lead, dueAt: null });
      continue;
    }
    return { lead, phoneIndex: phone.index, phoneNumber: phone.phoneNumber };
  }
  return null;
}

/**
 * The call's lead takes its disposition (recycled, called back or final) and is let go of. `rung`: numbers the dial
 * rang besides the call's own (a shotgun race's legs), none of which is due again at once.
 */
export function settleLead(
  ctx: DiallerContext,
  record: CallRecord,
  disposition: string,
  at: number,
  callbackAt: number | null,
  rung: readonly string[] = [],
): void {
  if (record.leadId === 0) return;
  const { leads } = ctx;
  const lead = leads.get(record.leadId);
  if (!lead) return;
  // A call of no known campaign (a click-2-dial with a lead_id) recycles by B.8's defaults.
  const policy = leadPolicy(
    ctx.campaigns.campaign(record.campaignId) ?? {
      maxAttempts: CAMPAIGN_DEFAULTS.max_attempts,
      recycleDelayMinutes: CAMPAIGN_DEFAULTS.recycle_delay_minutes,
    },
  );
  if (leads.holder(lead.leadId) === callTimerRef(record.callId)) leads.release(lead.leadId);
  // The call that ended is the lead's last (a callback dials its number again) unless the lead has been called since.
  const calledNumber = record.callId === lead.lastCallId ? record.phoneNumber : undefined;
  leads.save(
    leadAfterCall(lead, disposition, { at, policy, callbackAt, rung, ...(calledNumber ? { calledNumber } : {}) }),
  );
}

/**
 * A lead was edited through the API: its list, priority and when it is due follow the lead as it
 * is now. Nothing for a lead that no longer exists.
 */
export function leadEdited(ctx: DiallerContext, input: { leadId: number; previousStatus: string }, at: number): void {
  const lead = ctx.leads.get(input.leadId);
  if (lead) ctx.leads.save({ ...lead, dueAt: dueAfterEdit(lead, input.previousStatus, at) });
}

function dial(ctx: DiallerContext, cmd: DiallerCommand, campaign: DiallerCampaign, rt: CampaignRuntime): boolean {
  const { deps, leads } = ctx;
  const taken = takeLead(ctx, campaign, cmd.at);
  if (!taken) return false;
  const { lead, phoneNumber } = taken;
  const callId = deps.nextCallId();
  const noAnswerMs = campaign.noAnswerSeconds * 1000;
  const plan = planCallee({
    rng: deps.rng,
    callId,
    phoneNumber,
    rules: deps.calleeRules?.() ?? [],
    magicNumbers: deps.magicNumbers ?? true,
  });
  const outcome = effectiveOutcome(plan, noAnswerMs);
  const started = startCallRecord(
    {
      callId,
      userId: 0,
      campaignId: campaign.campaignId,
      listId: lead.listId,
      leadId: lead.leadId,
      shotgunId: 0,
      parentCallId: 0,
      phoneNumber,
      callerId: campaign.callerId,
      dnis: '',
      uniqueId: lead.uniqueId,
      direction: 'outbound',
      callType: CALL_TYPES.DIALLER_OUTBOUND,
      outcome,
    },
    { role: 'system', autoRecord: campaign.autoRecord, at: cmd.at },
  );
  leads.hold(lead.leadId, callTimerRef(callId));
  leads.save(leadAfterDial(lead, callId, cmd.at));
  ctx.store.saveCall({
    record: started.record,
    phase: 'dialling',
    waitingSince: null,
    machine: outcome === 'machine',
    talkMs: 0,
  });
  cmd.effects.push(...dialTimers(callId, plan, noAnswerMs, cmd.at));
  pushCallEffects(cmd, started.record, started.effects);
  rt.stats.dials++;
  return true;
}

/** Sets (or moves) the campaign's wake-up to when its next lead falls due. */
function wakeForNextLead(ctx: DiallerContext, cmd: DiallerCommand, campaign: DiallerCampaign, rt: CampaignRuntime) {
  const due = ctx.leads.nextDueAt(campaign.listIds);
  setWakeUp(cmd, campaign, rt, due !== undefined && due > cmd.at ? due : null);
}

/** Sets, moves or clears the campaign's one wake-up (`dialler_wake`). */
function setWakeUp(cmd: DiallerCommand, campaign: DiallerCampaign, rt: CampaignRuntime, wakeAt: number | null) {
  if (wakeAt === rt.wakeAt) return;
  const ref = campaignTimerRef(campaign.campaignId);
  if (rt.wakeAt !== null) cancelTimer(cmd, DIALLER_TIMER_KINDS.wake, ref);
  if (wakeAt !== null) setTimer(cmd, DIALLER_TIMER_KINDS.wake, wakeAt, ref, { campaign_id: campaign.campaignId });
  rt.wakeAt = wakeAt;
}

/** Places the calls the campaign's pacing wants now; nothing for a campaign that does not dial. */
export function paceOutbound(ctx: DiallerContext, cmd: DiallerCommand, campaignId: number): void {
  const { store, hours } = ctx;
  const campaign = ctx.campaigns.campaign(campaignId);
  if (!campaign || !dialsOutbound(campaign)) return;
  const rt = campaignRuntime(ctx, cmd, campaignId);
  if (!hours.isOpen(cmd.at)) {
    // After hours: no outbound call until the centre opens again (after-hours.ts).
    rt.pacing.linesPerAgent = 0;
    const opens = hours.nextOpening(cmd.at);
    setWakeUp(cmd, campaign, rt, opens !== null && opens > cmd.at ? opens : null);
    return;
  }
  const ready = store.readyCount(campaignId);
  // Inbound first: a caller waiting means no agent is free for outbound.
  if (ready === 0 || store.waitingCount(campaignId, 'queued') > 0) {
    rt.pacing.linesPerAgent = 0;
    return;
  }
  const inboundPerMs = campaign.isBlended && rt.arrival ? arrivalRatePerMs(rt.arrival.settings, cmd.at) : 0;
  const decision = paceCampaign({
    campaign,
    ready,
    inFlight: store.dialling(campaignId),
    pacing: rt.pacing,
    inboundPerMs,
  });
  for (let i = 0; i < decision.dials; i++) {
    if (!dial(ctx, cmd, campaign, rt)) {
      wakeForNextLead(ctx, cmd, campaign, rt);
      break;
    }
  }
  rt.pacing.linesPerAgent = store.dialling(campaignId) / ready;
}

/** The campaign's wake-up fell due: a lead may be due now. */
export function wakeCampaign(ctx: DiallerContext, cmd: DiallerCommand, campaignId: number): void {
  campaignRuntime(ctx, cmd, campaignId).wakeAt = null;
  paceOutbound(ctx, cmd, campaignId);
}

/** A call no agent took has ended (its CDR went with the step): lead, counters, then pace again. */
export function endUnroutedCall(ctx: DiallerContext, cmd: DiallerCommand, call: DiallerCall, record: CallRecord): void {
  const rt = campaignRuntime(ctx, cmd, record.campaignId);
  const disposition = callDisposition(record);
  countDisposition(rt.stats, disposition);
  if (disposition === 'DROP') {
    rt.stats.drops++;
    const campaign = ctx.campaigns.campaign(record.campaignId);
    if (campaign) recordAnsweredCall(rt.pacing, campaign.targetDropPercentage, true);
  }
  if (disposition === 'ABAND') rt.stats.abandoned++;
  if (call.phase === 'waiting') cancelTimer(cmd, DIALLER_TIMER_KINDS.drop, callTimerRef(record.callId));
  if (call.phase === 'queued') cancelTimer(cmd, DIALLER_TIMER_KINDS.abandon, callTimerRef(record.callId));
  settleLead(ctx, record, disposition, cmd.at, null);
  ctx.store.releaseCall(record.callId, record);
  paceOutbound(ctx, cmd, record.campaignId);
}

/** An answered outbound call waited its 2 s and no agent came free: the system hangs up (`DROP`). */
export function dropWaitingCall(ctx: DiallerContext, cmd: DiallerCommand, call: DiallerCall): void {
  const dropped = stepHeldCall(cmd, call.record, { type: 'system_hangup' });
  if (dropped) endUnroutedCall(ctx, cmd, call, dropped);
}

/** A network event (or the no-answer timeout) of an outbound call the dialler holds. */
export function outboundCallInput(ctx: DiallerContext, cmd: DiallerCommand, call: DiallerCall, input: CallInput): void {
  const { store } = ctx;
  const campaign = ctx.campaigns.campaign(call.record.campaignId);
  // An answer is put through at once to the agent free now (queued inbound callers first): the call is that agent's
  // from the answer on, so its `answered` already names them. With no agent free it names none (0, B.1) until one
  // takes it; a machine AMD screens never reaches one.
  const screened = call.machine && campaign?.amdEnabled === true;
  const agent =
    input.type === 'answered' && !screened && store.waitingCount(call.record.campaignId, 'queued') === 0
      ? store.longestIdle(call.record.campaignId)
      : undefined;
  const record = stepHeldCall(cmd, agent ? { ...call.record, userId: agent.userId } : call.record, input);
  if (!record) return;
  const rt = campaignRuntime(ctx, cmd, record.campaignId);
  if (record.machine.call === 'ended') {
    if (call.phase === 'dialling') rt.pacing.resolved++;
    endUnroutedCall(ctx, cmd, call, record);
    return;
  }
  if (input.type !== 'answered') {
    store.saveCall({ ...call, record });
    return;
  }
  const start = record.timeline[0]?.at ?? cmd.at;
  rt.pacing.resolved++;
  rt.pacing.answered++;
  rt.pacing.answerDelayMs += cmd.at - start;
  if (call.machine) rt.stats.machines++;
  if (screened) {
    // The machine is detected at the answer: dropped as `A`, no agent involved.
    const dropped = stepHeldCall(cmd, record, { type: 'system_hangup' });
    if (dropped) endUnroutedCall(ctx, cmd, call, dropped);
    return;
  }
  rt.pacing.needAgent++;
  const waiting: DiallerCall = { ...call, record, phase: 'waiting', waitingSince: cmd.at };
  store.saveCall(waiting);
  if (agent) routeToAgent(ctx, cmd, waiting, agent);
  else
    setTimer(cmd, DIALLER_TIMER_KINDS.drop, cmd.at + DROP_AFTER_MS, callTimerRef(record.callId), {
      call_id: record.callId,
    });
}
