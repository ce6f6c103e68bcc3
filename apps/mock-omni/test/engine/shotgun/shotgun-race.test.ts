import { notification, shotgunView as shotgunViewSchema } from '@omnikit/contracts';
import { describe, expect, it } from 'vitest';
import { stepCall } from '../../../src/engine/calls/call-step.js';
import { parseCallEventPayload } from '../../../src/engine/calls/call-timers.js';
import { DomainError } from '../../../src/engine/domain-error.js';
import { Rng } from '../../../src/engine/rng.js';
import {
  cancelShotgun,
  raceDisposition,
  type ShotgunEffect,
  type ShotgunRace,
  type StartShotgunInput,
  shotgunLegInput,
  startShotgun,
} from '../../../src/engine/shotgun/shotgun-race.js';
import { shotgunView } from '../../../src/engine/shotgun/shotgun-view.js';

const T0 = Date.UTC(2030, 0, 7, 9, 0, 0);

function input(over: Partial<StartShotgunInput> = {}): StartShotgunInput {
  const phoneNumbers = over.phoneNumbers ?? ['0800555002', '0800555009', '0800555008'];
  return {
    shotgunId: 11,
    userId: 5,
    campaignId: 2,
    callerId: '0100000000',
    phoneNumbers,
    callIds: phoneNumbers.map((_, i) => 200 + i),
    amdEnabled: false,
    noAnswerMs: 25_000,
    rng: Rng.fromSeed(1),
    at: T0,
    ...over,
  };
}

/** Runs timers in time order (ties in the order set) until `until` or the race is decided. */
function drive(start: { race: ShotgunRace; effects: ShotgunEffect[] }, until = Number.POSITIVE_INFINITY) {
  let race = start.race;
  const effects = [...start.effects];
  let timers = start.effects.flatMap((e, seq) => (e.type === 'set_timer' ? [{ ...e, seq }] : []));
  let seq = timers.length;
  for (;;) {
    timers.sort((a, b) => a.dueAt - b.dueAt || a.seq - b.seq);
    const t = timers[0];
    if (!t || t.dueAt > until || race.state !== 'racing') break;
    timers.shift();
    const ev = parseCallEventPayload(t.payload);
    const callId = (t.payload as { call_id: number }).call_id;
    const step = shotgunLegInput(race, callId, ev ? ev.input : { type: 'no_answer_timeout' }, t.dueAt);
    race = step.race;
    for (const e of step.effects) {
      effects.push(e);
      if (e.type === 'set_timer') timers.push({ ...e, seq: seq++ });
      if (e.type === 'cancel_timer') timers = timers.filter((x) => !(x.kind === e.kind && x.ref === e.ref));
    }
  }
  return { race, effects, timers };
}

const notes = (effects: ShotgunEffect[]) => effects.flatMap((e) => (e.type === 'notify' ? [e.notification] : []));

describe('shotgun race: input checks', () => {
  it.each([
    [[], 'phone_numbers', 'must hold 1 to 5 numbers, not 0'],
    [['0800555001', '0800555002', '0800555003', '0800555004', '0800555005', '0800555006'], 'phone_numbers', 'not 6'],
    [['0800555001', '0800555002', '0800555001'], 'phone_numbers.2', 'is a duplicate'],
  ])('%j → VALIDATION_FAILED naming %s', (phoneNumbers, field, message) => {
    try {
      startShotgun(input({ phoneNumbers, callIds: phoneNumbers.map((_, i) => i + 1) }));
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      const e = error as DomainError;
      expect(e.code).toBe('VALIDATION_FAILED');
      expect(e.errors?.[0]?.field).toBe(field);
      expect(e.errors?.[0]?.message).toContain(message);
    }
  });

  it('dials every leg at the same instant, each with its own plan', () => {
    const numbers = ['27821000001', '27821000002', '27821000003', '27821000004', '27821000005'];
    const { race, effects } = startShotgun(input({ phoneNumbers: numbers, rng: Rng.fromSeed('own-plans') }));
    expect(race.legs.map((l) => l.record.timeline[0]?.at)).toEqual(numbers.map(() => T0));
    const firstEvent = race.legs.map((l) =>
      Math.min(
        ...effects.flatMap((e) =>
          e.type === 'set_timer' && e.kind === 'call_event' && e.ref === `call:${l.callId}` ? [e.dueAt] : [],
        ),
      ),
    );
    // Seeded default callee model: five legs do not share one ring time.
    expect(new Set(firstEvent).size).toBeGreaterThan(1);
    // Same seed, same race.
    const again = startShotgun(input({ phoneNumbers: numbers, rng: Rng.fromSeed('own-plans') }));
    expect(again.effects).toEqual(effects);
  });
});

