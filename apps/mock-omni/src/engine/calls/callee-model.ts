/**
 * The callee model: what the far end of every dialled number does. Each call gets a plan — the outcome, when the
 * network says `ringing`, when the outcome happens, and (once answered) when the callee hangs up. Sources, first match
 * wins: (1) the magic numbers of B.10, (2) the system's rules (exact number, else the longest prefix), (3) a seeded
 * default distribution. Every draw comes from `rng.fork('callee/<call id>')`, so a call's plan depends only on the
 * system's seed and its id.
 *
 * @module
 */

import type { CalleeBehaviour, CalleeDuration, CalleeOutcome, CalleeRule } from '@omnikit/contracts/control';
import type { Rng } from '../rng.js';
import type { CallInput } from './call-machine.js';

export type { CalleeOutcome } from '@omnikit/contracts/control';

/** The SIP code each outcome ends (or answers) with. */
export const OUTCOME_SIP_CODES: Readonly<Record<CalleeOutcome, number>> = {
  answer: 200,
  machine: 200,
  busy: 486,
  no_answer: 480,
  invalid: 404,
  failed: 503,
  declined: 603,
};

export interface CalleePlan {
  outcome: CalleeOutcome;
  sipCode: number;
  /** Dial → the network's `ringing`; null: it never rings (a fast failure, or an answer before it would). */
  ringingAfterMs: number | null;
  /** Dial → the answer (`answer`, `machine`) or the failure; null for `no_answer` (rings until the timeout). */
  outcomeAfterMs: number | null;
  /** Answer → the callee hangs up; null: never (or not answered). */
  talkMs: number | null;
  source: 'magic' | 'rule' | 'default';
}

type PlanShape = Omit<CalleePlan, 'sipCode' | 'source'>;

/** B.10, exactly. Times the table leaves open (ringing, failures) are ours: ringing after 0.5 s, fast failures after 1 s. */
export const MAGIC_NUMBERS: Readonly<Record<string, PlanShape>> = {
  '0800555001': { outcome: 'answer', ringingAfterMs: 500, outcomeAfterMs: 3_000, talkMs: null },
  '0800555002': { outcome: 'busy', ringingAfterMs: null, outcomeAfterMs: 1_000, talkMs: null },
  '0800555003': { outcome: 'no_answer', ringingAfterMs: 500, outcomeAfterMs: null, talkMs: null },
  // An answering machine plays its greeting and records for a while, then hangs up.
  '0800555004': { outcome: 'machine', ringingAfterMs: 500, outcomeAfterMs: 5_000, talkMs: 30_000 },
  '0800555005': { outcome: 'invalid', ringingAfterMs: null, outcomeAfterMs: 1_000, talkMs: null },
  '0800555006': { outcome: 'failed', ringingAfterMs: null, outcomeAfterMs: 1_000, talkMs: null },
  '0800555007': { outcome: 'answer', ringingAfterMs: 500, outcomeAfterMs: 3_000, talkMs: 10_000 },
  '0800555008': { outcome: 'answer', ringingAfterMs: 500, outcomeAfterMs: 1_000, talkMs: null },
  '0800555009': { outcome: 'answer', ringingAfterMs: 500, outcomeAfterMs: 8_000, talkMs: null },
  '0800555010': { outcome: 'declined', ringingAfterMs: 500, outcomeAfterMs: 4_000, talkMs: null },
};

/**
 * The default mix when nothing else decides. Well under half the dials reach a person (28%; 38%
 * with machines), as in outbound calling to consumer lists; weights sum to 1.
 */
export const DEFAULT_OUTCOME_WEIGHTS: Readonly<Record<CalleeOutcome, number>> = {
  answer: 0.28,
  machine: 0.1,
  no_answer: 0.3,
  busy: 0.12,
  declined: 0.08,
  invalid: 0.07,
  failed: 0.05,
};

/** Median and spread of a person's talk time (log-normal): a couple of minutes, a long right tail. */
export const DEFAULT_TALK = { medianMs: 150_000, sigma: 0.9, minMs: 5_000, maxMs: 7_200_000 } as const;

const RINGS: ReadonlySet<CalleeOutcome> = new Set(['answer', 'machine', 'no_answer', 'declined']);

/** Default time from the dial to each outcome (uniform ranges, ms). */
const DEFAULT_OUTCOME_AFTER: Readonly<Record<Exclude<CalleeOutcome, 'no_answer'>, readonly [number, number]>> = {
  answer: [5_000, 25_000],
  machine: [5_000, 25_000],
  declined: [3_000, 15_000],
  busy: [500, 2_500],
  invalid: [300, 1_500],
  failed: [200, 3_000],
};

export interface PlanCalleeInput {
  /** The system's root stream (forked per call here). */
  rng: Rng;
  callId: number;
  phoneNumber: string;
  rules?: readonly CalleeRule[];
  /** false in strict mode: magic numbers are ordinary numbers then. */
  magicNumbers?: boolean;
}

