/**
 * The fault stage of an Omni route: the system's fault book (set through the control API) decides whether this request
 * is delayed, refused with an injected error, or both — the delay first. The fault's label goes on the flight, so the
 * journal names it whatever the answer. Returns the wait when there is one; an error without a delay is thrown at
 * once.
 *
 * @module
 */

import type { RouteDef } from '@omnikit/contracts';
import type { SystemContext } from '../engine/systems/system-context.js';
import type { MockServices } from '../mock-services.js';
import { faultDetail } from './fault-detail.js';
import type { Flight } from './flight.js';
import { fail } from './route-failure.js';

/** Applies the system's fault for this route, if any: the delay to wait, or the injected error thrown. */
export function injectFault(
  route: RouteDef,
  system: SystemContext,
  services: MockServices,
  flight: Flight,
): Promise<void> | undefined {
  const decision = services.faults(system).decide(route.id);
  if (!decision) return undefined;
  flight.fault = decision.label;
  const strike = (): void => {
    if (decision.error) {
      fail(decision.error.code, faultDetail(decision.error.code, route.id, decision.label), {
        retryAfterSeconds: decision.error.retryAfterSeconds,
        status: decision.error.status,
      });
    }
  };
  if (decision.latencyMs > 0) return new Promise<void>((r) => setTimeout(r, decision.latencyMs)).then(strike);
  strike();
  return undefined;
}