describe('shotgun race: magic numbers (B.10)', () => {
  it('the 1 s answer wins over the 8 s one; the busy leg failed first on the same millisecond', () => {
    // Busy (486) and the 1 s answer both fall at t+1 s: events of one millisecond apply in the
    // request's order, so the busy leg (first) fails before the answer (third) wins.
    const { race, effects } = drive(startShotgun(input()));
    expect(race.state).toBe('won');
    expect(race.winnerCallId).toBe(202);
    expect(race.decidedAt).toBe(T0 + 1_000);
    expect(race.legs.map((l) => [l.outcome, l.record.sipCode, l.record.machine.call])).toEqual([
      ['busy', 486, 'ended'],
      ['cancelled', 487, 'ended'],
      ['won', 200, 'answered'],
    ]);
    const result = notes(effects).find((n) => n.type === 'shotgun_result');
    expect(() => notification.parse(result)).not.toThrow();
  });

  it('a machine picking up first wins without AMD — the trap', () => {
    const { race } = drive(startShotgun(input({ phoneNumbers: ['0800555004', '0800555009'] })));
    expect([race.state, race.winnerCallId]).toEqual(['won', 200]);
    expect(race.legs.map((l) => l.outcome)).toEqual(['won', 'cancelled']);
  });

  it('with AMD the machine is dropped as A at its answer and the person wins later', () => {
    const { race, effects } = drive(
      startShotgun(input({ phoneNumbers: ['0800555004', '0800555009'], amdEnabled: true })),
    );
    expect([race.state, race.winnerCallId, race.decidedAt]).toEqual(['won', 201, T0 + 8_000]);
    const machine = race.legs[0];
    expect([machine?.outcome, machine?.record.sipCode]).toEqual(['machine', 200]);
    expect(machine?.record.timeline.find((e) => e.event === 'ended')?.at).toBe(T0 + 5_000);
    // The dropped machine leg sends nothing.
    expect(
      notes(effects).filter((n) => (n.type === 'call_state' || n.type === 'cdr') && n.payload.call_id === 200),
    ).toEqual([]);
  });

  it('every leg failing loses the race at the last failure and frees the agent', () => {
    const { race, effects } = drive(startShotgun(input({ phoneNumbers: ['0800555002', '0800555005', '0800555003'] })));
    expect([race.state, race.winnerCallId, race.decidedAt]).toEqual(['lost', 0, T0 + 25_000]);
    expect(race.legs.map((l) => l.outcome)).toEqual(['busy', 'invalid', 'no_answer']);
    expect(effects.filter((e) => e.type === 'agent_state').map((e) => e.type === 'agent_state' && e.to)).toEqual([
      'on_call',
      'released',
    ]);
    expect(notes(effects).map((n) => n.type)).toEqual(['shotgun_result']);
  });
});

