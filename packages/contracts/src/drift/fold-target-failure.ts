/**
 * Folds an exchange the target failed other than by running out of time (no connection, no TLS,
 * no HTTP, an answer cut off) into a drift report: one entry per route (or unknown path, numeric
 * segments as `{n}`) and kind, counted, with when it first and last happened and what the proxy
 * said the first time. Pure, like {@link foldTimeout}: the report given is left untouched.
 *
 * @module
 */

import { type DriftContracts, omniDriftContracts } from './drift-contracts.js';
import type { DriftReport, TargetFailureKind } from './drift-report.js';
import { routeKey, sameRouteKey } from './route-key.js';
import { tally } from './tally.js';

/** One exchange the target failed. */
export interface FailedExchange {
  readonly method: string;
  /** The path as asked (redacted), without the query. */
  readonly path: string;
  readonly kind: TargetFailureKind;
  /** What the proxy said (redacted). */
  readonly detail: string;
}

/**
 * Adds one failed exchange to `report`, `at` being when it failed (the report's `ended_at`).
 *
 * @example
 * report = foldTargetFailure(
 *   report,
 *   { method: 'GET', path: '/omni/users', kind: 'unreachable', detail: 'cannot connect to https://omni.example.com: …' },
 *   new Date().toISOString(),
 * );
 */
export function foldTargetFailure(
  report: DriftReport,
  exchange: FailedExchange,
  at: string,
  contracts: DriftContracts = omniDriftContracts(),
): DriftReport {
  const key = routeKey(contracts, exchange.method, exchange.path);
  const { kind, detail } = exchange;
  const failures = tally(
    report.target_failures,
    (f) => sameRouteKey(f, key) && f.kind === kind,
    (first) => ({ ...key, kind, ...first, detail }),
    at,
  );
  return {
    ...report,
    ended_at: at,
    target_failures: failures,
    summary: { ...report.summary, target_failures: report.summary.target_failures + 1 },
  };
}
