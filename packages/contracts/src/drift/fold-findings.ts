/**
 * Folds the checks of exchanges into a drift report: counts per route and notification type, one
 * entry per distinct difference (its location, kind and expectation) with how often it was seen
 * and its first example, routes never seen, and the summary CI reads. Pure: a report and a check
 * give a new report, the old one untouched.
 *
 * @module
 */

import type { Source } from '../source.js';
import type { ExchangeCheck } from './check-exchange.js';
import { type DriftContracts, omniDriftContracts } from './drift-contracts.js';
import {
  DRIFT_REPORT_VERSION,
  type DriftFinding,
  type DriftReport,
  type DriftSummary,
  type ReportedFinding,
} from './drift-report.js';

/** A report with nothing seen yet: every route and notification type of the contracts never seen. */
export function emptyDriftReport(
  target: string,
  startedAt: string,
  contracts: DriftContracts = omniDriftContracts(),
): DriftReport {
  const report: DriftReport = {
    v: DRIFT_REPORT_VERSION,
    target,
    started_at: startedAt,
    ended_at: startedAt,
    summary: {
      exchanges: 0,
      notifications: 0,
      documented: 0,
      inferred: 0,
      routes_seen: 0,
      routes_never_seen: 0,
      unknown_routes: 0,
      timeouts: 0,
      target_failures: 0,
      tap_failures: 0,
    },
    routes: [],
    notifications: [],
    never_seen: contracts.routes.map((r) => ({
      id: r.id,
      method: r.method,
      path: r.path,
      source: r.source,
      deprecated: r.deprecated,
    })),
    notifications_never_seen: contracts.notifications.map((n) => ({ type: n.type, source: n.source })),
    unknown_routes: [],
    unknown_notifications: [],
    timeouts: [],
    target_failures: [],
    tap_failures: [],
  };
  return { ...report, summary: summarise(report) };
}

/** The identity of a finding across exchanges. */
export function findingKey(f: DriftFinding): string {
  return `${f.kind}|${f.location}|${f.expected}|${f.renamed_to ?? ''}`;
}

function summarise(report: Omit<DriftReport, 'summary'> & { summary: DriftSummary }): DriftSummary {
  const all: ReportedFinding[] = [
    ...report.routes.flatMap((r) => r.differs),
    ...report.notifications.flatMap((n) => n.differs),
    ...report.unknown_routes.map((u) => u.finding),
    ...report.unknown_notifications.map((u) => u.finding),
  ];
  const count = (s: Source) => all.filter((f) => f.source === s).length;
  return {
    exchanges: report.summary.exchanges,
    notifications: report.summary.notifications,
    documented: count('documented'),
    inferred: count('inferred'),
    routes_seen: report.routes.length,
    routes_never_seen: report.never_seen.length,
    unknown_routes: report.unknown_routes.length,
    timeouts: report.timeouts.reduce((n, t) => n + t.count, 0),
    target_failures: report.target_failures.reduce((n, f) => n + f.count, 0),
    tap_failures: report.tap_failures.reduce((n, f) => n + f.count, 0),
  };
}

/** Adds findings to a list of reported ones; answers the new list and the findings seen for the first time. */
function merge(
  differs: readonly ReportedFinding[],
  findings: readonly DriftFinding[],
  seq: number,
): { differs: ReportedFinding[]; added: ReportedFinding[] } {
  const next = [...differs];
  const added: ReportedFinding[] = [];
  const seenHere = new Set<string>();
  for (const f of findings) {
    const key = findingKey(f);
    // One exchange counts once for a difference, however many array items show it.
    if (seenHere.has(key)) continue;
    seenHere.add(key);
    const at = next.findIndex((d) => findingKey(d) === key);
    if (at >= 0) {
      const old = next[at] as ReportedFinding;
      next[at] = { ...old, count: old.count + 1 };
    } else {
      const fresh: ReportedFinding = { ...f, count: 1, first_seq: seq };
      next.push(fresh);
      added.push(fresh);
    }
  }
  return { differs: next, added };
}

export interface FoldResult {
  readonly report: DriftReport;
  /** Differences seen for the first time (one stderr line each). */
  readonly added: readonly ReportedFinding[];
}

/**
 * Folds one exchange's check into a report. `seq` is the exchange's recording line (0 when not
 * recording), `at` when it ended (the report's `ended_at`).
 */
