import { describe, expect, it } from 'vitest';
import { callTimings, type TimelineEntry } from '../../../src/engine/calls/call-timing.js';

const T0 = Date.UTC(2026, 0, 5, 8, 0, 0);
function line(...marks: Array<[number, TimelineEntry['event']]>): TimelineEntry[] {
  return marks.map(([s, event]) => ({ at: T0 + s, event }));
}

describe('call timing (B.5), from literal timelines', () => {
  it('an answered call with two holds, hung up, disposed 12 s later', () => {
    const timeline = line(
      [0, 'initiated'],
      [500, 'ringing'],
      [3_000, 'answered'],
      [3_000, 'agent_connected'],
      [10_000, 'hold'],
      [25_000, 'retrieve'],
      [40_000, 'hold'],
      [45_000, 'retrieve'],
      [60_000, 'agent_leg_ended'],
      [60_000, 'ended'],
      [72_000, 'wrap_ended'],
    );
    expect(callTimings(timeline)).toEqual({
      ringMs: 3_000,
      userMs: 57_000,
      holdMs: 20_000,
      talkMs: 37_000,
      wrapMs: 12_000,
      ivrMs: 0,
    });
  });

  it('a hold still open at hangup closes there', () => {
    const timeline = line(
      [0, 'initiated'],
      [1_000, 'answered'],
      [1_000, 'agent_connected'],
      [5_000, 'hold'],
      [9_000, 'retrieve'],
      [9_000, 'agent_leg_ended'],
      [9_000, 'ended'],
      [9_500, 'wrap_ended'],
    );
    expect(callTimings(timeline)).toEqual({
      ringMs: 1_000,
      userMs: 8_000,
      holdMs: 4_000,
      talkMs: 4_000,
      wrapMs: 500,
      ivrMs: 0,
    });
  });

  it('an unanswered call rings until it ends; nobody talked', () => {
    const timeline = line(
      [0, 'initiated'],
      [700, 'ringing'],
      [25_000, 'agent_leg_ended'],
      [25_000, 'ended'],
      [30_000, 'wrap_ended'],
    );
    expect(callTimings(timeline)).toEqual({ ringMs: 25_000, userMs: 0, holdMs: 0, talkMs: 0, wrapMs: 5_000, ivrMs: 0 });
  });

  it('after connect the customer talks on with the 3rd party: only the agent’s part counts as talk', () => {
    const timeline = line(
      [0, 'initiated'],
      [4_000, 'answered'],
      [4_000, 'agent_connected'],
      [64_000, 'agent_leg_ended'],
      [70_000, 'wrap_ended'],
      [300_000, 'ended'],
    );
    expect(callTimings(timeline)).toEqual({
      ringMs: 4_000,
      userMs: 60_000,
      holdMs: 0,
      talkMs: 60_000,
      wrapMs: 6_000,
      ivrMs: 0,
    });
  });

  it('inbound: ivr until queued, ring until the agent takes it', () => {
    const timeline = line(
      [0, 'initiated'],
      [0, 'answered'],
      [12_000, 'queued'],
      [20_000, 'agent_connected'],
      [80_000, 'agent_leg_ended'],
      [80_000, 'ended'],
      [90_000, 'wrap_ended'],
    );
    expect(callTimings(timeline, { direction: 'inbound' })).toEqual({
      ivrMs: 12_000,
      ringMs: 8_000,
      userMs: 60_000,
      holdMs: 0,
      talkMs: 60_000,
      wrapMs: 10_000,
    });
    // The same marks on an outbound call have no IVR.
    expect(callTimings(timeline, { direction: 'outbound' }).ivrMs).toBe(0);
  });

  it('a live call counts open spans up to now, and not past it', () => {
    const timeline = line([0, 'initiated'], [2_000, 'answered'], [2_000, 'agent_connected'], [5_000, 'hold']);
    expect(callTimings(timeline, { now: T0 + 8_000 })).toEqual({
      ringMs: 2_000,
      userMs: 6_000,
      holdMs: 3_000,
      talkMs: 3_000,
      wrapMs: 0,
      ivrMs: 0,
    });
    // Without `now`, spans not closed yet count as not reached.
    expect(callTimings(timeline).userMs).toBe(0);
  });

  it('an empty timeline is all zeros', () => {
    expect(callTimings([])).toEqual({ ringMs: 0, userMs: 0, holdMs: 0, talkMs: 0, wrapMs: 0, ivrMs: 0 });
  });
});
