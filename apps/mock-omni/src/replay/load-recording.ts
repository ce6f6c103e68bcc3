/**
 * Reads a proxy recording (JSON Lines, one exchange per line) for `omni-mock replay`, line by line
 * against `recordingLine`, so a bad file is refused with the number of its first bad line rather
 * than served half-way. Blank lines (a trailing newline, a hand-edited gap) are skipped.
 *
 * @module
 */

import { createReadStream } from 'node:fs';
import { validateHeaderName, validateHeaderValue } from 'node:http';
import { createInterface } from 'node:readline';
import { type RecordingLine, recordingLine } from '@omnikit/contracts/drift';

/** A recording that cannot be served: `message` says which line and why. */
export class RecordingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordingError';
  }
}

/** How many of a zod error's issues a message names before "…". */
const ISSUES_SHOWN = 3;

/** The first recorded answer header replay could not send (a hand edit: a space in a name, a line break in a value). */
function unsendableHeader(line: RecordingLine): string | undefined {
  for (const [name, value] of Object.entries(line.response.headers)) {
    try {
      validateHeaderName(name);
      for (const one of [value].flat()) validateHeaderValue(name, one);
    } catch (error) {
      return `response.headers.${name}: not a header an HTTP answer can carry: ${(error as Error).message}`;
    }
  }
  return undefined;
}

/** Reads recording lines one at a time, each checked as it comes; `finish()` answers them all. */
class RecordingReader {
  private readonly lines: RecordingLine[] = [];
  private number = 0;

  constructor(private readonly name: string) {}

  /** Takes the next line of the file (its 1-based number counts blank lines too). */
  add(raw: string): void {
    this.number += 1;
    const row = raw.trim();
    if (row === '') return;
    let value: unknown;
    try {
      value = JSON.parse(row);
    } catch (error) {
      throw new RecordingError(
        `${this.name}:${this.number}: not JSON (${(error as Error).message}); a recording is JSON Lines`,
      );
    }
    const parsed = recordingLine.safeParse(value);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(line)'}: ${i.message}`);
      const shown = issues.slice(0, ISSUES_SHOWN).join('; ') + (issues.length > ISSUES_SHOWN ? '; …' : '');
      throw new RecordingError(`${this.name}:${this.number}: not a recording line (${shown})`);
    }
    const unsendable = unsendableHeader(parsed.data);
    if (unsendable !== undefined) {
      throw new RecordingError(`${this.name}:${this.number}: not a recording line (${unsendable})`);
    }
    this.lines.push(parsed.data);
  }

  finish(): RecordingLine[] {
    if (!this.lines.some((l) => l.kind === 'rest')) {
      throw new RecordingError(
        `${this.name}: holds no REST exchange to serve (record one with omni-mock proxy --record)`,
      );
    }
    return this.lines;
  }
}

/** Parses a recording's text; throws a RecordingError naming `name` and the first bad line. */
export function loadRecording(text: string, name: string): RecordingLine[] {
  const reader = new RecordingReader(name);
  for (const raw of text.split('\n')) reader.add(raw);
  return reader.finish();
}

/**
 * Reads a recording file line by line: a day's recording with its WAVs runs to gigabytes, past
 * the longest string Node can hold (about 512 MiB), while each line stays under the proxy's
 * capture limit. Throws the system's error when the file cannot be read (`ENOENT`, `EISDIR`), a
 * RecordingError naming the first bad line.
 */
export async function readRecordingFile(path: string, name = path): Promise<RecordingLine[]> {
  const reader = new RecordingReader(name);
  const input = createReadStream(path);
  try {
    for await (const raw of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) reader.add(raw);
  } finally {
    input.destroy();
  }
  return reader.finish();
}
