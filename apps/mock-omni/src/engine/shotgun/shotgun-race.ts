/**
 * The shotgun race (B.6). One request dials 1–5 distinct numbers at the same virtual instant; each leg is a call of
 * its own (`call_type` 4) with its own callee plan and ring time. States:
 *
 * - `racing` — every leg is dialling or ringing; the agent is `on_call` from the start (B.4).
 * - `won` — the first leg that answers (SIP 200 and answered) is put through to the agent; at that same
 *   instant every other leg still dialling is cancelled (SIP 487, outcome `cancelled`). From then on
 *   the winner is an ordinary agent call (hold, hangup, dispose, its one CDR) driven outside the race.
 * - `lost` — every leg ended without an answer (busy, no answer, invalid, failed, declined, or a
 *   machine dropped by AMD); the agent is free again.
 * - `cancelled` — the agent cancelled the race while it was racing; live legs end with 487.
 *
 * Ties: when several legs answer on the same virtual millisecond, the earliest leg in the request's order wins,
 * whatever order the timers run in (the race looks at the other legs' plans).
 *
 * Answering machines — the trap real diallers have: a machine answers like a person (SIP 200), so a machine that picks
 * up first WINS the race and the agent hears a greeting while the person who answered a moment later on another leg is
 * cancelled. Only with the campaign's `amd_enabled` is the machine detected (at the answer instant, in this mock):
 * that leg is dropped as `A` and the race goes on.
 *
 * Notifications: only the winner's. Until the race is decided nobody knows which leg will win, so each leg's
 * `call_state` notifications are held back; at the win the winner's are released (with their original timestamps, in
 * order) and the others are discarded. Losing legs send no CDR. Each race sends one `shotgun_result` with every leg,
 * when it is decided (won, lost or cancelled).
 *
 * @module
 */

import { CALL_TYPES } from '@omnikit/contracts';
import type { CalleeRule } from '@omnikit/contracts/control';
import type { CallEffect, CallInput } from '../calls/call-machine.js';
import type { CallRecord } from '../calls/call-record.js';
import { startCallRecord, stepCall } from '../calls/call-step.js';
import { cancelledCallTimers, dialTimers, type TimerEffect } from '../calls/call-timers.js';
import { effectiveOutcome, planCallee } from '../calls/callee-model.js';
import { DomainError } from '../domain-error.js';
import { callNotifications, type NotifyEffect } from '../notifications/call-notifications.js';
import type { Rng } from '../rng.js';
import { buildShotgunResultPayload } from './shotgun-view.js';

export type ShotgunState = 'racing' | 'won' | 'lost' | 'cancelled';
export type ShotgunLegOutcome =
  | 'pending'
  | 'won'
  | 'cancelled'
  | 'busy'
  | 'no_answer'
  | 'machine'
  | 'invalid'
  | 'failed'
  | 'declined';

export interface ShotgunLeg {
  callId: number;
  phoneNumber: string;
  outcome: ShotgunLegOutcome;
  record: CallRecord;
  /** When the callee's plan answers (a person, or a machine not screened by AMD); null: never. */
  answersAt: number | null;
  /**
   * `call_state` notifications held back while the race runs (only the winner's are sent), built
   * when each change happened so they carry the SIP code and time of that moment.
   */
  held: NotifyEffect[];
}

export interface ShotgunRace {
  shotgunId: number;
  userId: number;
  campaignId: number;
  amdEnabled: boolean;
  noAnswerMs: number;
  state: ShotgunState;
  winnerCallId: number;
  startedAt: number;
  /** When the race was decided; null while racing. */
  decidedAt: number | null;
  legs: ShotgunLeg[];
}

/**
 * What the integrator does for the race, in order:
 * - `set_timer` / `cancel_timer`: the legs' network events and no-answer timeouts (`call-timers.ts`);
 * - `save_call`: store the leg's call record (every leg is a call: `GET …/call/{call_id}` shows it);
 * - `notify`: record a notification in the outbox;
 * - `agent_state`: the agent goes `on_call` when the race starts and is `released` (free again) when it
 *   ends lost or cancelled; the integrator sends the `agent_state` notification;
 * - `won`: the winner's record, now an agent call (role `agent`): hand it to the agent-call flow.
 */
export type ShotgunEffect =
  | TimerEffect
  | NotifyEffect
  | { type: 'save_call'; record: CallRecord }
  | { type: 'agent_state'; userId: number; to: 'on_call' | 'released'; reason: string }
  | { type: 'won'; record: CallRecord };

export interface StartShotgunInput {
  shotgunId: number;
  userId: number;
  campaignId: number;
  listId?: number;
  leadId?: number;
  uniqueId?: string;
  /** `outbound_cli`, else the campaign's `caller_id`. */
  callerId: string;
  phoneNumbers: readonly string[];
  /** One new call id per number, in the same order. */
  callIds: readonly number[];
  amdEnabled: boolean;
  noAnswerMs: number;
  autoRecord?: boolean;
  /** The system's stream: forked per race, then per leg by `planCallee` (per call id). */
  rng: Rng;
  calleeRules?: readonly CalleeRule[];
  magicNumbers?: boolean;
  at: number;
}