export function planCallee(input: PlanCalleeInput): CalleePlan {
  const magic = input.magicNumbers === false ? undefined : MAGIC_NUMBERS[input.phoneNumber];
  if (magic) return { ...magic, sipCode: OUTCOME_SIP_CODES[magic.outcome], source: 'magic' };
  const rng = input.rng.fork(`callee/${input.callId}`);
  const rule = matchCalleeRule(input.rules ?? [], input.phoneNumber);
  if (rule) {
    const behaviour: CalleeBehaviour = rule.behaviour ?? pickWeighted(rng, rule.distribution ?? []);
    return { ...planBehaviour(rng, behaviour), source: 'rule' };
  }
  const outcome = rng.weighted(DEFAULT_OUTCOME_WEIGHTS);
  return { ...planBehaviour(rng, { outcome }), source: 'default' };
}

/** The rule for a number: an exact `number` rule, else the longest `prefix` (earliest on a tie); `+` ignored. */
export function matchCalleeRule(rules: readonly CalleeRule[], phoneNumber: string): CalleeRule | undefined {
  const digits = stripPlus(phoneNumber);
  const exact = rules.find((r) => r.number !== undefined && stripPlus(r.number) === digits);
  if (exact) return exact;
  let best: CalleeRule | undefined;
  let bestLength = -1;
  for (const r of rules) {
    if (r.prefix === undefined) continue;
    const p = stripPlus(r.prefix);
    if (digits.startsWith(p) && p.length > bestLength) {
      best = r;
      bestLength = p.length;
    }
  }
  return best;
}

function stripPlus(n: string): string {
  return n.startsWith('+') ? n.slice(1) : n;
}

function pickWeighted<T extends { weight: number }>(rng: Rng, items: readonly T[]): T {
  const total = items.reduce((s, i) => s + i.weight, 0);
  let r = rng.next() * total;
  for (const item of items) {
    r -= item.weight;
    if (r < 0) return item;
  }
  return items[items.length - 1] as T;
}

function draw(rng: Rng, d: CalleeDuration): number {
  return typeof d === 'number' ? d : rng.int(d.min_ms, d.max_ms);
}

/** Draws in a fixed order (ringing, outcome, talk) so that a plan never depends on which fields a rule gave. */
function planBehaviour(rng: Rng, b: CalleeBehaviour): Omit<CalleePlan, 'source'> {
  const ringingDraw = rng.int(300, 2_000);
  const defaultRange = b.outcome === 'no_answer' ? undefined : DEFAULT_OUTCOME_AFTER[b.outcome];
  const outcomeDraw = defaultRange ? rng.int(defaultRange[0], defaultRange[1]) : 0;
  const talkDraw =
    b.outcome === 'machine'
      ? rng.int(15_000, 45_000)
      : Math.round(
          Math.min(
            DEFAULT_TALK.maxMs,
            Math.max(DEFAULT_TALK.minMs, rng.logNormal(DEFAULT_TALK.medianMs, DEFAULT_TALK.sigma)),
          ),
        );

  const outcomeAfterMs =
    b.outcome === 'no_answer' ? null : b.ring_ms !== undefined ? draw(rng, b.ring_ms) : outcomeDraw;
  const rings = RINGS.has(b.outcome);
  // An answer that comes before the network would have said `ringing` skips it.
  const ringingAfterMs = !rings ? null : outcomeAfterMs === null || ringingDraw < outcomeAfterMs ? ringingDraw : null;
  const answers = b.outcome === 'answer' || b.outcome === 'machine';
  const talkMs = !answers
    ? null
    : b.talk_ms === null
      ? null
      : b.talk_ms !== undefined
        ? draw(rng, b.talk_ms)
        : talkDraw;
  return { outcome: b.outcome, sipCode: OUTCOME_SIP_CODES[b.outcome], ringingAfterMs, outcomeAfterMs, talkMs };
}

/** A network event the integrator schedules (on the system's clock) `afterMs` after the dial. */
export interface ScheduledCalleeEvent {
  afterMs: number;
  input: { type: 'ringing' | 'answered' | 'callee_hangup' } | Extract<CallInput, { type: 'failed' }>;
}

/**
 * The plan as timed machine inputs. Anything at or after the campaign's no-answer time is left out:
 * the machine's `no_answer` timer ends the call first (SIP 480).
 */
export function calleeEvents(plan: CalleePlan, noAnswerMs: number): ScheduledCalleeEvent[] {
  const events: ScheduledCalleeEvent[] = [];
  if (plan.ringingAfterMs !== null && plan.ringingAfterMs < noAnswerMs)
    events.push({ afterMs: plan.ringingAfterMs, input: { type: 'ringing' } });
  if (plan.outcomeAfterMs === null || plan.outcomeAfterMs >= noAnswerMs) return events;
  if (plan.outcome === 'answer' || plan.outcome === 'machine') {
    events.push({ afterMs: plan.outcomeAfterMs, input: { type: 'answered' } });
    if (plan.talkMs !== null)
      events.push({ afterMs: plan.outcomeAfterMs + plan.talkMs, input: { type: 'callee_hangup' } });
  } else {
    events.push({ afterMs: plan.outcomeAfterMs, input: { type: 'failed', sipCode: plan.sipCode } });
  }
  return events;
}

/** The outcome as the call actually went, given the no-answer time (for dispositions and shotgun legs). */
export function effectiveOutcome(plan: CalleePlan, noAnswerMs: number): CalleeOutcome {
  if (plan.outcomeAfterMs === null || plan.outcomeAfterMs >= noAnswerMs) return 'no_answer';
  return plan.outcome;
}
