/**
 * Writes recordings by hand for the replay tests, in the format of `@omnikit/contracts/drift`:
 * REST exchanges with JSON or binary bodies, numbered in order, and the JSON Lines text of a file.
 *
 * @module
 */

import type { JsonValue } from '@omnikit/contracts';
import type { RecordedResponse, RecordingLine } from '@omnikit/contracts/drift';

const JSON_TYPE = 'application/json; charset=utf-8';

export interface ExchangeSpec {
  method: string;
  path: string;
  query?: Record<string, string | string[]>;
  body?: JsonValue;
  status?: number;
  answer?: JsonValue;
  /** A binary answer: its bytes and content type. */
  binary?: { bytes: Uint8Array; type: string };
  routeId?: string | null;
}

/** One REST line per spec, seq 1, 2, 3… in order. */
export function recording(specs: readonly ExchangeSpec[]): RecordingLine[] {
  return specs.map(
    (s, i): RecordingLine => ({
      v: 1,
      seq: i + 1,
      at: new Date(Date.UTC(2026, 0, 5, 8, 0, i)).toISOString(),
      kind: 'rest',
      route_id: s.routeId ?? null,
      request: {
        method: s.method,
        path: s.path,
        query: s.query ?? {},
        headers: {
          authorization: 'Key=redacted:system-key:1',
          tokenkey: 'redacted:token:1',
          ...(s.body === undefined ? {} : { 'content-type': JSON_TYPE }),
        },
        ...(s.body === undefined ? {} : { body: s.body }),
      },
      response: s.binary
        ? ({
            status: s.status ?? 200,
            headers: { 'content-type': s.binary.type, 'content-length': String(s.binary.bytes.length) },
            body_base64: Buffer.from(s.binary.bytes).toString('base64'),
          } satisfies RecordedResponse)
        : ({
            status: s.status ?? 200,
            headers: { 'content-type': JSON_TYPE, 'transfer-encoding': 'chunked' },
            ...(s.answer === undefined ? {} : { body: s.answer }),
          } satisfies RecordedResponse),
      duration_ms: 2,
    }),
  );
}

/** The text of a recording file. */
export function jsonLines(lines: readonly unknown[]): string {
  return `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`;
}
