/**
 * Durable timers on each system's virtual clock. A timer is a row (system, due time, kind, ref, JSON payload); a
 * handler registered for its kind runs when it falls due, inside one transaction with the timer's deletion, and sees
 * the clock at the timer's due time. Who decides *when* to run them is outside: `POST /__mock/clock/advance` for a
 * manual clock, the wall-clock driver for real and scaled ones. Kinds are registered by the features that own them
 * (the calls' ring, answer, talk and wrap-up, the dialler's, webhook retry).
 *
 * @module
 */

import type { Stores, TimerRecord } from '../ports.js';
import type { SystemContext } from '../systems/system-context.js';

export interface TimerRun {
  readonly system: SystemContext;
  readonly timer: TimerRecord;
  /** The virtual time the handler runs at: the timer's due time. */
  readonly now: number;
}

export type TimerHandler = (run: TimerRun) => void;

export interface TimerServiceOptions {
  stores: Pick<Stores, 'tx' | 'timers' | 'systems'>;
  /** A handler threw: its writes were rolled back and the timer dropped. */
  onHandlerError?: (error: unknown, timer: TimerRecord) => void;
  /** A timer was scheduled (the wall-clock driver re-arms on it). */
  onScheduled?: (systemId: number, dueAt: number) => void;
}

/** A run that would never end (a handler re-scheduling itself at the same instant) stops here. */
const MAX_TIMERS_PER_RUN = 1_000_000;

export class TimerService {
  private readonly handlers = new Map<string, TimerHandler>();

  constructor(private readonly options: TimerServiceOptions) {}

  register(kind: string, handler: TimerHandler): void {
    if (this.handlers.has(kind)) throw new Error(`a handler for timer kind "${kind}" is already registered`);
    this.handlers.set(kind, handler);
  }

  hasHandler(kind: string): boolean {
    return this.handlers.has(kind);
  }

  /** Stores a timer; `ref` lets its owner cancel it later (e.g. a call id). */
  schedule(systemId: number, dueAt: number, kind: string, payload: unknown, ref = ''): number {
    if (!this.handlers.has(kind)) throw new Error(`no handler is registered for timer kind "${kind}"`);
    const id = this.options.stores.timers.insert({ systemId, dueAt, kind, ref, payload });
    this.options.onScheduled?.(systemId, dueAt);
    return id;
  }

  cancel(systemId: number, kind: string, ref: string): number {
    return this.options.stores.timers.cancel(systemId, kind, ref);
  }

  pending(systemId: number): number {
    return this.options.stores.timers.count(systemId);
  }

  earliest(systemId: number): TimerRecord | undefined {
    return this.options.stores.timers.earliest(systemId);
  }

  /**
   * Runs every timer of the system due at or before `upTo`, in time order (ties in the order
   * they were set), each in its own transaction. A manual clock is moved to each timer's due time
   * before its handler runs, so the handler and everything it schedules see that instant. The
   * moved clock is stored once, after the last timer (in the same group commit as the timers'
   * writes): a row write per timer cost more than most handlers. Returns how many ran.
   */
  runDue(system: SystemContext, upTo: number): number {
    const { tx, systems } = this.options.stores;
    const clockBefore = system.clock.now();
    try {
      return this.runEach(system, upTo);
    } finally {
      if (system.clock.mode === 'manual' && system.clock.now() !== clockBefore)
        tx.run(() => systems.saveClock(system.systemId, system.clock.snapshot()));
    }
  }

  private runEach(system: SystemContext, upTo: number): number {
    const { tx, timers } = this.options.stores;
    let ran = 0;
    while (ran < MAX_TIMERS_PER_RUN) {
      let failed: { error: unknown; timer: TimerRecord } | undefined;
      let timer: TimerRecord | undefined;
      try {
        timer = tx.run(() => {
          const due = timers.takeNextDue(system.systemId, upTo);
          if (!due) return undefined;
          if (system.clock.mode === 'manual' && due.dueAt > system.clock.now()) system.clock.advanceTo(due.dueAt);
          const handler = this.handlers.get(due.kind);
          try {
            if (!handler) throw new Error(`no handler is registered for timer kind "${due.kind}"`);
            handler({ system, timer: due, now: due.dueAt });
          } catch (error) {
            failed = { error, timer: due };
            throw error;
          }
          return due;
        });
      } catch (error) {
        if (!failed) throw error;
        // The handler's writes are rolled back; drop the timer so it cannot fail forever.
        const { timer: bad } = failed;
        tx.run(() => timers.delete(bad.timerId));
        this.options.onHandlerError?.(failed.error, bad);
        ran++;
        continue;
      }
      if (!timer) break;
      ran++;
    }
    return ran;
  }
}
