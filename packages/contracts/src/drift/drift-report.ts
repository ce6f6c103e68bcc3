/**
 * The drift report: how the traffic a proxy saw differs from the contracts, per route and per
 * notification type, each difference with its source tag — `documented` (a defect of OmniKit's
 * or of TForge's wiki) or `inferred` (a Part B decision to revisit). `omni-mock proxy --report
 * x.json` writes this shape; `--report x.md` renders it; `omnikit-contracts drift-apply` reads it.
 *
 * A finding's `location` reads `<where>.<status>.body.<field path>`, arrays as `[]`:
 * `response.200.body.calls[].call_id`, `request.body.phone_number`,
 * `notification.cdr.payload.dispostion_code`, `response.status` (a status the route never answers),
 * `notification.headers.x-omni-notification-id`, or for an unknown route `GET /omni/x/{n}`.
 *
 * Beside the differences, the exchanges the target never answered in time (`timeouts`) or failed
 * otherwise (`target_failures`: no connection, no TLS, no HTTP, an answer cut off): Omni said
 * nothing there, so nothing is checked, but a route that hangs or breaks is a fact about the real
 * system that must not go missing from the report. And the notifications the webhook tap could not
 * pass on to the CRM (`tap_failures`): the tap answered Omni 502 or 504, so Omni likely sent them again.
 *
 * @module
 */

import { z } from 'zod';
import { jsonValue } from '../common.js';

/** The report format's version. */
export const DRIFT_REPORT_VERSION = 1;

/**
 * What differs: a field the contract requires and the answer lacks (`missing`); one it does not
 * know (`extra`); a value of another JSON type, or a date in another format (`type`); a value
 * outside an enumeration or a constant (`enum`); a status the route does not answer, or a 2xx
 * carrying `success: false` (`status`); a route or notification type the contracts do not have
 * (`unknown-route`); a body that is not the JSON it should be (`unparseable`).
 */
export const FINDING_KINDS = ['missing', 'extra', 'type', 'enum', 'status', 'unknown-route', 'unparseable'] as const;
export const findingKind = z.enum(FINDING_KINDS);
export type FindingKind = z.infer<typeof findingKind>;

export const findingSource = z.enum(['documented', 'inferred']);

/** One difference as one exchange shows it (what `checkExchange` returns). */
export const driftFinding = z.object({
  location: z.string(),
  kind: findingKind,
  /** The contract's side, in words: `integer`, `one of "a", "b"`, `present`, `200, 401`. */
  expected: z.string(),
  /** What was seen, in words: `string`, `"parked"`, `absent`, `200`. */
  seen: z.string(),
  /** The value seen (from the redacted exchange), cut to a few hundred characters' worth. */
  example: jsonValue,
  source: findingSource,
  /** For a `missing` field met next to one `extra` field of the value it should have: the name seen instead. */
  renamed_to: z.string().optional(),
});
export type DriftFinding = z.infer<typeof driftFinding>;

/** A finding in a report: the same difference folded over every exchange that showed it. */
export const reportedFinding = driftFinding.extend({
  /** How many exchanges showed it. */
  count: z.number().int().positive(),
  /** The `seq` of the first recording line that showed it (0 when not recording). */
  first_seq: z.number().int().nonnegative(),
});
export type ReportedFinding = z.infer<typeof reportedFinding>;

export const routeDrift = z.object({
  id: z.string(),
  method: z.string(),
  /** The contract's path template. */
  path: z.string(),
  source: findingSource,
  deprecated: z.boolean(),
  /** Exchanges seen on this route. */
  seen: z.number().int().nonnegative(),
  /** Exchanges with no finding. */
  matches: z.number().int().nonnegative(),
  differs: z.array(reportedFinding),
});
export type RouteDrift = z.infer<typeof routeDrift>;

export const notificationDrift = z.object({
  type: z.string(),
  source: findingSource,
  seen: z.number().int().nonnegative(),
  matches: z.number().int().nonnegative(),
  differs: z.array(reportedFinding),
});
export type NotificationDrift = z.infer<typeof notificationDrift>;

/** A request no route of the contracts matches, grouped by method and path (numeric segments as `{n}`). */
export const unknownRoute = z.object({
  method: z.string(),
  path: z.string(),
  /** One real path that was asked. */
  example_path: z.string(),
  seen: z.number().int().positive(),
  statuses: z.array(z.number().int()),
  finding: reportedFinding,
});
export type UnknownRoute = z.infer<typeof unknownRoute>;

export const unknownNotification = z.object({
  type: z.string(),
  seen: z.number().int().positive(),
  finding: reportedFinding,
});
export type UnknownNotification = z.infer<typeof unknownNotification>;

/**
 * How far an exchange got before the target ran out of the proxy's `--target-timeout`: no TCP
 * connection or TLS handshake (`connect`); connected, but it stopped taking the request's body
 * (`request`); the request sent, but no status line came (`answer`); its answer begun, then silent
 * (`answer-body`).
 */
export const TIMEOUT_STAGES = ['connect', 'request', 'answer', 'answer-body'] as const;
export const timeoutStage = z.enum(TIMEOUT_STAGES);
export type TimeoutStage = z.infer<typeof timeoutStage>;