export interface ShotgunStep {
  race: ShotgunRace;
  effects: ShotgunEffect[];
}

export const MAX_SHOTGUN_LEGS = 5;

export function startShotgun(input: StartShotgunInput): ShotgunStep {
  const n = input.phoneNumbers.length;
  if (n < 1 || n > MAX_SHOTGUN_LEGS)
    throw DomainError.validation('phone_numbers', `must hold 1 to ${MAX_SHOTGUN_LEGS} numbers, not ${n}`);
  const seen = new Set<string>();
  input.phoneNumbers.forEach((p, i) => {
    if (seen.has(p)) throw DomainError.validation(`phone_numbers.${i}`, 'is a duplicate');
    seen.add(p);
  });
  if (input.callIds.length !== n) throw new Error(`a shotgun race needs ${n} call ids, got ${input.callIds.length}`);

  const rng = input.rng.fork(`shotgun/${input.shotgunId}`);
  const at = input.at;
  const effects: ShotgunEffect[] = [
    { type: 'agent_state', userId: input.userId, to: 'on_call', reason: 'shotgun_start' },
  ];
  const legs: ShotgunLeg[] = input.phoneNumbers.map((phoneNumber, i) => {
    const callId = input.callIds[i] as number;
    const plan = planCallee({
      rng,
      callId,
      phoneNumber,
      rules: input.calleeRules ?? [],
      magicNumbers: input.magicNumbers ?? true,
    });
    const outcome = effectiveOutcome(plan, input.noAnswerMs);
    const answers = outcome === 'answer' || (outcome === 'machine' && !input.amdEnabled);
    const started = startCallRecord(
      {
        callId,
        userId: input.userId,
        campaignId: input.campaignId,
        listId: input.listId ?? 0,
        leadId: input.leadId ?? 0,
        shotgunId: input.shotgunId,
        parentCallId: 0,
        phoneNumber,
        callerId: input.callerId,
        dnis: '',
        uniqueId: input.uniqueId ?? '',
        direction: 'outbound',
        callType: CALL_TYPES.SHOTGUN_LEG,
        outcome,
      },
      // A leg has no agent until it wins: `route_to_agent` then makes it the agent's call.
      { role: 'system', autoRecord: input.autoRecord ?? false, at },
    );
    effects.push(...dialTimers(callId, plan, input.noAnswerMs, at));
    return {
      callId,
      phoneNumber,
      outcome: 'pending',
      record: started.record,
      answersAt: answers && plan.outcomeAfterMs !== null ? at + plan.outcomeAfterMs : null,
      held: callStateNotifications(started.record, started.effects, at),
    };
  });
  for (const leg of legs) effects.push({ type: 'save_call', record: leg.record });
  const race: ShotgunRace = {
    shotgunId: input.shotgunId,
    userId: input.userId,
    campaignId: input.campaignId,
    amdEnabled: input.amdEnabled,
    noAnswerMs: input.noAnswerMs,
    state: 'racing',
    winnerCallId: 0,
    startedAt: at,
    decidedAt: null,
    legs,
  };
  return { race, effects };
}

/**
 * A leg's network event (`call_event`) or no-answer timeout (`call_no_answer`) while the race runs.
 * Events that no longer apply (a cancelled leg's late timer, anything once the race is decided) change
 * nothing and return no effects.
 */
export function shotgunLegInput(race: ShotgunRace, callId: number, input: CallInput, at: number): ShotgunStep {
  const index = race.legs.findIndex((l) => l.callId === callId);
  const leg = race.legs[index];
  if (race.state !== 'racing' || !leg || leg.outcome !== 'pending') return { race, effects: [] };

  if (input.type === 'answered') {
    const screened = leg.record.outcome === 'machine' && race.amdEnabled;
    if (!screened) {
      // A leg earlier in the request order answering on this same millisecond wins instead.
      const tie = race.legs.findIndex((l, j) => j < index && l.outcome === 'pending' && l.answersAt === at);
      return win(race, tie >= 0 ? tie : index, at);
    }
  }

  const next = cloneRace(race);
  const nextLeg = next.legs[index] as ShotgunLeg;
  const effects: ShotgunEffect[] = [];
  const stepped = stepLeg(nextLeg, input, at, effects);
  if (!stepped) return { race, effects: [] };
  if (input.type === 'answered') {
    // A machine detected by AMD: dropped as `A`; the race goes on.
    stepLeg(nextLeg, { type: 'system_hangup' }, at, effects);
  }
  if (nextLeg.record.machine.call === 'ended') nextLeg.outcome = legOutcomeOf(nextLeg.record);
  effects.push({ type: 'save_call', record: nextLeg.record });
  if (next.legs.every((l) => l.outcome !== 'pending')) decide(next, 'lost', at, effects);
  return { race: next, effects };
}