export function foldFindings(
  report: DriftReport,
  check: ExchangeCheck,
  seq: number,
  at: string,
  contracts: DriftContracts = omniDriftContracts(),
): FoldResult {
  let added: ReportedFinding[] = [];
  let next: DriftReport = { ...report, ended_at: at };
  const clean = check.findings.length === 0;
  if (check.kind === 'rest') {
    next = { ...next, summary: { ...next.summary, exchanges: next.summary.exchanges + 1 } };
    if (check.unknown_route) {
      const u = check.unknown_route;
      const i = next.unknown_routes.findIndex((r) => r.method === u.method && r.path === u.path);
      const finding = check.findings.find((f) => f.kind === 'unknown-route');
      const list = [...next.unknown_routes];
      if (i >= 0) {
        const old = list[i] as (typeof list)[number];
        list[i] = {
          ...old,
          seen: old.seen + 1,
          statuses: old.statuses.includes(u.status) ? old.statuses : [...old.statuses, u.status].sort((a, b) => a - b),
          finding: { ...old.finding, count: old.finding.count + 1 },
        };
      } else if (finding) {
        const fresh: ReportedFinding = { ...finding, count: 1, first_seq: seq };
        list.push({
          method: u.method,
          path: u.path,
          example_path: u.example_path,
          seen: 1,
          statuses: [u.status],
          finding: fresh,
        });
        added = [fresh];
      }
      next = { ...next, unknown_routes: list };
    } else if (check.route_id !== null) {
      const route = contracts.routes.find((r) => r.id === check.route_id);
      const routes = [...next.routes];
      let i = routes.findIndex((r) => r.id === check.route_id);
      if (i < 0 && route) {
        routes.push({
          id: route.id,
          method: route.method,
          path: route.path,
          source: route.source,
          deprecated: route.deprecated,
          seen: 0,
          matches: 0,
          differs: [],
        });
        const order = contracts.routes.map((r) => r.id);
        routes.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
        i = routes.findIndex((r) => r.id === check.route_id);
        next = { ...next, never_seen: next.never_seen.filter((r) => r.id !== check.route_id) };
      }
      const entry = routes[i];
      if (entry) {
        const merged = merge(entry.differs, check.findings, seq);
        added = merged.added;
        routes[i] = {
          ...entry,
          seen: entry.seen + 1,
          matches: entry.matches + (clean ? 1 : 0),
          differs: merged.differs,
        };
        next = { ...next, routes };
      }
    }
  } else {
    next = { ...next, summary: { ...next.summary, notifications: next.summary.notifications + 1 } };
    const type = check.notification_type;
    const contract = contracts.notifications.find((n) => n.type === type);
    if (type !== null && !contract) {
      const finding = check.findings.find((f) => f.kind === 'unknown-route');
      const list = [...next.unknown_notifications];
      const i = list.findIndex((u) => u.type === type);
      if (i >= 0) {
        const old = list[i] as (typeof list)[number];
        list[i] = { ...old, seen: old.seen + 1, finding: { ...old.finding, count: old.finding.count + 1 } };
      } else if (finding) {
        const fresh: ReportedFinding = { ...finding, count: 1, first_seq: seq };
        list.push({ type, seen: 1, finding: fresh });
        added = [fresh];
      }
      next = { ...next, unknown_notifications: list };
      // Header findings of an unknown type still count, under the type's own entry below.
    }
    const key = type ?? '(unreadable)';
    const findings = contract ? check.findings : check.findings.filter((f) => f.kind !== 'unknown-route');
    if (contract || type === null || findings.length > 0) {
      const notifications = [...next.notifications];
      let i = notifications.findIndex((n) => n.type === key);
      if (i < 0) {
        notifications.push({ type: key, source: contract?.source ?? 'inferred', seen: 0, matches: 0, differs: [] });
        i = notifications.length - 1;
        next = { ...next, notifications_never_seen: next.notifications_never_seen.filter((n) => n.type !== key) };
      }
      const entry = notifications[i];
      if (entry) {
        const merged = merge(entry.differs, findings, seq);
        added = [...added, ...merged.added];
        notifications[i] = {
          ...entry,
          seen: entry.seen + 1,
          matches: entry.matches + (check.findings.length === 0 ? 1 : 0),
          differs: merged.differs,
        };
        next = { ...next, notifications };
      }
    }
  }
  return { report: { ...next, summary: summarise(next) }, added };
}
