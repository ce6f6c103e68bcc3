/**
 * Folds an exchange the target did not answer in time into a drift report: one entry per route
 * (or unknown path, numeric segments as `{n}`) and stage, counted, with when it first and last
 * happened. Pure, like {@link foldFindings}: the report given is left untouched.
 *
 * @module
 */

import { type DriftContracts, omniDriftContracts } from './drift-contracts.js';
import type { DriftReport, TimeoutStage } from './drift-report.js';
import { routeKey, sameRouteKey } from './route-key.js';
import { tally } from './tally.js';

/** One exchange that ran out of the proxy's target timeout. */
export interface TimedOutExchange {
  readonly method: string;
  /** The path as asked (redacted), without the query. */
  readonly path: string;
  readonly stage: TimeoutStage;
}

/**
 * Adds one timed-out exchange to `report`, `at` being when it timed out (the report's `ended_at`).
 *
 * @example
 * report = foldTimeout(report, { method: 'GET', path: '/omni/users', stage: 'answer' }, new Date().toISOString());
 */
export function foldTimeout(
  report: DriftReport,
  exchange: TimedOutExchange,
  at: string,
  contracts: DriftContracts = omniDriftContracts(),
): DriftReport {
  const key = routeKey(contracts, exchange.method, exchange.path);
  const timeouts = tally(
    report.timeouts,
    (t) => sameRouteKey(t, key) && t.stage === exchange.stage,
    (first) => ({ ...key, stage: exchange.stage, ...first }),
    at,
  );
  return {
    ...report,
    ended_at: at,
    timeouts,
    summary: { ...report.summary, timeouts: report.summary.timeouts + 1 },
  };
}
