/**
 * Reads a proxy recording (JSON Lines, one exchange per line) for `omni-mock replay`, line by line
 * against `recordingLine`, so a bad file is refused with the number of its first bad line rather
 * than served half-way. Blank lines (a trailing newline, a hand-edited gap) are skipped.
 *
 * @module
 */

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

/** Parses a recording's text; throws a RecordingError naming `name` and the first bad line. */
export function loadRecording(text: string, name: string): RecordingLine[] {
  const lines: RecordingLine[] = [];
  const rows = text.split('\n');
  for (const [index, raw] of rows.entries()) {
    const row = raw.trim();
    if (row === '') continue;
    const number = index + 1;
    let value: unknown;
    try {
      value = JSON.parse(row);
    } catch (error) {
      throw new RecordingError(`${name}:${number}: not JSON (${(error as Error).message}); a recording is JSON Lines`);
    }
    const parsed = recordingLine.safeParse(value);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(line)'}: ${i.message}`);
      const shown = issues.slice(0, ISSUES_SHOWN).join('; ') + (issues.length > ISSUES_SHOWN ? '; …' : '');
      throw new RecordingError(`${name}:${number}: not a recording line (${shown})`);
    }
    lines.push(parsed.data);
  }
  if (!lines.some((l) => l.kind === 'rest')) {
    throw new RecordingError(`${name}: holds no REST exchange to serve (record one with omni-mock proxy --record)`);
  }
  return lines;
}