/** The agent cancels a race still running (or its phone dropped: `reason` phone_dropped); every live leg ends with 487. */
export function cancelShotgun(race: ShotgunRace, at: number, reason = 'shotgun_cancelled'): ShotgunStep {
  if (race.state !== 'racing')
    throw DomainError.invalidState(
      `shotgun ${race.shotgunId} is ${race.state}: only a race still racing can be cancelled`,
    );
  const next = cloneRace(race);
  const effects: ShotgunEffect[] = [];
  for (const leg of next.legs) {
    if (leg.outcome !== 'pending') continue;
    stepLeg(leg, { type: 'system_hangup' }, at, effects);
    leg.outcome = 'cancelled';
    effects.push({ type: 'save_call', record: leg.record });
  }
  decide(next, 'cancelled', at, effects, reason);
  return { race: next, effects };
}

/** The leg at `index` answered at `at` and wins; the others still dialling are cancelled now. */
function win(race: ShotgunRace, index: number, at: number): ShotgunStep {
  const next = cloneRace(race);
  const effects: ShotgunEffect[] = [];
  const winner = next.legs[index] as ShotgunLeg;
  const recording: CallEffect[] = [];
  stepLeg(winner, { type: 'answered' }, at, effects);
  // The agent has been on the race's call since it started: the routing's own `on_call` is not passed on.
  stepLeg(winner, { type: 'route_to_agent' }, at, effects, recording);
  winner.outcome = 'won';
  next.winnerCallId = winner.callId;
  effects.push({ type: 'save_call', record: winner.record });
  for (const leg of next.legs) {
    if (leg === winner || leg.outcome !== 'pending') continue;
    stepLeg(leg, { type: 'system_hangup' }, at, effects);
    leg.outcome = 'cancelled';
    effects.push({ type: 'save_call', record: leg.record });
  }
  effects.push(...winner.held);
  winner.held = [];
  // An auto-recorded winner starts recording when the agent is put through, after its call states.
  effects.push(...callNotifications(winner.record, recording, at));
  decide(next, 'won', at, effects);
  effects.push({ type: 'won', record: winner.record });
  return { race: next, effects };
}

/**
 * Steps one leg's record: timers are passed on and `call_state` changes held back; `recording`
 * effects (an auto-recorded winner) go to `recording` when given. A leg's CDR is never sent from
 * here: losing legs send none, and the winner's comes from the agent-call flow. False when the input
 * no longer applies.
 */
function stepLeg(
  leg: ShotgunLeg,
  input: CallInput,
  at: number,
  effects: ShotgunEffect[],
  recording?: CallEffect[],
): boolean {
  const r = stepCall(leg.record, input, at);
  if (!r.ok) return false;
  leg.record = r.record;
  effects.push(...cancelledCallTimers(leg.callId, r.effects));
  leg.held.push(...callStateNotifications(leg.record, r.effects, at));
  if (recording) recording.push(...r.effects.filter((e) => e.type === 'recording'));
  return true;
}

function callStateNotifications(record: CallRecord, effects: readonly CallEffect[], at: number): NotifyEffect[] {
  return callNotifications(
    record,
    effects.filter((e) => e.type === 'call_state'),
    at,
  );
}

function decide(
  race: ShotgunRace,
  state: Exclude<ShotgunState, 'racing'>,
  at: number,
  effects: ShotgunEffect[],
  reason = state === 'lost' ? 'shotgun_lost' : 'shotgun_cancelled',
): void {
  race.state = state;
  race.decidedAt = at;
  for (const leg of race.legs) if (leg.callId !== race.winnerCallId) leg.held = [];
  if (state !== 'won')
    effects.push({
      type: 'agent_state',
      userId: race.userId,
      to: 'released',
      reason,
    });
  effects.push({
    type: 'notify',
    callId: null,
    notification: { type: 'shotgun_result', payload: buildShotgunResultPayload(race, at) },
  });
}

/**
 * The system disposition (B.9) a race that ended with no winner, lost or cancelled, leaves on its lead: it sends no
 * CDR (B.6), so nothing else settles the lead (inferred). The furthest any leg got: a machine that AMD screened
 * (`A`); a number that rang out or was still ringing when the race ended (`NA`, no answer on a call placed for an
 * agent); a busy or declining number (`B`); else every number was dead (`DC`).
 */
export function raceDisposition(race: Pick<ShotgunRace, 'legs'>): string {
  const outcomes = new Set(race.legs.map((l) => l.outcome));
  if (outcomes.has('machine')) return 'A';
  if (outcomes.has('no_answer') || outcomes.has('cancelled') || outcomes.has('pending')) return 'NA';
  if (outcomes.has('busy') || outcomes.has('declined')) return 'B';
  return 'DC';
}

/** How an unanswered (or screened) leg ended, from what its callee did. */
function legOutcomeOf(record: CallRecord): ShotgunLegOutcome {
  switch (record.outcome) {
    case 'busy':
    case 'no_answer':
    case 'machine':
    case 'invalid':
    case 'failed':
    case 'declined':
      return record.outcome;
    default:
      // A person's plan cut short by the no-answer timeout.
      return 'no_answer';
  }
}

function cloneRace(race: ShotgunRace): ShotgunRace {
  return { ...race, legs: race.legs.map((l) => ({ ...l, held: [...l.held] })) };
}
