import { describe, expect, it } from 'vitest';
import {
  checkExchange,
  type DriftReport,
  driftReport,
  driftSummaryLine,
  emptyDriftReport,
  foldFindings,
  omniDriftContracts,
  type RecordingLine,
} from '../../src/drift/index.js';
import { callStartedBody, cdrBody, notificationLine, restLine } from '../support/exchange-line.js';

const START = '2026-01-05T08:00:00.000Z';

function fold(lines: RecordingLine[]): { report: DriftReport; added: number } {
  let report = emptyDriftReport('http://omni.test', START);
  let added = 0;
  lines.forEach((line, i) => {
    const result = foldFindings(report, checkExchange(line), i + 1, `2026-01-05T08:00:0${i % 10}.000Z`);
    report = result.report;
    added += result.added.length;
  });
  return { report, added };
}

describe('emptyDriftReport', () => {
  it('lists every route and notification type as never seen', () => {
    const report = emptyDriftReport('http://omni.test', START);
    const contracts = omniDriftContracts();
    expect(report.never_seen).toHaveLength(contracts.routes.length);
    expect(report.notifications_never_seen.map((n) => n.type)).toEqual([
      'cdr',
      'inbound',
      'call_state',
      'agent_state',
      'recording',
      'shotgun_result',
      'message_received',
      'message_status',
      'conversation_assigned',
      'conversation_window',
      'conversation_end',
    ]);
    expect(driftSummaryLine(report)).toBe('drift: 0 documented, 0 inferred');
    expect(driftReport.parse(report)).toEqual(report);
  });
});

describe('foldFindings', () => {
  it('counts a repeated difference once, with how often it was seen', () => {
    const bad = restLine('POST', '/omni/voice/3/call', 200, { ...callStartedBody, call_id: '17' });
    const good = restLine('POST', '/omni/voice/3/call', 200, callStartedBody);
    const { report, added } = fold([bad, good, bad]);
    expect(added).toBe(1);
    const route = report.routes.find((r) => r.id === 'makeCall');
    expect(route).toMatchObject({ seen: 3, matches: 1, source: 'documented' });
    expect(route?.differs).toEqual([
      expect.objectContaining({ location: 'response.200.body.call_id', count: 2, first_seq: 1 }),
    ]);
    expect(report.never_seen.some((r) => r.id === 'makeCall')).toBe(false);
    expect(report.summary).toMatchObject({ exchanges: 3, documented: 1, inferred: 0, routes_seen: 1 });
    expect(driftSummaryLine(report)).toBe('drift: 1 documented, 0 inferred');
    expect(driftReport.parse(report)).toEqual(report);
  });

  it('counts an array’s items showing one difference as one exchange', () => {
    const lists = { lists: [1, 2].map((n) => ({ bad: n })) };
    const { report } = fold([restLine('GET', '/omni/lists', 200, lists)]);
    const extras = report.routes[0]?.differs.filter((d) => d.location === 'response.200.body.lists[].bad');
    expect(extras).toEqual([expect.objectContaining({ kind: 'extra', count: 1 })]);
  });

  it('keeps unknown routes and notification types apart, counted as inferred', () => {
    const { report, added } = fold([
      restLine('GET', '/omni/queues/1', 200, {}),
      restLine('GET', '/omni/queues/2', 404, {}),
      notificationLine({ type: 'queue_stats', payload: {} }),
      notificationLine(cdrBody),
    ]);
    expect(added).toBe(2);
    expect(report.unknown_routes).toEqual([
      expect.objectContaining({ method: 'GET', path: '/omni/queues/{n}', seen: 2, statuses: [200, 404] }),
    ]);
    expect(report.unknown_notifications).toEqual([expect.objectContaining({ type: 'queue_stats', seen: 1 })]);
    expect(report.notifications).toEqual([expect.objectContaining({ type: 'cdr', seen: 1, matches: 1, differs: [] })]);
    expect(report.notifications_never_seen.map((n) => n.type)).not.toContain('cdr');
    expect(report.summary).toMatchObject({ exchanges: 2, notifications: 2, inferred: 2, unknown_routes: 1 });
    expect(driftReport.parse(report)).toEqual(report);
  });

  it('leaves the report it is given untouched', () => {
    const before = emptyDriftReport('http://omni.test', START);
    const copy = structuredClone(before);
    foldFindings(before, checkExchange(restLine('GET', '/omni/queues/1', 200, {})), 1, START);
    expect(before).toEqual(copy);
  });
});
