import { describe, expect, it } from 'vitest';
import {
  agentAnswerRate,
  dropAllowance,
  expectedDropRatio,
  newPacingState,
  paceCampaign,
  predictiveLines,
  recordAnsweredCall,
} from '../../../src/engine/dialler/pacing.js';
import { campaign } from './support/fixtures.js';

/** E[max(0, X − a)] / E[X] for X ~ Binomial(n, p), by brute force over the whole distribution. */
function bruteRatio(n: number, a: number, p: number): number {
  let choose = 1;
  let overflow = 0;
  for (let k = 0; k <= n; k++) {
    if (k > 0) choose = (choose * (n - k + 1)) / k;
    overflow += Math.max(0, k - a) * choose * p ** k * (1 - p) ** (n - k);
  }
  return overflow / (n * p);
}

describe('expectedDropRatio', () => {
  it.each([
    [2, 1, 0.3],
    [5, 3, 0.3],
    [12, 5, 0.28],
    [30, 10, 0.38],
    [60, 20, 0.5],
    [9, 9, 0.4],
    [4, 0, 0.2],
  ])('n=%i agents=%i p=%f matches the binomial computed in full', (n, a, p) => {
    expect(expectedDropRatio(n, a, p)).toBeCloseTo(bruteRatio(n, a, p), 10);
  });

  it('is 0 with no more lines than agents, and (n − a)/n when everyone answers', () => {
    expect(expectedDropRatio(3, 3, 0.9)).toBe(0);
    expect(expectedDropRatio(5, 2, 1)).toBeCloseTo(0.6, 12);
  });
});

describe('predictiveLines', () => {
  it.each([
    [1, 3, 0.3, 0.03],
    [4, 3, 0.3, 0.03],
    [10, 3, 0.3, 0.03],
    [10, 3, 0.3, 0.1],
    [25, 5, 0.25, 0.05],
  ])('agents=%i max_lines=%i p=%f α=%f: the largest count within α', (agents, maxLines, p, alpha) => {
    const lines = predictiveLines(agents, maxLines, p, alpha);
    expect(lines).toBeGreaterThanOrEqual(agents);
    expect(lines).toBeLessThanOrEqual(agents * maxLines);
    // Within α at the engine's cautious rounding of p (up to 0.005), and one more line is not.
    const pUp = Math.ceil(p * 200) / 200;
    expect(bruteRatio(lines, agents, pUp)).toBeLessThanOrEqual(alpha + 1e-12);
    if (lines < agents * maxLines)
      expect(bruteRatio(lines + 1, agents, pUp)).toBeGreaterThan(Math.floor(alpha * 2000) / 2000);
  });

  it('places more lines per agent with more agents (pooling) and none without agents', () => {
    const per = (a: number) => predictiveLines(a, 3, 0.3, 0.03) / a;
    expect(per(20)).toBeGreaterThan(per(5));
    expect(per(5)).toBeGreaterThan(per(1));
    expect(predictiveLines(0, 3, 0.3, 0.03)).toBe(0);
    expect(predictiveLines(40, 2, 0.1, 0.5)).toBe(80);
  });
});

describe('paceCampaign', () => {
  const base = { pacing: newPacingState(), inboundPerMs: 0 };
  it('progressive (max_lines 1): one call in progress per ready agent', () => {
    const d = paceCampaign({ ...base, campaign: campaign({ maxLines: 1 }), ready: 4, inFlight: 1 });
    expect(d).toEqual({ mode: 'progressive', agents: 4, lines: 4, dials: 3 });
  });

  it('predictive: more lines than agents, fewer than the cap', () => {
    const pacing = { ...newPacingState(), resolved: 1000, needAgent: 300 };
    const d = paceCampaign({ ...base, pacing, campaign: campaign({ maxLines: 3 }), ready: 10, inFlight: 0 });
    expect(d.mode).toBe('predictive');
    expect(d.lines).toBeGreaterThan(10);
    expect(d.lines).toBeLessThan(30);
    expect(d.dials).toBe(d.lines);
  });

  it('degrades to progressive under ProgressiveThreshold ready agents', () => {
    const c = campaign({ maxLines: 3, degradeToProgressive: true, progressiveThreshold: 5 });
    expect(paceCampaign({ ...base, campaign: c, ready: 4, inFlight: 0 }).mode).toBe('progressive');
    expect(paceCampaign({ ...base, campaign: c, ready: 5, inFlight: 0 }).mode).toBe('predictive');
    expect(paceCampaign({ ...base, campaign: { ...c, degradeToProgressive: false }, ready: 4, inFlight: 0 }).mode).toBe(
      'predictive',
    );
  });

  it('blended: keeps back the agents inbound calls are expected to need while outbound rings', () => {
    const c = campaign({ maxLines: 1, isBlended: true });
    // 0.25 calls/s for the prior 12 s to an answer: 3 agents kept for inbound.
    expect(paceCampaign({ ...base, campaign: c, ready: 5, inFlight: 0, inboundPerMs: 0.25 / 1000 }).agents).toBe(2);
    expect(paceCampaign({ ...base, campaign: c, ready: 2, inFlight: 0, inboundPerMs: 0.25 / 1000 }).dials).toBe(0);
  });

  it('never asks for a negative number of dials', () => {
    expect(paceCampaign({ ...base, campaign: campaign(), ready: 1, inFlight: 5 }).dials).toBe(0);
  });
});

describe('the feedback on drops', () => {
  it('starts from a cautious answer rate of one half and learns the campaign’s', () => {
    expect(agentAnswerRate(newPacingState())).toBe(0.5);
    expect(agentAnswerRate({ ...newPacingState(), resolved: 980, needAgent: 290 })).toBeCloseTo(0.3, 12);
  });

  it('holds its gain when calls are dropped at exactly the setpoint (80% of the target)', () => {
    // Target 2.5% → setpoint 2%: one drop in every 50 answered calls.
    const p = newPacingState();
    for (let round = 0; round < 20; round++) {
      recordAnsweredCall(p, 2.5, true);
      for (let i = 0; i < 49; i++) recordAnsweredCall(p, 2.5, false);
    }
    expect(p.gain).toBeCloseTo(1, 9);
    expect(dropAllowance(2.5, p)).toBeCloseTo(0.025, 9);
  });

  it('raises the allowance while nothing is dropped, cuts it hard on drops, within bounds', () => {
    const p = newPacingState();
    for (let i = 0; i < 100; i++) recordAnsweredCall(p, 3, false);
    expect(p.gain).toBeGreaterThan(3);
    const before = p.gain;
    recordAnsweredCall(p, 3, true);
    expect(p.gain).toBeLessThan(before * 0.65);
    for (let i = 0; i < 100_000; i++) recordAnsweredCall(p, 3, false);
    expect(p.gain).toBe(50);
    for (let i = 0; i < 1_000; i++) recordAnsweredCall(p, 3, true);
    expect(p.gain).toBe(0.05);
    expect(dropAllowance(0, p)).toBe(0);
  });
});
