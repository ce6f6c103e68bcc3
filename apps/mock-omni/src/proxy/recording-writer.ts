/**
 * Appends redacted exchanges to a recording, one JSON line each, numbered in the order they
 * completed. The file is replaced when the proxy starts: a recording is one session.
 *
 * @module
 */

import { closeSync, openSync, writeSync } from 'node:fs';
import type { RecordingLine } from '@omnikit/contracts/drift';

export class RecordingWriter {
  private readonly fd: number;
  private closed = false;

  /** Opens (and empties) the file; throws the system's error when it cannot. */
  constructor(readonly path: string) {
    this.fd = openSync(path, 'w');
  }

  /**
   * Writes one line. Synchronous on purpose: a line is written after its answer went out, and a
   * proxy stopped at any moment leaves a file of whole lines.
   */
  write(line: RecordingLine): void {
    if (this.closed) return;
    writeSync(this.fd, `${JSON.stringify(line)}\n`);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
}
