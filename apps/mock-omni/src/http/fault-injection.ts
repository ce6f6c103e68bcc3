/**
 * Fault injection per route, per system: a wall-clock latency (fixed, or uniform in a range) and an error answered
 * instead of running the route, for a share of the requests. Draws come from the system's seeded randomness, so a
 * seeded run fails the same requests. Faults never touch the control API. Kept in memory: a restart clears them.
 *
 * @module
 */

import type { ErrorCode } from '@omnikit/contracts';
import type { CreateFaultBody, FaultView } from '@omnikit/contracts/control';
import type { Rng } from '../engine/rng.js';

export interface FaultDecision {
  latencyMs: number;
  error?: { code: ErrorCode; status?: number | undefined; retryAfterSeconds?: number | undefined };
  label: string;
}

type Fault = FaultView;

export class FaultBook {
  private readonly faults: Fault[] = [];
  private lastId = 0;

  constructor(private rng: Rng) {}

  /**
   * Draws from `rng` from now on: the system's seed changed or the system was reset, and a seeded run then fails the
   * same requests as a new system of that seed does. The faults in force and the ids given out stay.
   */
  reseed(rng: Rng): void {
    this.rng = rng;
  }

  add(body: CreateFaultBody): number {
    this.lastId++;
    this.faults.push({
      fault_id: this.lastId,
      route_id: body.route_id,
      latency_ms: body.latency_ms ?? null,
      latency_max_ms: body.latency_max_ms ?? null,
      error_code: body.error_code ?? null,
      status: body.status ?? null,
      rate: body.rate,
      retry_after_seconds: body.retry_after_seconds ?? null,
      hits: 0,
    });
    return this.lastId;
  }

  list(): FaultView[] {
    return this.faults.map((f) => ({ ...f }));
  }

  remove(faultId: number): boolean {
    const i = this.faults.findIndex((f) => f.fault_id === faultId);
    if (i < 0) return false;
    this.faults.splice(i, 1);
    return true;
  }

  clear(): void {
    this.faults.length = 0;
  }

  get size(): number {
    return this.faults.length;
  }

  /** What to do to a request of `routeId`: undefined when no fault applies. */
  decide(routeId: string): FaultDecision | undefined {
    const rng = this.rng;
    let latencyMs = 0;
    let error: FaultDecision['error'];
    const labels: string[] = [];
    for (const f of this.faults) {
      if (f.route_id !== routeId && f.route_id !== '*') continue;
      let applied = false;
      if (f.latency_ms !== null) {
        latencyMs += f.latency_max_ms !== null ? rng.int(f.latency_ms, f.latency_max_ms) : f.latency_ms;
        applied = true;
      }
      if (f.error_code !== null && !error && rng.chance(f.rate)) {
        error = {
          code: f.error_code as ErrorCode,
          status: f.status ?? undefined,
          retryAfterSeconds: f.retry_after_seconds ?? undefined,
        };
        applied = true;
      }
      if (applied) {
        f.hits++;
        labels.push(`fault ${f.fault_id}`);
      }
    }
    if (labels.length === 0) return undefined;
    return { latencyMs, ...(error ? { error } : {}), label: labels.join(', ') };
  }
}
