/**
 * What the report's counted lists (`timeouts`, `target_failures`) key an exchange by: its route, or for a path no
 * route matches, the path with numeric segments as `{n}`.
 *
 * @module
 */

import { templatePath } from './check-exchange.js';
import { type DriftContracts, matchRoute } from './drift-contracts.js';

export interface RouteKey {
  /** The contracts' route, or null for a path no route matches. */
  readonly route_id: string | null;
  readonly method: string;
  /** The route's path template, or the path asked with numeric segments as `{n}`. */
  readonly path: string;
}

/**
 * @example
 * routeKey(omniDriftContracts(), 'get', '/omni/campaign/7'); // { route_id: 'getCampaign', method: 'GET', path: '/omni/campaign/{campaign_id}' }
 */
export function routeKey(contracts: DriftContracts, method: string, path: string): RouteKey {
  const upper = method.toUpperCase();
  const route = matchRoute(contracts, upper, path);
  return { route_id: route?.id ?? null, method: upper, path: route?.path ?? templatePath(path) };
}

/** Whether two entries are of one route key. */
export function sameRouteKey(a: RouteKey, b: RouteKey): boolean {
  return a.route_id === b.route_id && a.method === b.method && a.path === b.path;
}
