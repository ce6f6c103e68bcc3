import { type CalleeRule, calleeRule, calleeRules } from '@omnikit/contracts/control';
import { describe, expect, it } from 'vitest';
import {
  type CalleePlan,
  calleeEvents,
  effectiveOutcome,
  matchCalleeRule,
  planCallee,
} from '../../../src/engine/calls/callee-model.js';
import { Rng } from '../../../src/engine/rng.js';

const NO_ANSWER_MS = 25_000;

describe('magic numbers (B.10, literal)', () => {
  const rng = Rng.fromSeed(1);
  // number → [outcome, sip, ringing after, outcome after, talk] and the machine inputs it schedules.
  const MAGIC: ReadonlyArray<readonly [string, string, number, number | null, number | null, number | null, string[]]> =
    [
      ['0800555001', 'answer', 200, 500, 3_000, null, ['500 ringing', '3000 answered']],
      ['0800555002', 'busy', 486, null, 1_000, null, ['1000 failed:486']],
      ['0800555003', 'no_answer', 480, 500, null, null, ['500 ringing']],
      ['0800555004', 'machine', 200, 500, 5_000, 30_000, ['500 ringing', '5000 answered', '35000 callee_hangup']],
      ['0800555005', 'invalid', 404, null, 1_000, null, ['1000 failed:404']],
      ['0800555006', 'failed', 503, null, 1_000, null, ['1000 failed:503']],
      ['0800555007', 'answer', 200, 500, 3_000, 10_000, ['500 ringing', '3000 answered', '13000 callee_hangup']],
      ['0800555008', 'answer', 200, 500, 1_000, null, ['500 ringing', '1000 answered']],
      ['0800555009', 'answer', 200, 500, 8_000, null, ['500 ringing', '8000 answered']],
      ['0800555010', 'declined', 603, 500, 4_000, null, ['500 ringing', '4000 failed:603']],
    ];

  it.each(
    MAGIC.map(([n, outcome, sip, ringing, after, talk, events]) => ({ n, outcome, sip, ringing, after, talk, events })),
  )('$n → $outcome ($sip)', ({ n, outcome, sip, ringing, after, talk, events }) => {
    const plan = planCallee({ rng, callId: 7, phoneNumber: n });
    expect(plan).toEqual({
      outcome,
      sipCode: sip,
      ringingAfterMs: ringing,
      outcomeAfterMs: after,
      talkMs: talk,
      source: 'magic',
    });
    expect(
      calleeEvents(plan, NO_ANSWER_MS).map(
        (e) => `${e.afterMs} ${e.input.type}${e.input.type === 'failed' ? `:${e.input.sipCode}` : ''}`,
      ),
    ).toEqual(events);
  });

  it('magic numbers are ordinary numbers when turned off (strict mode)', () => {
    const plan = planCallee({ rng, callId: 7, phoneNumber: '0800555001', magicNumbers: false });
    expect(plan.source).toBe('default');
  });

  it('magic numbers win over a rule for the same number', () => {
    const rules: CalleeRule[] = [{ number: '0800555001', behaviour: { outcome: 'busy' } }];
    expect(planCallee({ rng, callId: 1, phoneNumber: '0800555001', rules }).outcome).toBe('answer');
  });
});

describe('system rules', () => {
  const rng = Rng.fromSeed(42);
  const rules: CalleeRule[] = [
    { prefix: '27', behaviour: { outcome: 'busy', ring_ms: 800 } },
    { prefix: '2782', behaviour: { outcome: 'answer', ring_ms: { min_ms: 4_000, max_ms: 6_000 }, talk_ms: null } },
    { number: '+27821234567', behaviour: { outcome: 'declined', ring_ms: 9_000 } },
    { prefix: '2782', behaviour: { outcome: 'invalid' } },
    {
      prefix: '44',
      distribution: [
        { weight: 3, outcome: 'answer', ring_ms: 2_000, talk_ms: 60_000 },
        { weight: 1, outcome: 'no_answer' },
      ],
    },
  ];

  it('an exact number beats every prefix; a leading + is ignored', () => {
    expect(matchCalleeRule(rules, '27821234567')).toBe(rules[2]);
    expect(planCallee({ rng, callId: 1, phoneNumber: '27821234567', rules })).toEqual({
      outcome: 'declined',
      sipCode: 603,
      ringingAfterMs: expect.any(Number),
      outcomeAfterMs: 9_000,
      talkMs: null,
      source: 'rule',
    });
  });

  it('the longest prefix wins, the earlier rule on a tie', () => {
    expect(matchCalleeRule(rules, '+27829999999')).toBe(rules[1]);
    expect(matchCalleeRule(rules, '27111111111')).toBe(rules[0]);
    expect(matchCalleeRule(rules, '0111111111')).toBeUndefined();
  });

  it('fixed behaviours use the given times; ranges are drawn inside their bounds', () => {
    const busy = planCallee({ rng, callId: 3, phoneNumber: '27111111111', rules });
    expect(busy).toMatchObject({
      outcome: 'busy',
      sipCode: 486,
      ringingAfterMs: null,
      outcomeAfterMs: 800,
      talkMs: null,
    });
    const seen = new Set<number>();
    for (let callId = 1; callId <= 200; callId++) {
      const p = planCallee({ rng, callId, phoneNumber: '27829999999', rules });
      expect(p.outcome).toBe('answer');
      expect(p.outcomeAfterMs).toBeGreaterThanOrEqual(4_000);
      expect(p.outcomeAfterMs).toBeLessThanOrEqual(6_000);
      expect(p.talkMs).toBeNull();
      expect(p.ringingAfterMs).toBeLessThan(p.outcomeAfterMs ?? 0);
      seen.add(p.outcomeAfterMs ?? 0);
    }
    expect(seen.size).toBeGreaterThan(50);
  });

  it('a distribution is drawn by weight per call', () => {
    let answers = 0;
    for (let callId = 1; callId <= 4_000; callId++) {
      const p = planCallee({ rng, callId, phoneNumber: '447700900123', rules });
      if (p.outcome === 'answer') {
        answers++;
        expect(p).toMatchObject({ outcomeAfterMs: 2_000, talkMs: 60_000 });
      } else expect(p).toMatchObject({ outcome: 'no_answer', sipCode: 480, outcomeAfterMs: null, talkMs: null });
    }
    expect(answers / 4_000).toBeGreaterThan(0.72);
    expect(answers / 4_000).toBeLessThan(0.78);
  });

  it('the contract schema takes a rule set and rejects ambiguous rules with the field named', () => {
    expect(calleeRules.safeParse({ rules }).success).toBe(true);
    const cases: Array<[unknown, string]> = [
      [{ behaviour: { outcome: 'busy' } }, 'number'],
      [{ number: '0800', prefix: '08', behaviour: { outcome: 'busy' } }, 'number'],
      [{ prefix: '08' }, 'behaviour'],
      [{ prefix: '08', behaviour: { outcome: 'busy' }, distribution: [{ weight: 1, outcome: 'busy' }] }, 'behaviour'],
      [
        { prefix: '08', behaviour: { outcome: 'answer', ring_ms: { min_ms: 9, max_ms: 3 } } },
        'behaviour.ring_ms.max_ms',
      ],
      [{ prefix: '08', behaviour: { outcome: 'ringing' } }, 'behaviour.outcome'],
      [{ prefix: '0x', behaviour: { outcome: 'busy' } }, 'prefix'],
      [{ prefix: '08', distribution: [{ weight: 0, outcome: 'busy' }] }, 'distribution.0.weight'],
    ];
    for (const [input, field] of cases) {
      const r = calleeRule.safeParse(input);
      expect(r.success, JSON.stringify(input)).toBe(false);
      if (!r.success) expect(r.error.issues.map((i) => i.path.join('.'))).toContain(field);
    }
  });
});

