/**
 * Runs timers of systems whose clock moves by itself (`real`, `scaled`): for each, one wall-clock `setTimeout` armed
 * for its next due timer, re-armed whenever a timer is set, a clock changes mode, or timers ran. Manual clocks are
 * left to `POST /__mock/clock/advance`. Pending timers are stored, so `start()` after a restart re-arms them all.
 *
 * @module
 */

import { storageFailure } from '../http/storage-failure.js';
import type { MockServices } from '../mock-services.js';

const MAX_DELAY = 2_147_000_000;

export class TimerDriver {
  private readonly armed = new Map<number, { at: number; handle: NodeJS.Timeout }>();
  private stopped = false;

  constructor(private readonly services: MockServices) {
    services.onTimerScheduled((systemId, dueAt) => {
      const current = this.armed.get(systemId);
      if (!current || dueAt < current.at) this.arm(systemId);
    });
  }

  start(): void {
    for (const systemId of this.services.stores.timers.systemsWithTimers()) this.arm(systemId);
  }

  /** Arms (or re-arms) the system's next timer. */
  arm(systemId: number): void {
    if (this.stopped) return;
    const current = this.armed.get(systemId);
    if (current) clearTimeout(current.handle);
    this.armed.delete(systemId);
    const sys = this.services.registry.getById(systemId);
    if (!sys || sys.clock.mode === 'manual') return;
    const next = this.services.timers.earliest(systemId);
    if (!next) return;
    const delay = Math.min(MAX_DELAY, Math.ceil(sys.clock.wallDelayUntil(next.dueAt)));
    const handle = setTimeout(() => this.fire(systemId), delay);
    handle.unref();
    this.armed.set(systemId, { at: next.dueAt, handle });
  }

  stop(): void {
    this.stopped = true;
    for (const { handle } of this.armed.values()) clearTimeout(handle);
    this.armed.clear();
  }

  private fire(systemId: number): void {
    this.armed.delete(systemId);
    if (this.stopped) return;
    const sys = this.services.registry.getById(systemId);
    if (!sys || sys.clock.mode === 'manual') return;
    try {
      this.services.timers.runDue(sys, sys.clock.now());
    } catch (error) {
      // A corrupt or full database is said once, not with a stack trace on every tick.
      if (!storageFailure(error, this.services.options.logger))
        this.services.options.logger.error(`running the timers of system ${systemId} failed`, error);
    }
    this.arm(systemId);
  }
}
