/**
 * Keeps the proxy's drift report: checks each redacted exchange against the contracts, folds the
 * result in (and each exchange the target did not answer in time or failed otherwise, and each
 * notification the webhook tap could not pass on), says each difference the first time it is seen
 * (one line), and keeps the report file
 * current — written when the proxy starts (`flush()`, once it listens: a proxy that never served
 * writes none), a moment after each change (debounced) and once more at the end. A write that
 * fails once the proxy runs (the disk full, the folder removed) is said in one line and tried
 * again at the next change: the proxy goes on forwarding, the report in memory and on the page.
 *
 * @module
 */

import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import {
  checkExchange,
  type DriftReport,
  driftSummaryLine,
  emptyDriftReport,
  type FailedExchange,
  type FailedTapDelivery,
  foldFindings,
  foldTapFailure,
  foldTargetFailure,
  foldTimeout,
  type RecordingLine,
  type ReportedFinding,
  type TimedOutExchange,
} from '@omnikit/contracts/drift';
import { renderDriftMarkdown } from './render-drift-markdown.js';

/** How long after a change the report file is written (further changes in between wait with it). */
export const REPORT_DEBOUNCE_MS = 500;

export interface DriftTrackerOptions {
  readonly target: string;
  /** The report file (`.md` or `.json`); none: the report lives in memory and on the page only. */
  readonly reportPath?: string | undefined;
  readonly now: () => Date;
  /** Where one line per new difference goes (stderr in the CLI). */
  readonly say: (line: string) => void;
  readonly debounceMs?: number;
}

/** The line a new difference is announced with. */
export function findingLine(where: string, f: ReportedFinding): string {
  return `drift: ${f.source} ${where} ${f.location}: ${f.kind}, expected ${f.expected}, seen ${f.seen}`;
}

/** Writes a report to a file, Markdown or JSON by its extension, whole or not at all (no temporary file left). */
export function writeReportFile(path: string, report: DriftReport): void {
  const text =
    extname(path).toLowerCase() === '.md' ? renderDriftMarkdown(report) : `${JSON.stringify(report, null, 2)}\n`;
  const temp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, text);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

export class DriftTracker {
  private current: DriftReport;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  /** The last write failure said, so that a failing disk is one line, not one per change. */
  private failure: string | undefined;

  constructor(private readonly options: DriftTrackerOptions) {
    this.current = emptyDriftReport(options.target, options.now().toISOString());
  }

  get report(): DriftReport {
    return this.current;
  }

  summaryLine(): string {
    return driftSummaryLine(this.current);
  }

  /**
   * Checks one redacted exchange and folds it in; answers the differences seen for the first time. The mock's own
   * control API (`/__mock/*`, `/health`), met when the target is an OmniKit mock, is no part of Omni: not checked.
   */
  observe(line: RecordingLine): readonly ReportedFinding[] {
    if (line.kind === 'rest' && isMockControlPath(line.request.path)) return [];
    const check = checkExchange(line);
    const { report, added } = foldFindings(this.current, check, line.seq, this.options.now().toISOString());
    this.current = report;
    const where =
      check.kind === 'notification'
        ? `notification ${check.notification_type ?? '(unreadable)'}`
        : (check.route_id ?? 'unknown route');
    for (const f of added) this.options.say(findingLine(where, f));
    this.schedule();
    return added;
  }

  /**
   * Folds in an exchange the target did not answer in time (`--target-timeout`); the proxy has
   * said it on its line already. The mock's own control API is left out, as in {@link observe}.
   */
  timedOut(exchange: TimedOutExchange): void {
    if (isMockControlPath(exchange.path)) return;
    this.current = foldTimeout(this.current, exchange, this.options.now().toISOString());
    this.schedule();
  }

  /**
   * Folds in an exchange the target failed otherwise (no connection, no TLS, no HTTP, an answer
   * cut off); said already, and the mock's own control API left out, as for {@link timedOut}.
   */
  targetFailed(exchange: FailedExchange): void {
    if (isMockControlPath(exchange.path)) return;
    this.current = foldTargetFailure(this.current, exchange, this.options.now().toISOString());
    this.schedule();
  }

  /** Folds in a notification the webhook tap could not pass on to the CRM (checked already by {@link observe}). */
  tapFailed(delivery: FailedTapDelivery): void {
    this.current = foldTapFailure(this.current, delivery, this.options.now().toISOString());
    this.schedule();
  }

  private schedule(): void {
    if (!this.options.reportPath || this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flushOrSay();
    }, this.options.debounceMs ?? REPORT_DEBOUNCE_MS);
    this.timer.unref();
  }

  /**
   * Whether the report file holds the report as last written for: false when its last write failed (said already),
   * and false with no report file. After {@link close}, whether the report is saved at all.
   */
  get saved(): boolean {
    return Boolean(this.options.reportPath) && this.failure === undefined;
  }

  /** Writes the report file now (when there is one); throws the system's error when it cannot. */
  flush(): void {
    if (this.options.reportPath) writeReportFile(this.options.reportPath, this.current);
  }

  /** Writes the report file, saying a failure rather than throwing it: nothing of a running proxy may stop on it. */
  private flushOrSay(last = false): void {
    try {
      this.flush();
      this.failure = undefined;
    } catch (error) {
      const message = (error as Error).message;
      if (last || message !== this.failure) {
        const then = last
          ? 'the report is not saved'
          : 'the live report (/__proxy) goes on, the file is tried again at the next change';
        this.options.say(`omni-mock proxy: cannot write the report ${this.options.reportPath}: ${message}; ${then}`);
      }
      this.failure = message;
    }
  }

  /** Stops the debounce and writes the report a last time, with the end time. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.current = { ...this.current, ended_at: this.options.now().toISOString() };
    this.flushOrSay(true);
  }
}

/** A path of an OmniKit mock's control API, which a real Omni does not have. */
export function isMockControlPath(path: string): boolean {
  return path === '/health' || path === '/__mock' || path.startsWith('/__mock/');
}