/** Exchanges of one route that timed out at one stage. */
export const targetTimeout = z.object({
  /** The contracts' route, or null for a path no route matches. */
  route_id: z.string().nullable(),
  method: z.string(),
  /** The route's path template, or the path asked with numeric segments as `{n}`. */
  path: z.string(),
  stage: timeoutStage,
  /** How many exchanges timed out there. */
  count: z.number().int().positive(),
  first_at: z.iso.datetime({ offset: true }),
  last_at: z.iso.datetime({ offset: true }),
});
export type TargetTimeout = z.infer<typeof targetTimeout>;

/**
 * How the target failed an exchange other than by running out of time, the client answered 502 (or,
 * the answer begun, cut off): no connection — refused, no route, no such name (`unreachable`); an
 * https target whose TLS handshake failed (`tls`); connected, but what came back was not HTTP, or the
 * connection closed before any answer (`not-http`); the answer begun, then broken off (`cut-off`).
 */
export const TARGET_FAILURE_KINDS = ['unreachable', 'tls', 'not-http', 'cut-off'] as const;
export const targetFailureKind = z.enum(TARGET_FAILURE_KINDS);
export type TargetFailureKind = z.infer<typeof targetFailureKind>;

/** Exchanges of one route the target failed in one way (never a timeout: those are in `timeouts`). */
export const targetFailure = z.object({
  /** The contracts' route, or null for a path no route matches. */
  route_id: z.string().nullable(),
  method: z.string(),
  /** The route's path template, or the path asked with numeric segments as `{n}`. */
  path: z.string(),
  kind: targetFailureKind,
  /** How many exchanges failed so. */
  count: z.number().int().positive(),
  first_at: z.iso.datetime({ offset: true }),
  last_at: z.iso.datetime({ offset: true }),
  /** What the proxy said the first time (the client's `detail` after `omni-mock proxy: `), redacted. */
  detail: z.string(),
});
export type TargetFailure = z.infer<typeof targetFailure>;

/**
 * How the webhook tap failed to pass a notification on to the CRM (`--tap-forward`): the CRM did
 * not answer within the tap's own timeout (`timeout`), or failed as a target can (above).
 */
export const TAP_FAILURE_KINDS = ['timeout', ...TARGET_FAILURE_KINDS] as const;
export const tapFailureKind = z.enum(TAP_FAILURE_KINDS);
export type TapFailureKind = z.infer<typeof tapFailureKind>;

/** Notifications of one type the tap could not pass on to the CRM in one way. */
export const tapFailure = z.object({
  /** The notification's `type`, or null when its body names none. */
  notification_type: z.string().nullable(),
  kind: tapFailureKind,
  count: z.number().int().positive(),
  first_at: z.iso.datetime({ offset: true }),
  last_at: z.iso.datetime({ offset: true }),
  /** What the tap said the first time (its answer's `detail` after `omni-mock proxy tap: `), redacted. */
  detail: z.string(),
});
export type TapFailure = z.infer<typeof tapFailure>;

export const driftSummary = z.object({
  /** REST exchanges and notifications checked. */
  exchanges: z.number().int().nonnegative(),
  notifications: z.number().int().nonnegative(),
  /** Distinct findings tagged `documented` (unknown routes and types count as inferred). */
  documented: z.number().int().nonnegative(),
  inferred: z.number().int().nonnegative(),
  routes_seen: z.number().int().nonnegative(),
  routes_never_seen: z.number().int().nonnegative(),
  unknown_routes: z.number().int().nonnegative(),
  /** Exchanges the target did not answer in time (a report written before timeouts were kept reads 0). */
  timeouts: z.number().int().nonnegative().default(0),
  /** Exchanges the target failed otherwise (a report written before these were kept reads 0). */
  target_failures: z.number().int().nonnegative().default(0),
  /** Notifications the tap could not pass on to the CRM (a report written before these were kept reads 0). */
  tap_failures: z.number().int().nonnegative().default(0),
});
export type DriftSummary = z.infer<typeof driftSummary>;

export const driftReport = z.object({
  v: z.literal(DRIFT_REPORT_VERSION),
  /** The Omni base URL the proxy forwarded to. */
  target: z.string(),
  started_at: z.iso.datetime({ offset: true }),
  ended_at: z.iso.datetime({ offset: true }),
  summary: driftSummary,
  /** Routes seen at least once, in the contracts' order. */
  routes: z.array(routeDrift),
  /** Notification types seen at least once. */
  notifications: z.array(notificationDrift),
  /** Routes of the contracts never seen. */
  never_seen: z.array(
    z.object({ id: z.string(), method: z.string(), path: z.string(), source: findingSource, deprecated: z.boolean() }),
  ),
  /** Notification types of the contracts never seen. */
  notifications_never_seen: z.array(z.object({ type: z.string(), source: findingSource })),
  unknown_routes: z.array(unknownRoute),
  unknown_notifications: z.array(unknownNotification),
  /** Where the target did not answer in time, per route and stage, in the order first met. */
  timeouts: z.array(targetTimeout).default([]),
  /** Where the target failed otherwise, per route and kind, in the order first met. */
  target_failures: z.array(targetFailure).default([]),
  /** What the webhook tap could not pass on to the CRM, per notification type and kind, in the order first met. */
  tap_failures: z.array(tapFailure).default([]),
});
export type DriftReport = z.infer<typeof driftReport>;

/** The one line CI reads: `drift: 0 documented, 3 inferred`. */
export function driftSummaryLine(report: DriftReport): string {
  return `drift: ${report.summary.documented} documented, ${report.summary.inferred} inferred`;
}
