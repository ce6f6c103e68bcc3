/**
 * Folds a notification the webhook tap could not pass on to the CRM (`--tap-forward`) into a drift
 * report: one entry per notification type and kind of failure, counted, with when it first and
 * last happened and what the tap said the first time. The notification itself is checked as any
 * other ({@link foldFindings}); this keeps that the CRM never had it, and that Omni was answered
 * 502 or 504 (so it likely sent it again). Pure: the report given is left untouched.
 *
 * @module
 */

import type { DriftReport, TapFailureKind } from './drift-report.js';
import { tally } from './tally.js';

/** One notification the tap could not pass on. */
export interface FailedTapDelivery {
  /** The notification's `type`, or null when its body names none. */
  readonly notification_type: string | null;
  readonly kind: TapFailureKind;
  /** What the tap said (redacted). */
  readonly detail: string;
}

/**
 * Adds one failed delivery to `report`, `at` being when it failed (the report's `ended_at`).
 *
 * @example
 * report = foldTapFailure(
 *   report,
 *   { notification_type: 'cdr', kind: 'timeout', detail: 'http://127.0.0.1:3000 did not answer within 30 s' },
 *   new Date().toISOString(),
 * );
 */
export function foldTapFailure(report: DriftReport, delivery: FailedTapDelivery, at: string): DriftReport {
  const { notification_type: type, kind, detail } = delivery;
  const failures = tally(
    report.tap_failures,
    (f) => f.notification_type === type && f.kind === kind,
    (first) => ({ notification_type: type, kind, ...first, detail }),
    at,
  );
  return {
    ...report,
    ended_at: at,
    tap_failures: failures,
    summary: { ...report.summary, tap_failures: report.summary.tap_failures + 1 },
  };
}
