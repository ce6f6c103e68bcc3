import { describe, expect, it } from 'vitest';
import {
  checkExchange,
  driftReport,
  driftSummaryLine,
  emptyDriftReport,
  foldFindings,
  foldTargetFailure,
  foldTimeout,
} from '../../src/drift/index.js';
import { restLine } from '../support/exchange-line.js';

const START = '2026-01-05T08:00:00.000Z';
const REFUSED = 'cannot connect to http://omni.test: connect ECONNREFUSED 127.0.0.1:9';

describe('foldTargetFailure', () => {
  it('counts failed exchanges per route and kind, an unknown path grouped, keeping the first detail', () => {
    let report = emptyDriftReport('http://omni.test', START);
    report = foldTargetFailure(
      report,
      { method: 'GET', path: '/omni/users', kind: 'unreachable', detail: REFUSED },
      '2026-01-05T08:00:01.000Z',
    );
    report = foldTargetFailure(
      report,
      { method: 'get', path: '/omni/users/', kind: 'unreachable', detail: 'cannot connect to http://omni.test: later' },
      '2026-01-05T08:00:02.000Z',
    );
    report = foldTargetFailure(
      report,
      {
        method: 'GET',
        path: '/omni/users',
        kind: 'cut-off',
        detail: 'the answer of http://omni.test broke off: aborted',
      },
      '2026-01-05T08:00:03.000Z',
    );
    report = foldTargetFailure(
      report,
      { method: 'POST', path: '/omni/queues/17', kind: 'not-http', detail: 'connected to http://omni.test, but …' },
      '2026-01-05T08:00:04.000Z',
    );
    expect(report.target_failures).toEqual([
      {
        route_id: 'listUsers',
        method: 'GET',
        path: '/omni/users',
        kind: 'unreachable',
        count: 2,
        first_at: '2026-01-05T08:00:01.000Z',
        last_at: '2026-01-05T08:00:02.000Z',
        detail: REFUSED,
      },
      expect.objectContaining({ route_id: 'listUsers', kind: 'cut-off', count: 1 }),
      expect.objectContaining({ route_id: null, method: 'POST', path: '/omni/queues/{n}', kind: 'not-http', count: 1 }),
    ]);
    expect(report.summary).toMatchObject({ target_failures: 4, timeouts: 0, exchanges: 0, routes_seen: 0 });
    // Omni said nothing there: no difference, the CI line unchanged, the route still never seen.
    expect(driftSummaryLine(report)).toBe('drift: 0 documented, 0 inferred');
    expect(report.never_seen.some((r) => r.id === 'listUsers')).toBe(true);
    expect(report.ended_at).toBe('2026-01-05T08:00:04.000Z');
    expect(driftReport.parse(report)).toEqual(report);
  });

  it('keeps the failures apart from the timeouts, and when differences are folded in afterwards', () => {
    let report = foldTargetFailure(
      emptyDriftReport('http://omni.test', START),
      { method: 'GET', path: '/omni/users', kind: 'tls', detail: 'connected to https://omni.test, but the TLS …' },
      START,
    );
    report = foldTimeout(report, { method: 'GET', path: '/omni/users', stage: 'connect' }, START);
    report = foldFindings(report, checkExchange(restLine('GET', '/omni/queues/1', 200, {})), 1, START).report;
    expect(report.summary).toMatchObject({ target_failures: 1, timeouts: 1, exchanges: 1, unknown_routes: 1 });
    expect([report.target_failures.length, report.timeouts.length]).toEqual([1, 1]);
  });

  it('reads a report written before failures were kept (timeouts only, or neither) as one with none', () => {
    const {
      target_failures: _f,
      tap_failures: _t,
      summary,
      ...withTimeouts
    } = emptyDriftReport('http://omni.test', START);
    const { target_failures: _sf, tap_failures: _st, ...timeoutsSummary } = summary;
    const read = driftReport.parse({ ...withTimeouts, summary: timeoutsSummary });
    expect([read.target_failures, read.tap_failures, read.summary.target_failures, read.summary.tap_failures]).toEqual([
      [],
      [],
      0,
      0,
    ]);
    const { timeouts: _o, ...older } = withTimeouts;
    const { timeouts: _so, ...olderSummary } = timeoutsSummary;
    expect(driftReport.parse({ ...older, summary: olderSummary }).target_failures).toEqual([]);
  });

  it('refuses a kind it does not know', () => {
    const report = foldTargetFailure(
      emptyDriftReport('http://omni.test', START),
      { method: 'GET', path: '/omni/users', kind: 'tls', detail: 'x' },
      START,
    );
    const bad = { ...report, target_failures: [{ ...report.target_failures[0], kind: 'timeout' }] };
    expect(driftReport.safeParse(bad).success).toBe(false);
  });
});
