import { describe, expect, it } from 'vitest';
import {
  checkExchange,
  driftReport,
  driftSummaryLine,
  emptyDriftReport,
  foldFindings,
  foldTimeout,
} from '../../src/drift/index.js';
import { restLine } from '../support/exchange-line.js';

const START = '2026-01-05T08:00:00.000Z';

describe('foldTimeout', () => {
  it('counts timed-out exchanges per route and stage, an unknown path grouped, apart from the differences', () => {
    let report = emptyDriftReport('http://omni.test', START);
    report = foldTimeout(report, { method: 'GET', path: '/omni/users', stage: 'answer' }, '2026-01-05T08:00:01.000Z');
    report = foldTimeout(report, { method: 'get', path: '/omni/users/', stage: 'answer' }, '2026-01-05T08:00:02.000Z');
    report = foldTimeout(report, { method: 'GET', path: '/omni/users', stage: 'connect' }, '2026-01-05T08:00:03.000Z');
    report = foldTimeout(
      report,
      { method: 'GET', path: '/omni/queues/17', stage: 'answer-body' },
      '2026-01-05T08:00:04.000Z',
    );
    expect(report.timeouts).toEqual([
      {
        route_id: 'listUsers',
        method: 'GET',
        path: '/omni/users',
        stage: 'answer',
        count: 2,
        first_at: '2026-01-05T08:00:01.000Z',
        last_at: '2026-01-05T08:00:02.000Z',
      },
      expect.objectContaining({ route_id: 'listUsers', stage: 'connect', count: 1 }),
      expect.objectContaining({ route_id: null, path: '/omni/queues/{n}', stage: 'answer-body', count: 1 }),
    ]);
    expect(report.summary).toMatchObject({ timeouts: 4, exchanges: 0, routes_seen: 0 });
    // Omni said nothing there: no difference, and the route is still never seen.
    expect(driftSummaryLine(report)).toBe('drift: 0 documented, 0 inferred');
    expect(report.never_seen.some((r) => r.id === 'listUsers')).toBe(true);
    expect(report.ended_at).toBe('2026-01-05T08:00:04.000Z');
    expect(driftReport.parse(report)).toEqual(report);
  });

  it('keeps the timeouts when differences are folded in afterwards', () => {
    let report = foldTimeout(
      emptyDriftReport('http://omni.test', START),
      { method: 'GET', path: '/omni/users', stage: 'answer' },
      START,
    );
    report = foldFindings(report, checkExchange(restLine('GET', '/omni/queues/1', 200, {})), 1, START).report;
    expect(report.summary).toMatchObject({ timeouts: 1, exchanges: 1, unknown_routes: 1 });
    expect(report.timeouts).toHaveLength(1);
  });

  it('reads a report written before timeouts were kept as one with none', () => {
    const { timeouts: _t, summary, ...older } = emptyDriftReport('http://omni.test', START);
    const { timeouts: _s, ...olderSummary } = summary;
    const read = driftReport.parse({ ...older, summary: olderSummary });
    expect([read.timeouts, read.summary.timeouts]).toEqual([[], 0]);
  });
});
