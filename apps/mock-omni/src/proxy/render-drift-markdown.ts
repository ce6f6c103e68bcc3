/**
 * The drift report as Markdown, the form a person reads in a pull request: the summary line,
 * then the differences grouped by source — `documented` (a defect of OmniKit's or of TForge's
 * wiki) before `inferred` (a decision to revisit) — then the target's timeouts and other failures,
 * the notifications the webhook tap could not pass on, the routes seen and what was never seen.
 *
 * @module
 */

import { type DriftReport, driftSummaryLine, type ReportedFinding } from '@omnikit/contracts/drift';

/** A table cell: one line, pipes escaped, long values cut. */
export function cell(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const short = text.length > 120 ? `${text.slice(0, 120)}…` : text;
  return short.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

interface Row {
  readonly where: string;
  readonly finding: ReportedFinding;
}

/** Every finding of the report with where it was seen (a route's id, a notification's type). */
export function reportRows(report: DriftReport): Row[] {
  return [
    ...report.routes.flatMap((r) =>
      r.differs.map((finding) => ({ where: `${r.id} (${r.method} ${r.path})`, finding })),
    ),
    ...report.notifications.flatMap((n) => n.differs.map((finding) => ({ where: `notification ${n.type}`, finding }))),
    ...report.unknown_routes.map((u) => ({ where: 'unknown route', finding: u.finding })),
    ...report.unknown_notifications.map((u) => ({ where: 'unknown notification', finding: u.finding })),
  ];
}

function table(rows: readonly Row[]): string[] {
  if (rows.length === 0) return ['None.', ''];
  return [
    '| where | location | kind | expected | seen | example | count |',
    '|---|---|---|---|---|---|---|',
    ...rows.map(
      ({ where, finding: f }) =>
        `| ${cell(where)} | \`${cell(f.location)}\` | ${f.kind} | ${cell(f.expected)} | ${cell(f.seen)} | ${cell(f.example)} | ${f.count} |`,
    ),
    '',
  ];
}

export function renderDriftMarkdown(report: DriftReport): string {
  const rows = reportRows(report);
  const s = report.summary;
  const lines = [
    '# Drift report',
    '',
    `Target: ${report.target} — from ${report.started_at} to ${report.ended_at}.`,
    '',
    `**${driftSummaryLine(report)}** — ${s.exchanges} exchanges on ${s.routes_seen} routes, ${s.notifications} notifications, ${s.unknown_routes} unknown routes, ${s.routes_never_seen} routes never seen, ${s.timeouts} target timeouts, ${s.target_failures} other target failures, ${s.tap_failures} notifications the tap could not pass on.`,
    '',
    '## Documented differences',
    '',
    'What TForge’s wiki documents differs from what was seen: a defect of OmniKit’s contracts or of the wiki. Judge each; never apply blindly.',
    '',
    ...table(rows.filter((r) => r.finding.source === 'documented')),
    '## Inferred differences',
    '',
    'OmniKit’s own decisions (omni-api.md Part B) that the real Omni does not follow: decisions to revisit.',
    '',
    ...table(rows.filter((r) => r.finding.source === 'inferred')),
    '## Target timeouts',
    '',
    'Exchanges the target did not answer within `--target-timeout`, by route and stage: Omni said nothing, so nothing was checked there.',
    '',
    ...(report.timeouts.length === 0
      ? ['None.', '']
      : [
          '| route | method | path | stage | count | first | last |',
          '|---|---|---|---|---|---|---|',
          ...report.timeouts.map(
            (t) =>
              `| ${t.route_id ?? 'unknown route'} | ${t.method} | \`${cell(t.path)}\` | ${t.stage} | ${t.count} | ${t.first_at} | ${t.last_at} |`,
          ),
          '',
        ]),
    '## Target failures',
    '',
    'Exchanges the target failed otherwise, by route and kind — `unreachable` (no connection), `tls` (the handshake failed), `not-http` (no HTTP answer), `cut-off` (the answer broke off): the client got 502 or a cut answer, and nothing was checked there.',
    '',
    ...(report.target_failures.length === 0
      ? ['None.', '']
      : [
          '| route | method | path | kind | count | first | last | first detail |',
          '|---|---|---|---|---|---|---|---|',
          ...report.target_failures.map(
            (f) =>
              `| ${f.route_id ?? 'unknown route'} | ${f.method} | \`${cell(f.path)}\` | ${f.kind} | ${f.count} | ${f.first_at} | ${f.last_at} | ${cell(f.detail)} |`,
          ),
          '',
        ]),
    '## Webhook tap failures',
    '',
    'Notifications the tap could not pass on to the CRM (`--tap-forward`), by type and kind (`timeout` or a kind above): the tap answered Omni 504 or 502, so Omni likely sent them again. Each was checked as any other.',
    '',
    ...(report.tap_failures.length === 0
      ? ['None.', '']
      : [
          '| notification | kind | count | first | last | first detail |',
          '|---|---|---|---|---|---|',
          ...report.tap_failures.map(
            (f) =>
              `| ${cell(f.notification_type ?? '(no type)')} | ${f.kind} | ${f.count} | ${f.first_at} | ${f.last_at} | ${cell(f.detail)} |`,
          ),
          '',
        ]),
    '## Routes seen',
    '',
    '| route | method | path | source | seen | matches | differences |',
    '|---|---|---|---|---|---|---|',
    ...report.routes.map(
      (r) => `| ${r.id} | ${r.method} | \`${r.path}\` | ${r.source} | ${r.seen} | ${r.matches} | ${r.differs.length} |`,
    ),
    ...report.notifications.map(
      (n) =>
        `| notification ${n.type} | POST | (webhook) | ${n.source} | ${n.seen} | ${n.matches} | ${n.differs.length} |`,
    ),
    '',
    '## Never seen',
    '',
    ...(report.never_seen.length === 0 && report.notifications_never_seen.length === 0
      ? ['Every route and notification type was seen.']
      : [
          ...report.never_seen.map(
            (r) => `- ${r.id}: ${r.method} \`${r.path}\` (${r.source}${r.deprecated ? ', deprecated alias' : ''})`,
          ),
          ...report.notifications_never_seen.map((n) => `- notification ${n.type} (${n.source})`),
        ]),
    '',
  ];
  return lines.join('\n');
}
