import { describe, expect, it } from 'vitest';
import { driftReport, driftSummaryLine, emptyDriftReport, foldTapFailure } from '../../src/drift/index.js';

const START = '2026-01-05T08:00:00.000Z';
const LATE = 'http://127.0.0.1:3000 did not answer within 30 s';

describe('foldTapFailure', () => {
  it('counts the notifications the tap could not pass on, per type and kind, keeping the first detail', () => {
    let report = emptyDriftReport('http://omni.test', START);
    report = foldTapFailure(
      report,
      { notification_type: 'cdr', kind: 'timeout', detail: LATE },
      '2026-01-05T08:00:01.000Z',
    );
    report = foldTapFailure(
      report,
      { notification_type: 'cdr', kind: 'timeout', detail: 'later' },
      '2026-01-05T08:00:02.000Z',
    );
    report = foldTapFailure(
      report,
      { notification_type: null, kind: 'unreachable', detail: 'cannot connect to http://127.0.0.1:3000: …' },
      '2026-01-05T08:00:03.000Z',
    );
    expect(report.tap_failures).toEqual([
      {
        notification_type: 'cdr',
        kind: 'timeout',
        count: 2,
        first_at: '2026-01-05T08:00:01.000Z',
        last_at: '2026-01-05T08:00:02.000Z',
        detail: LATE,
      },
      expect.objectContaining({ notification_type: null, kind: 'unreachable', count: 1 }),
    ]);
    expect(report.summary).toMatchObject({ tap_failures: 3, target_failures: 0, timeouts: 0 });
    expect(driftSummaryLine(report)).toBe('drift: 0 documented, 0 inferred');
    expect(report.ended_at).toBe('2026-01-05T08:00:03.000Z');
    expect(driftReport.parse(report)).toEqual(report);
  });
});
