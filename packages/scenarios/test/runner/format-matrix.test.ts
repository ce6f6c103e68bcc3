import { describe, expect, it } from 'vitest';
import { formatMatrix } from '../../src/runner/format-matrix.js';
import type { MatrixReport } from '../../src/runner/run-matrix.js';

const report: MatrixReport = {
  target: 'in-process mock',
  variants: [
    { label: 'default', axis: undefined, vary: 'default', variation: 'errors=coded,dates=iso-z', axes: [] },
    {
      label: 'dates=vicidial',
      axis: 'dates',
      vary: 'dates=vicidial',
      variation: 'errors=coded,dates=vicidial',
      axes: ['dates'],
    },
    {
      label: 'random#7',
      axis: undefined,
      vary: 'errors=ok-false,dates=vicidial',
      variation: 'errors=ok-false,dates=vicidial',
      axes: ['errors', 'dates'],
    },
  ],
  rows: [
    {
      name: 'crm stores the call',
      cells: [
        { variant: 'default', status: 'passed', durationMs: 12 },
        {
          variant: 'dates=vicidial',
          status: 'failed',
          failedAt: 'step 3 (the CRM reads the CDR)',
          message: 'step 3 (the CRM reads the CDR) failed: not an ISO date\nsecond line',
          durationMs: 40,
        },
        { variant: 'random#7', status: 'not run', reason: 'the run was interrupted', durationMs: 0 },
      ],
    },
    {
      name: 'b',
      cells: ['default', 'dates=vicidial', 'random#7'].map((variant) => ({ variant, status: 'passed', durationMs: 1 })),
    },
  ],
  counts: { passed: 4, failed: 1, notRun: 1 },
};

describe('formatMatrix', () => {
  it('prints rows of scenarios, numbered variant columns, a legend, then each failure with its axis and step', () => {
    expect(formatMatrix(report).split('\n')).toEqual([
      'Variant matrix on in-process mock: 2 × 3 variants',
      '',
      'scenario             1 2 3',
      'crm stores the call  ✓ ✗ ·',
      'b                    ✓ ✓ ✓',
      '',
      '✓ passed  ✗ failed  · not run',
      '',
      'variants:',
      ' 1  default',
      ' 2  dates=vicidial',
      ' 3  random#7  errors=ok-false,dates=vicidial',
      '',
      'failures:',
      'crm stores the call × 2 dates=vicidial (axis dates): step 3 (the CRM reads the CDR)',
      '    step 3 (the CRM reads the CDR) failed: not an ISO date',
      '    second line',
      '',
      'not run:',
      '  crm stores the call × 3: the run was interrupted',
      '',
      '6 cells: 4 passed, 1 failed, 1 not run',
    ]);
  });

  it('names every axis a random draw varies when one of its cells fails', () => {
    const failed: MatrixReport = {
      ...report,
      rows: [
        {
          name: 'x',
          cells: [
            { variant: 'default', status: 'passed', durationMs: 1 },
            { variant: 'dates=vicidial', status: 'passed', durationMs: 1 },
            { variant: 'random#7', status: 'failed', failedAt: 'setup', message: 'boom', durationMs: 1 },
          ],
        },
      ],
      counts: { passed: 2, failed: 1, notRun: 0 },
    };
    expect(formatMatrix(failed)).toContain('x × 3 random#7 (axes errors, dates): setup\n    boom');
  });
});
