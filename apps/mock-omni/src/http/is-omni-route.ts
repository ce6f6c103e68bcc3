/**
 * Which routes are Omni's own (a system key, and a token on user routes) rather than the mock's control API: only
 * those get fault injection, a transaction and a journal entry.
 *
 * @module
 */

import type { RouteDef } from '@omnikit/contracts';

/** Whether `route` is one of Omni's own rather than the control API's. */
export function isOmniRoute(route: RouteDef): boolean {
  return route.auth === 'system' || route.auth === 'user';
}
