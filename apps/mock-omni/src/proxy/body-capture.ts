/**
 * A copy of a streamed body, taken beside the stream (never in its way) up to a limit: enough to
 * check and record an answer, without holding an hour-long recording's WAV twice in memory.
 *
 * @module
 */

/** The most of one body kept for checking and recording (32 MiB). */
export const CAPTURE_LIMIT = 32 * 1024 * 1024;

export class BodyCapture {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  /** Whether the body was longer than the limit (then nothing of it is kept). */
  truncated = false;

  constructor(private readonly limit = CAPTURE_LIMIT) {}

  push(chunk: Buffer): void {
    if (this.truncated) return;
    this.size += chunk.length;
    if (this.size > this.limit) {
      this.truncated = true;
      this.chunks.length = 0;
      return;
    }
    this.chunks.push(chunk);
  }

  /** The body seen; `undefined` when there was none or it was over the limit. */
  bytes(): Buffer | undefined {
    if (this.truncated || this.size === 0) return undefined;
    return this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks);
  }
}
