/**
 * Outbound pacing: how many calls to place now.
 *
 * Progressive (`max_lines` 1): one call in progress per ready agent. Predictive (`max_lines` above 1): more calls than
 * agents, because most dials do not reach anyone — but every answered call beyond the free agents is a drop (`DROP`:
 * answered, no agent within 2 s), and the campaign's `target_drop_percentage` caps the share of answered calls
 * dropped. So, with A ready agents and N calls in progress each needing an agent with probability p (a person; or a
 * machine AMD will not screen), the answers X are Binomial(N, p) and the expected drops at most E[max(0, X − A)]. The
 * dialler keeps N at the largest value (≤ A × `max_lines`) whose expected drops per expected answer, E[max(0, X − A)]
 * / E[X], stay within an allowance α.
 *
 * The model is conservative (agents finishing a call, and the 2 s grace, catch some of the overflow), so α is tuned by
 * feedback on what actually happens: α = target × gain, and each answered call that needed an agent moves the gain —
 * up a little when an agent took it, down a lot when it was dropped — by factors chosen so that the gain settles where
 * the share dropped equals the setpoint, 80% of the target (stochastic approximation: at share s, (1 − s)·up =
 * s·down). The margin keeps a day's rate under the target despite chance. p, the answer rate, is estimated from the
 * campaign's own outcomes, starting from a cautious prior (½).
 *
 * `degrade_to_progressive`: under `ProgressiveThreshold` ready agents the campaign dials one line per agent (few
 * agents make the overflow risk of even one extra line large). Blended campaigns keep back, from the ready agents, the
 * inbound calls expected while an outbound call rings (arrival rate × mean time to answer): inbound has priority.
 *
 * @module
 */

import type { DiallerCampaign } from './dialler-campaign.js';

/** A campaign's pacing measurements, from which the next dial count is worked out. */
export interface PacingState {
  /** Dials that reached an outcome (answered, failed, no answer). */
  resolved: number;
  /** Of them, answered by someone who needs an agent: a person, or a machine AMD does not screen. */
  needAgent: number;
  /** Sum of dial-to-answer times (ms) of the answered ones, and their count. */
  answerDelayMs: number;
  answered: number;
  /** Calls in progress per ready agent after the last decision (0 when no agent was ready). */
  linesPerAgent: number;
  /** The drop allowance's multiplier of the target, tuned by feedback (starts at 1). */
  gain: number;
}

export function newPacingState(): PacingState {
  return { resolved: 0, needAgent: 0, answerDelayMs: 0, answered: 0, linesPerAgent: 0, gain: 1 };
}

/** A cautious prior for p: as if 20 dials had been resolved, half of them needing an agent. */
const PRIOR_RESOLVED = 20;
const PRIOR_NEED_AGENT = 10;
/** Prior mean time from the dial to an answer, until the campaign has its own. */
const PRIOR_ANSWER_DELAY_MS = 12_000;
/** The share of answered calls the feedback steers to, as a share of the target. */
export const DROP_SETPOINT_SHARE = 0.8;
/** How far one answered call moves the gain (in log terms, times the setpoint or its complement). */
const FEEDBACK_STEP = 0.5;
const MIN_GAIN = 0.05;
const MAX_GAIN = 50;

export function agentAnswerRate(p: PacingState): number {
  return (p.needAgent + PRIOR_NEED_AGENT) / (p.resolved + PRIOR_RESOLVED);
}

export function meanAnswerDelayMs(p: PacingState): number {
  return (p.answerDelayMs + PRIOR_ANSWER_DELAY_MS * 5) / (p.answered + 5);
}

/** α: the expected drops per expected answer the pacing may plan for. */
export function dropAllowance(targetPercent: number, pacing: PacingState): number {
  return targetPercent > 0 ? (targetPercent / 100) * pacing.gain : 0;
}

/** Feedback from one answered call that needed an agent: put through (`dropped` false) or dropped. */
export function recordAnsweredCall(pacing: PacingState, targetPercent: number, dropped: boolean): void {
  const setpoint = (DROP_SETPOINT_SHARE * targetPercent) / 100;
  if (setpoint <= 0) return;
  const factor = dropped ? Math.exp(-FEEDBACK_STEP * (1 - setpoint)) : Math.exp(FEEDBACK_STEP * setpoint);
  pacing.gain = Math.min(MAX_GAIN, Math.max(MIN_GAIN, pacing.gain * factor));
}

/** E[max(0, X − agents)] / E[X] for X ~ Binomial(lines, p): expected drops per expected answer. */
export function expectedDropRatio(lines: number, agents: number, p: number): number {
  if (lines <= agents || p <= 0) return 0;
  if (p >= 1) return (lines - agents) / lines;
  const logRatio = Math.log(p / (1 - p));
  let logPmf = lines * Math.log(1 - p);
  // E[max(0, X − A)] = E[X] − A + Σ_{k<A} (A − k) pmf(k): a sum over k < A only.
  let below = 0;
  for (let k = 0; k < agents; k++) {
    below += (agents - k) * Math.exp(logPmf);
    logPmf += Math.log((lines - k) / (k + 1)) + logRatio;
  }
  const mean = lines * p;
  return Math.max(0, mean - agents + below) / mean;
}

const cache = new Map<string, number>();

/** The most calls in progress for `agents` ready agents: the largest N ≤ agents × maxLines within α. */
export function predictiveLines(agents: number, maxLines: number, p: number, alpha: number): number {
  if (agents <= 0) return 0;
  // Buckets keep the cache small: p rounded up (cautious), α rounded down.
  const pb = Math.min(1, Math.ceil(p * 200) / 200);
  const ab = Math.floor(alpha * 2000) / 2000;
  const key = `${agents}/${maxLines}/${pb}/${ab}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const cap = agents * maxLines;
  let lines = agents;
  while (lines < cap && expectedDropRatio(lines + 1, agents, pb) <= ab) lines++;
  if (cache.size > 50_000) cache.clear();
  cache.set(key, lines);
  return lines;
}

export type PacingMode = 'progressive' | 'predictive';

export interface PacingInput {
  campaign: DiallerCampaign;
  ready: number;
  /** Outbound calls placed and not answered yet. */
  inFlight: number;
  pacing: PacingState;
  /** Blended: expected inbound arrivals per ms now (0 otherwise). */
  inboundPerMs: number;
}

export interface PacingDecision {
  mode: PacingMode;
  /** Ready agents the outbound calls may count on (after the blended reserve). */
  agents: number;
  /** Calls that should be in progress. */
  lines: number;
  /** New calls to place now. */
  dials: number;
}

/** Pacing for a campaign that dials outbound (Progressive, or a blended Inbound campaign). */
export function paceCampaign(input: PacingInput): PacingDecision {
  const c = input.campaign;
  const degraded = c.degradeToProgressive && input.ready < c.progressiveThreshold;
  const mode: PacingMode = c.maxLines > 1 && !degraded ? 'predictive' : 'progressive';
  const reserve = input.inboundPerMs * meanAnswerDelayMs(input.pacing);
  const agents = Math.max(0, Math.floor(input.ready - reserve));
  const lines =
    mode === 'predictive'
      ? predictiveLines(
          agents,
          c.maxLines,
          agentAnswerRate(input.pacing),
          dropAllowance(c.targetDropPercentage, input.pacing),
        )
      : agents;
  return { mode, agents, lines, dials: Math.max(0, lines - input.inFlight) };
}
