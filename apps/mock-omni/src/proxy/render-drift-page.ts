/**
 * The proxy's live page (`GET /__proxy`): the drift report as HTML, reloading itself every few
 * seconds, differences grouped by source like the Markdown report, then the target's timeouts and
 * other failures, and the notifications the webhook tap could not pass on.
 *
 * @module
 */

import { type DriftReport, driftSummaryLine } from '@omnikit/contracts/drift';
import { reportRows } from './render-drift-markdown.js';

/** Seconds between the page's reloads. */
const REFRESH_SECONDS = 3;

export function escapeHtml(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function renderDriftPage(report: DriftReport, tap: string | undefined): string {
  const rows = reportRows(report);
  const section = (source: 'documented' | 'inferred', title: string, note: string) => {
    const mine = rows.filter((r) => r.finding.source === source);
    const body = mine.length
      ? `<table><tr><th>where</th><th>location</th><th>kind</th><th>expected</th><th>seen</th><th>example</th><th>count</th></tr>${mine
          .map(
            ({ where, finding: f }) =>
              `<tr><td>${escapeHtml(where)}</td><td><code>${escapeHtml(f.location)}</code></td><td>${f.kind}</td><td>${escapeHtml(f.expected)}</td><td>${escapeHtml(f.seen)}</td><td><code>${escapeHtml(f.example)}</code></td><td>${f.count}</td></tr>`,
          )
          .join('')}</table>`
      : '<p>None.</p>';
    return `<h2>${title} (${mine.length})</h2><p>${note}</p>${body}`;
  };
  const seen = [
    ...report.routes.map(
      (r) =>
        `<tr><td>${escapeHtml(r.id)}</td><td>${r.method} <code>${escapeHtml(r.path)}</code></td><td>${r.source}</td><td>${r.seen}</td><td>${r.matches}</td></tr>`,
    ),
    ...report.notifications.map(
      (n) =>
        `<tr><td>notification ${escapeHtml(n.type)}</td><td>webhook</td><td>${n.source}</td><td>${n.seen}</td><td>${n.matches}</td></tr>`,
    ),
  ].join('');
  const timeouts = report.timeouts.length
    ? `<table><tr><th>route</th><th>request</th><th>stage</th><th>count</th><th>first</th><th>last</th></tr>${report.timeouts
        .map(
          (t) =>
            `<tr><td>${escapeHtml(t.route_id ?? 'unknown route')}</td><td>${escapeHtml(t.method)} <code>${escapeHtml(t.path)}</code></td><td>${t.stage}</td><td>${t.count}</td><td>${escapeHtml(t.first_at)}</td><td>${escapeHtml(t.last_at)}</td></tr>`,
        )
        .join('')}</table>`
    : '<p>None.</p>';
  const targetFailures = report.target_failures.length
    ? `<table><tr><th>route</th><th>request</th><th>kind</th><th>count</th><th>first</th><th>last</th><th>first detail</th></tr>${report.target_failures
        .map(
          (f) =>
            `<tr><td>${escapeHtml(f.route_id ?? 'unknown route')}</td><td>${escapeHtml(f.method)} <code>${escapeHtml(f.path)}</code></td><td>${f.kind}</td><td>${f.count}</td><td>${escapeHtml(f.first_at)}</td><td>${escapeHtml(f.last_at)}</td><td>${escapeHtml(f.detail)}</td></tr>`,
        )
        .join('')}</table>`
    : '<p>None.</p>';
  const tapFailures = report.tap_failures.length
    ? `<table><tr><th>notification</th><th>kind</th><th>count</th><th>first</th><th>last</th><th>first detail</th></tr>${report.tap_failures
        .map(
          (f) =>
            `<tr><td>${escapeHtml(f.notification_type ?? '(no type)')}</td><td>${f.kind}</td><td>${f.count}</td><td>${escapeHtml(f.first_at)}</td><td>${escapeHtml(f.last_at)}</td><td>${escapeHtml(f.detail)}</td></tr>`,
        )
        .join('')}</table>`
    : '<p>None.</p>';
  const never = [
    ...report.never_seen.map(
      (r) =>
        `<li>${escapeHtml(r.id)}: ${r.method} <code>${escapeHtml(r.path)}</code> (${r.source}${r.deprecated ? ', deprecated alias' : ''})</li>`,
    ),
    ...report.notifications_never_seen.map((n) => `<li>notification ${escapeHtml(n.type)} (${n.source})</li>`),
  ].join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="${REFRESH_SECONDS}">
<title>${escapeHtml(driftSummaryLine(report))} — omni-mock proxy</title>
<style>body{font:14px system-ui,sans-serif;margin:2em;max-width:80em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}code{font-size:12px}</style>
</head><body>
<h1>${escapeHtml(driftSummaryLine(report))}</h1>
<p>Target <code>${escapeHtml(report.target)}</code>; webhook tap forwards to ${tap ? `<code>${escapeHtml(tap)}</code>` : 'nothing (notifications are acknowledged with 204)'}.
${report.summary.exchanges} exchanges, ${report.summary.notifications} notifications since ${escapeHtml(report.started_at)}. <a href="/__proxy/report.json">JSON</a></p>
${section('documented', 'Documented differences', 'What TForge’s wiki documents differs from what was seen: a defect of OmniKit’s contracts or of the wiki.')}
${section('inferred', 'Inferred differences', 'OmniKit’s own decisions (omni-api.md Part B) the real Omni does not follow: decisions to revisit.')}
<h2>Target timeouts (${report.summary.timeouts})</h2><p>Exchanges the target did not answer within <code>--target-timeout</code>, by route and stage: Omni said nothing, so nothing was checked there.</p>${timeouts}
<h2>Target failures (${report.summary.target_failures})</h2><p>Exchanges the target failed otherwise, by route and kind — unreachable (no connection), tls (the handshake failed), not-http (no HTTP answer), cut-off (the answer broke off): the client got 502 or a cut answer, and nothing was checked there.</p>${targetFailures}
<h2>Webhook tap failures (${report.summary.tap_failures})</h2><p>Notifications the tap could not pass on to the CRM, by type and kind: the tap answered Omni 504 or 502, so Omni likely sent them again.</p>${tapFailures}
<h2>Seen</h2><table><tr><th>route</th><th>request</th><th>source</th><th>seen</th><th>matches</th></tr>${seen}</table>
<h2>Never seen (${report.never_seen.length + report.notifications_never_seen.length})</h2><ul>${never}</ul>
</body></html>`;
}
