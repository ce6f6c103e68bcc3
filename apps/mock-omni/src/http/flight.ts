/**
 * One request's state from arrival to answer: what each stage of the route learnt, kept for the next stages and for
 * the journal entry written at the one exit.
 *
 * @module
 */

import type { TokenRecord } from '../engine/ports.js';
import type { SystemContext } from '../engine/systems/system-context.js';
import type { MockServices } from '../mock-services.js';

/** A request's state, filled in stage by stage. */
export interface Flight {
  /** `performance.now()` at arrival, for the journal's duration. */
  started: number;
  /** The wall clock at arrival (the journal's `at`). */
  wallAt: number;
  system: SystemContext | undefined;
  user: TokenRecord | undefined;
  params: unknown;
  query: unknown;
  /** The body as parsed JSON (before its schema); its JSON text as received and its size in bytes, for the journal. */
  requestBody: unknown;
  requestJson: string | undefined;
  requestSize: number;
  /** The label of the fault injected into this request, if any. */
  fault: string | null;
}

/** A request's flight as it arrives: nothing known yet. */
export function startFlight(services: MockServices): Flight {
  return {
    started: performance.now(),
    wallAt: services.options.wallNow(),
    system: undefined,
    user: undefined,
    params: {},
    query: {},
    requestBody: undefined,
    requestJson: undefined,
    requestSize: 0,
    fault: null,
  };
}
