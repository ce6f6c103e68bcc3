/**
 * A clock that runs by itself stops at the end of the span the control API allows (9999-01-01): past it,
 * `toISOString` writes five-digit years (`+010000-…`), which no Omni date has.
 */
import { LATEST_CLOCK_MS } from '@omnikit/contracts/control';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/engine/clock.js';

describe('a clock near the end of its span', () => {
  it('a scaled clock started a second short of 9999-01-01 stops there', () => {
    let wall = 1_000_000;
    const clock = VirtualClock.start(() => wall, { mode: 'scaled', scale: 1_000 }, LATEST_CLOCK_MS - 1_000);
    wall += 500;
    expect(clock.now()).toBe(LATEST_CLOCK_MS);
    wall += 86_400_000;
    expect(clock.now()).toBe(LATEST_CLOCK_MS);
    expect(new Date(clock.now()).toISOString()).toBe('9999-01-01T00:00:00.000Z');
  });

  it('a real clock reads its anchor plus the wall time up to the end, then stays there', () => {
    let wall = 0;
    const clock = VirtualClock.start(() => wall, { mode: 'real', scale: 1 }, LATEST_CLOCK_MS - 10);
    wall = 4;
    expect(clock.now()).toBe(LATEST_CLOCK_MS - 6);
    wall = 50;
    expect(clock.now()).toBe(LATEST_CLOCK_MS);
    // Its reading survives a snapshot and a change of speed without passing the end.
    clock.setMode({ mode: 'scaled', scale: 60 });
    wall = 10_000;
    expect(clock.now()).toBe(LATEST_CLOCK_MS);
    expect(clock.snapshot().virtualAnchor).toBe(LATEST_CLOCK_MS);
  });

  it('an instant past the end never comes: a timer due there waits forever', () => {
    let wall = 0;
    const clock = VirtualClock.start(() => wall, { mode: 'scaled', scale: 10 }, LATEST_CLOCK_MS - 60_000);
    expect(clock.wallDelayUntil(LATEST_CLOCK_MS - 30_000)).toBe(3_000);
    expect(clock.wallDelayUntil(LATEST_CLOCK_MS + 1)).toBe(Number.POSITIVE_INFINITY);
    wall = 1_000;
    expect(clock.wallDelayUntil(LATEST_CLOCK_MS)).toBe(5_000);
  });
});
