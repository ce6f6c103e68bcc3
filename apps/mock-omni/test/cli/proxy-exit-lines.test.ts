/**
 * The lines `omni-mock proxy` prints as it stops name the `--report` file when there is one, and otherwise say how to
 * get the rows listed: never a report that does not exist, nor one whose last write failed. (The built CLI's own lines: proxy-cli.test.ts.)
 *
 * @module
 */

import { describe, expect, it } from 'vitest';
import { proxyExitLines, proxyQuittingLine, proxyStoppingLine } from '../../src/cli/proxy-exit-lines.js';

describe('the proxy’s exit lines', () => {
  const counts = { timeouts: 1, target_failures: 2, tap_failures: 3 };

  it('with --report, each line names the file', () => {
    expect(proxyExitLines(counts, 'drift.md', true)).toEqual([
      'omni-mock proxy: the target did not answer 1 exchange in time (--target-timeout); the report drift.md lists them by route and stage',
      'omni-mock proxy: the target failed 2 exchanges otherwise (no connection, no TLS, no HTTP, an answer cut off); the report drift.md lists them by route and kind',
      'omni-mock proxy: the webhook tap could not pass 3 notifications on to the CRM; the report drift.md lists them by type and kind',
    ]);
  });

  it('without it, each line says to run with --report', () => {
    const lines = proxyExitLines(counts, undefined, false);
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(line).toMatch(/; run with --report <file> to list them by \w+ and \w+$/);
      expect(line).not.toContain('the report');
    }
  });

  it('with a --report that could not be saved at exit, each line says so instead of pointing at it', () => {
    const lines = proxyExitLines(counts, 'drift.md', false);
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(line).toMatch(
        /; the report drift\.md could not be saved: run with a --report <file> that can be written to list them by \w+ and \w+$/,
      );
      expect(line).not.toContain('lists them');
    }
  });

  it('nothing failed: no line', () => {
    expect(proxyExitLines({ timeouts: 0, target_failures: 0, tap_failures: 0 }, 'drift.md', true)).toEqual([]);
  });

  it('the stop and quit lines speak only of the files given', () => {
    expect(proxyStoppingLine('SIGTERM', undefined)).toBe(
      'omni-mock proxy: SIGTERM: finishing exchanges in flight (again to quit at once)',
    );
    expect(proxyStoppingLine('SIGTERM', 'drift.json')).toBe(
      'omni-mock proxy: SIGTERM: finishing exchanges in flight, writing the report drift.json (again to quit at once)',
    );
    expect(proxyQuittingLine('SIGINT', { record: undefined, report: undefined })).toBe(
      'omni-mock proxy: SIGINT again: quitting at once',
    );
    expect(proxyQuittingLine('SIGINT', { record: 'day.jsonl', report: undefined })).toBe(
      'omni-mock proxy: SIGINT again: quitting at once; the recording day.jsonl keeps what was written so far',
    );
    expect(proxyQuittingLine('SIGINT', { record: 'day.jsonl', report: 'drift.md' })).toBe(
      'omni-mock proxy: SIGINT again: quitting at once; the recording day.jsonl and the report drift.md keep what was written so far',
    );
  });
});
