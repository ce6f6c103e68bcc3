/**
 * A system's virtual clock. Each Omni system (tenant) has its own, and every simulation timer of
 * that system runs on it. Modes:
 * - `real`: virtual time moves with the wall clock;
 * - `scaled`: it moves `scale` times as fast;
 * - `manual`: it moves only when advanced (tests, through the control API).
 * The wall clock comes in as a function, so nothing in the engine reads `Date.now()`.
 *
 * @module
 */

import { LATEST_CLOCK_MS } from '@omnikit/contracts/control';

/** How a clock's virtual time moves (see above). */
export type ClockMode = 'real' | 'scaled' | 'manual';

export interface ClockSettings {
  mode: ClockMode;
  /** Speed in `scaled` mode (1 in the others). */
  scale: number;
}

export interface ClockSnapshot extends ClockSettings {
  /** Virtual epoch milliseconds at `wallAnchor`. */
  virtualAnchor: number;
  /** Wall epoch milliseconds when the anchor was taken. */
  wallAnchor: number;
}

/**
 * Where a `manual` clock starts unless a start is given: Monday 2026-01-05 08:00 UTC, inside the
 * default office hours, so that a test sees the same dates on every run.
 */
export const MANUAL_CLOCK_START = 1_767_600_000_000;

/**
 * The instant a new clock starts at when no start is given (omni-api.md B.3a): a clock that runs by
 * itself starts at the wall clock's current instant, so that an `expiry_date` a client caches lies
 * in the future as on a real Omni; a manual clock starts at `MANUAL_CLOCK_START`.
 */
export function defaultClockStart(mode: ClockMode, wallNow: number): number {
  return mode === 'manual' ? MANUAL_CLOCK_START : wallNow;
}

/** Anything that tells the engine what time it is on a system's clock. */
export interface Clock {
  now(): number;
}

export class VirtualClock implements Clock {
  private settings: ClockSettings;
  private virtualAnchor: number;
  private wallAnchor: number;

  constructor(
    private readonly wallNow: () => number,
    snapshot: ClockSnapshot,
  ) {
    this.settings = { mode: snapshot.mode, scale: snapshot.mode === 'scaled' ? snapshot.scale : 1 };
    this.virtualAnchor = snapshot.virtualAnchor;
    this.wallAnchor = snapshot.wallAnchor;
  }

  /** A clock starting at `start` (virtual epoch ms) now. */
  static start(wallNow: () => number, settings: ClockSettings, start: number): VirtualClock {
    return new VirtualClock(wallNow, { ...settings, virtualAnchor: start, wallAnchor: wallNow() });
  }

  /**
   * Virtual epoch milliseconds. A clock that runs by itself stops at `LATEST_CLOCK_MS` (9999-01-01): the control API
   * refuses to set or advance a clock past it, and a scaled clock started just short of it would otherwise run on
   * into dates with five-digit years.
   */
  now(): number {
    if (this.settings.mode === 'manual') return this.virtualAnchor;
    const elapsed = this.wallNow() - this.wallAnchor;
    return Math.min(LATEST_CLOCK_MS, Math.floor(this.virtualAnchor + elapsed * this.settings.scale));
  }

  get mode(): ClockMode {
    return this.settings.mode;
  }

  get scale(): number {
    return this.settings.scale;
  }

  /** Changes mode or speed from now on; virtual time never jumps or runs backwards here. */
  setMode(settings: ClockSettings): void {
    this.rebase();
    this.settings = { mode: settings.mode, scale: settings.mode === 'scaled' ? settings.scale : 1 };
  }

  /** Moves a manual clock forward to `to`; refuses to go backwards or to move a running clock. */
  advanceTo(to: number): void {
    if (this.settings.mode !== 'manual')
      throw new Error(`only a manual clock can be advanced (this one is ${this.settings.mode})`);
    if (to < this.virtualAnchor) throw new Error('a clock never goes backwards');
    this.virtualAnchor = to;
  }

  /** Wall milliseconds until virtual time reaches `at` (Infinity on a manual clock). */
  wallDelayUntil(at: number): number {
    // An instant past the clock's end never comes, on any clock.
    if (this.settings.mode === 'manual' || at > LATEST_CLOCK_MS) return Number.POSITIVE_INFINITY;
    return Math.max(0, (at - this.now()) / this.settings.scale);
  }

  /**
   * A clock that runs by itself and reads earlier than the wall clock moves forward to it; one
   * ahead keeps its lead and a manual clock stays. Called when a stored clock is loaded again (a
   * restart, or an older database whose real clock started at the fixed Monday) and on a reset:
   * a running clock behind the wall would hand out dates already past. Returns whether it moved.
   */
  catchUpWithWall(): boolean {
    if (this.settings.mode === 'manual') return false;
    const wall = this.wallNow();
    if (this.now() >= wall) return false;
    this.virtualAnchor = wall;
    this.wallAnchor = wall;
    return true;
  }

  /** Puts the clock back to a saved reading (a system reset restarts it at its start instant). */
  restore(snapshot: ClockSnapshot): void {
    this.settings = { mode: snapshot.mode, scale: snapshot.mode === 'scaled' ? snapshot.scale : 1 };
    this.virtualAnchor = snapshot.virtualAnchor;
    this.wallAnchor = snapshot.wallAnchor;
  }

  snapshot(): ClockSnapshot {
    this.rebase();
    return { ...this.settings, virtualAnchor: this.virtualAnchor, wallAnchor: this.wallAnchor };
  }

  private rebase(): void {
    const now = this.now();
    this.wallAnchor = this.wallNow();
    this.virtualAnchor = now;
  }
}

/** Parses `real`, `manual` or `scaled:N` (the CLI's `--clock`). */
export function parseClockSetting(text: string): ClockSettings {
  if (text === 'real' || text === 'manual') return { mode: text, scale: 1 };
  const m = /^scaled:([0-9]+(?:\.[0-9]+)?)$/.exec(text);
  if (m) {
    const scale = Number(m[1]);
    if (scale > 0 && scale <= 100_000) return { mode: 'scaled', scale };
  }
  throw new Error(`clock must be real, manual or scaled:N (0 < N <= 100000), not "${text}"`);
}