describe('shotgun race: cancel', () => {
  it('cancels mid-race: live legs end 487 now, one result, the agent is free, late timers do nothing', () => {
    const mid = drive(startShotgun(input()), T0 + 700);
    expect(mid.race.state).toBe('racing');
    const cancelled = cancelShotgun(mid.race, T0 + 700);
    expect(cancelled.race.state).toBe('cancelled');
    expect(cancelled.race.legs.map((l) => [l.outcome, l.record.sipCode])).toEqual([
      ['cancelled', 487],
      ['cancelled', 487],
      ['cancelled', 487],
    ]);
    const result = notes(cancelled.effects);
    expect(result.map((n) => n.type)).toEqual(['shotgun_result']);
    expect(cancelled.effects.some((e) => e.type === 'agent_state' && e.reason === 'shotgun_cancelled')).toBe(true);
    // Every leg's timers are cancelled…
    const cancels = cancelled.effects.flatMap((e) => (e.type === 'cancel_timer' ? [`${e.kind}@${e.ref}`] : []));
    for (const id of [200, 201, 202]) {
      expect(cancels).toContain(`call_event@call:${id}`);
      expect(cancels).toContain(`call_no_answer@call:${id}`);
    }
    // …and one that fires anyway changes nothing.
    const late = shotgunLegInput(cancelled.race, 202, { type: 'answered' }, T0 + 1_000);
    expect(late.effects).toEqual([]);
    expect(late.race).toBe(cancelled.race);
    expect(() => cancelShotgun(cancelled.race, T0 + 800)).toThrow(/shotgun 11 is cancelled/);
  });

  it('refuses to cancel a race already won (409 INVALID_STATE)', () => {
    const { race } = drive(startShotgun(input()));
    try {
      cancelShotgun(race, T0 + 2_000);
      throw new Error('accepted');
    } catch (error) {
      expect((error as DomainError).code).toBe('INVALID_STATE');
    }
  });
});

describe('shotgun race: views and recording', () => {
  it('shows the race live leg by leg, then the winner’s own live state', () => {
    const mid = drive(startShotgun(input()), T0 + 600);
    const live = shotgunView(mid.race);
    expect(shotgunViewSchema.parse(live)).toEqual(live);
    expect(live.state).toBe('racing');
    expect(live.legs.map((l) => [l.call_state, l.outcome, l.sip_code])).toEqual([
      ['initiated', 'pending', 0],
      ['ringing', 'pending', 0],
      ['ringing', 'pending', 0],
    ]);
    const { race, effects } = drive(mid);
    const won = effects.find((e) => e.type === 'won');
    if (won?.type !== 'won') throw new Error('no winner');
    const hung = stepCall(won.record, { type: 'hangup' }, T0 + 5_000);
    if (!hung.ok) throw new Error(hung.detail);
    const view = shotgunView(race, hung.record);
    expect(view.winner_call_id).toBe(202);
    expect(view.legs[2]).toEqual({
      call_id: 202,
      phone_number: '0800555008',
      call_state: 'ended',
      outcome: 'won',
      sip_code: 200,
    });
  });

  it('an auto-recorded winner starts recording when put through, after its call states', () => {
    const { effects } = drive(startShotgun(input({ autoRecord: true })));
    const types = notes(effects).map((n) => (n.type === 'call_state' ? `call_state:${n.payload.call_state}` : n.type));
    expect(types).toEqual([
      'call_state:initiated',
      'call_state:ringing',
      'call_state:answered',
      'recording',
      'shotgun_result',
    ]);
    for (const n of notes(effects)) expect(() => notification.parse(n)).not.toThrow();
  });
});

describe('raceDisposition: what a race with no winner leaves on its lead', () => {
  const race = (...outcomes: ShotgunRace['legs'][number]['outcome'][]) =>
    ({ legs: outcomes.map((outcome) => ({ outcome })) }) as unknown as ShotgunRace;
  it.each([
    [['busy', 'machine', 'no_answer'], 'A'],
    [['busy', 'no_answer', 'invalid'], 'NA'],
    [['declined', 'cancelled'], 'NA'],
    [['busy', 'invalid', 'failed'], 'B'],
    [['declined'], 'B'],
    [['invalid', 'failed'], 'DC'],
  ] as const)('%j → %s', (outcomes, want) => {
    expect(raceDisposition(race(...outcomes))).toBe(want);
  });

  it('a lost race of busy and dead numbers ends B; a cancelled one NA', () => {
    const lost = drive(startShotgun(input({ phoneNumbers: ['0800555002', '0800555005'] })));
    expect(lost.race.state).toBe('lost');
    expect(raceDisposition(lost.race)).toBe('B');
    const cancelled = cancelShotgun(startShotgun(input()).race, T0 + 500);
    expect(raceDisposition(cancelled.race)).toBe('NA');
  });
});
