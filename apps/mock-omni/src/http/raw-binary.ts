/**
 * A non-JSON answer (a recording's WAV): streamed with its content type and length.
 *
 * @module
 */

/** A binary answer: its content type, its size and its bytes. */
export class RawBinary {
  constructor(
    readonly contentType: string,
    readonly size: number,
    readonly body: ReadableStream | Uint8Array<ArrayBuffer>,
  ) {}
}