describe('the seeded default distribution', () => {
  const rng = Rng.fromSeed(2026);
  const plans: CalleePlan[] = [];
  for (let callId = 1; callId <= 10_000; callId++) plans.push(planCallee({ rng, callId, phoneNumber: '27115550000' }));
  const share = (o: string) => plans.filter((p) => p.outcome === o).length / plans.length;

  it('well under half the dials reach a person; every outcome happens', () => {
    expect(share('answer')).toBeGreaterThan(0.25);
    expect(share('answer')).toBeLessThan(0.31);
    expect(share('answer') + share('machine')).toBeLessThan(0.45);
    for (const o of ['busy', 'no_answer', 'machine', 'invalid', 'failed', 'declined'])
      expect(share(o)).toBeGreaterThan(0.03);
    expect(plans.every((p) => p.source === 'default')).toBe(true);
  });

  it('answers come after 5 to 25 s of ringing; people talk for minutes (log-normal)', () => {
    const answered = plans.filter((p) => p.outcome === 'answer');
    for (const p of answered) {
      expect(p.outcomeAfterMs).toBeGreaterThanOrEqual(5_000);
      expect(p.outcomeAfterMs).toBeLessThanOrEqual(25_000);
      expect(p.ringingAfterMs).toBeLessThan(p.outcomeAfterMs ?? 0);
    }
    const talks = answered.map((p) => p.talkMs ?? -1).sort((a, b) => a - b);
    const median = talks[Math.floor(talks.length / 2)] ?? 0;
    expect(median).toBeGreaterThan(120_000);
    expect(median).toBeLessThan(180_000);
    expect(talks[0]).toBeGreaterThanOrEqual(5_000);
    // A long right tail: the longest calls are several times the median.
    expect(talks.at(-1) ?? 0).toBeGreaterThan(4 * median);
  });

  it('a call’s plan depends on the system seed and its id only', () => {
    const again = Rng.fromSeed(2026);
    for (let i = 0; i < 1_000; i++) again.next(); // the root stream having been used changes nothing
    expect(planCallee({ rng: again, callId: 77, phoneNumber: '27115550000' })).toEqual(plans[76]);
    const other = Rng.fromSeed(2027);
    const differs = plans
      .slice(0, 50)
      .some(
        (p, i) =>
          JSON.stringify(planCallee({ rng: other, callId: i + 1, phoneNumber: '27115550000' })) !== JSON.stringify(p),
      );
    expect(differs).toBe(true);
  });
});

describe('the no-answer time', () => {
  it('an answer at or after it never arrives: the no-answer timer ends the call', () => {
    const plan: CalleePlan = {
      outcome: 'answer',
      sipCode: 200,
      ringingAfterMs: 800,
      outcomeAfterMs: 20_000,
      talkMs: 60_000,
      source: 'rule',
    };
    expect(calleeEvents(plan, 15_000)).toEqual([{ afterMs: 800, input: { type: 'ringing' } }]);
    expect(calleeEvents(plan, 20_000)).toEqual([{ afterMs: 800, input: { type: 'ringing' } }]);
    expect(effectiveOutcome(plan, 15_000)).toBe('no_answer');
    expect(calleeEvents(plan, 20_001).map((e) => e.input.type)).toEqual(['ringing', 'answered', 'callee_hangup']);
    expect(effectiveOutcome(plan, 20_001)).toBe('answer');
  });
});
