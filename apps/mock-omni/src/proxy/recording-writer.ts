/**
 * Appends redacted exchanges to a recording, one JSON line each, numbered in the order they
 * completed. The file is replaced when the proxy starts: a recording is one session. Opening it
 * changes nothing yet, so that a proxy that turns out unable to start (its port busy, its report
 * unwritable) leaves it as it was — another proxy's live recording, say: `begin()` empties it once
 * the start is sure, `abandon()` lets it go otherwise.
 *
 * @module
 */

import { closeSync, constants, fstatSync, ftruncateSync, openSync, rmSync, writeSync } from 'node:fs';
import type { RecordingLine } from '@omnikit/contracts/drift';

/** Opens `path` for writing as it is; a missing file is created (and `created` says so). */
function openUnchanged(path: string): { fd: number; created: boolean } {
  try {
    return { fd: openSync(path, constants.O_WRONLY), created: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return { fd: openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL), created: true };
}

export class RecordingWriter {
  private readonly fd: number;
  private readonly created: boolean;
  private closed = false;

  /** Opens the file without changing its contents; throws the system's error when it cannot. */
  constructor(readonly path: string) {
    ({ fd: this.fd, created: this.created } = openUnchanged(path));
  }

  /** Empties the file, the session starting; a device or a pipe (`/dev/stdout`) is written to as it is, as `'w'` would. */
  begin(): void {
    if (fstatSync(this.fd).isFile()) ftruncateSync(this.fd, 0);
  }

  /** Closes the file before `begin()` and leaves it as it was: removed again when opening it created it. */
  abandon(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
    if (this.created) rmSync(this.path, { force: true });
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
