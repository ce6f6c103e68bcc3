/**
 * What the dialler's modules (outbound, routing, inbound, preview, agents) work over: the ports and settings of one
 * dialler (`DiallerContext`, made once by `createDialler`) and one command's working set (`DiallerCommand`: its time,
 * the effects so far in order, the campaign runtimes it touched), with the few steps every module takes on them —
 * begin and end a command, load a campaign's runtime, step a call the dialler holds and pass its effects on, set and
 * cancel timers. A command saves the runtimes it touched once, at its end.
 *
 * @module
 */

import type { CalleeRule } from '@omnikit/contracts/control';
import type { CallEffect, CallInput } from '../calls/call-machine.js';
import type { CallRecord } from '../calls/call-record.js';
import { stepCall } from '../calls/call-step.js';
import { cancelledCallTimers, type TimerEffect } from '../calls/call-timers.js';
import { DomainError } from '../domain-error.js';
import { callNotifications, type NotifyEffect } from '../notifications/call-notifications.js';
import type { Rng } from '../rng.js';
import { ALWAYS_OPEN, type OpeningHours } from './after-hours.js';
import { newCampaignCounters } from './campaign-stats.js';
import type { CampaignLookup, DiallerCampaign } from './dialler-campaign.js';
import type { CampaignRuntime, DiallerStore } from './dialler-store.js';
import type { LeadSource } from './lead-source.js';
import { newPacingState } from './pacing.js';

/** What the dialler asks of the world, in the order it must happen (dialler-engine.ts). */
export type DiallerEffect =
  | TimerEffect
  | NotifyEffect
  | { type: 'route'; userId: number; campaignId: number; record: CallRecord };

export interface DiallerDeps {
  leads: LeadSource;
  store: DiallerStore;
  campaigns: CampaignLookup;
  /** The system's root stream; the dialler forks it per call and per arrival. */
  rng: Rng;
  /** A new call id of the system (the same sequence every call uses). */
  nextCallId: () => number;
  /** The system's callee rules (control API), read at each dial. */
  calleeRules?: () => readonly CalleeRule[];
  /** false in strict mode: magic numbers are ordinary numbers. */
  magicNumbers?: boolean;
  /** When the contact centre is open (after-hours.ts); always, when not given. */
  hours?: OpeningHours;
}

/** One dialler's ports and settings, shared by every command it runs. */
export interface DiallerContext {
  readonly deps: DiallerDeps;
  readonly leads: LeadSource;
  readonly store: DiallerStore;
  readonly campaigns: CampaignLookup;
  readonly hours: OpeningHours;
}

/** One command's working set: the time, the effects so far, the campaign runtimes it touched. */
export interface DiallerCommand {
  at: number;
  effects: DiallerEffect[];
  runtimes: Map<number, CampaignRuntime>;
}

export function diallerContext(deps: DiallerDeps): DiallerContext {
  return {
    deps,
    leads: deps.leads,
    store: deps.store,
    campaigns: deps.campaigns,
    hours: deps.hours ?? ALWAYS_OPEN,
  };
}

export function beginCommand(at: number): DiallerCommand {
  return { at, effects: [], runtimes: new Map() };
}

/** Saves the runtimes the command touched; its effects, in order. */
export function endCommand(ctx: DiallerContext, cmd: DiallerCommand): DiallerEffect[] {
  for (const rt of cmd.runtimes.values()) ctx.store.saveRuntime(rt);
  return cmd.effects;
}

/** The campaign's runtime as this command sees it: loaded (or made) once, saved at the end. */
export function campaignRuntime(ctx: DiallerContext, cmd: DiallerCommand, campaignId: number): CampaignRuntime {
  let rt = cmd.runtimes.get(campaignId);
  if (!rt) {
    rt = ctx.store.runtime(campaignId) ?? {
      campaignId,
      stats: newCampaignCounters(cmd.at),
      pacing: newPacingState(),
      arrival: null,
      wakeAt: null,
    };
    cmd.runtimes.set(campaignId, rt);
  }
  return rt;
}

export function requireCampaign(ctx: DiallerContext, campaignId: number, field = 'campaign_id'): DiallerCampaign {
  const c = ctx.campaigns.campaign(campaignId);
  if (!c) throw DomainError.notFound(field, 'campaign', campaignId);
  return c;
}

/** Passes a call step's effects on: the call timers it cancels, then its notifications. */
export function pushCallEffects(cmd: DiallerCommand, record: CallRecord, effects: readonly CallEffect[]): void {
  cmd.effects.push(...cancelledCallTimers(record.callId, effects), ...callNotifications(record, effects, cmd.at));
}

export function setTimer(
  cmd: DiallerCommand,
  kind: string,
  dueAt: number,
  ref: string,
  payload: Record<string, unknown>,
): void {
  cmd.effects.push({ type: 'set_timer', kind, dueAt, ref, payload });
}

export function cancelTimer(cmd: DiallerCommand, kind: string, ref: string): void {
  cmd.effects.push({ type: 'cancel_timer', kind, ref });
}

/** Steps a call the dialler holds; null when the input no longer applies (a stale timer). */
export function stepHeldCall(cmd: DiallerCommand, record: CallRecord, input: CallInput): CallRecord | null {
  const r = stepCall(record, input, cmd.at);
  if (!r.ok) return null;
  pushCallEffects(cmd, r.record, r.effects);
  return r.record;
}
