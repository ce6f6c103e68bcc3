/**
 * How a body is kept in a recording line: JSON parsed, text as text, anything else (a recording's
 * WAV) as Base64. A compressed body (`Content-Encoding: gzip`, `deflate`, `br`) is kept decoded,
 * and its headers say so: no `Content-Encoding`, no `Content-Length` (a replay sends the body it
 * has, and its length). Any other `Content-Length` is made the length of the body as the line
 * finally holds it ({@link withRecordedLength}, after redaction, which changes lengths): the
 * recording describes itself, and what went over the wire is never touched.
 *
 * @module
 */

import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import type { JsonValue } from '@omnikit/contracts';

export interface RecordedBody {
  readonly headers: Record<string, string | string[]>;
  readonly body?: JsonValue;
  readonly body_base64?: string;
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

function decode(encoding: string, bytes: Buffer): Buffer | undefined {
  try {
    if (encoding === 'gzip' || encoding === 'x-gzip') return gunzipSync(bytes);
    if (encoding === 'deflate') return inflateSync(bytes);
    if (encoding === 'br') return brotliDecompressSync(bytes);
  } catch {
    return undefined;
  }
  return encoding === 'identity' ? bytes : undefined;
}

/** Whether a content type is JSON (`application/json`, `application/problem+json`…). */
export function isJsonContentType(type: string | undefined): boolean {
  return type !== undefined && /^application\/([a-z0-9.+-]*\+)?json\b/i.test(type.trim());
}

function isText(type: string): boolean {
  return /^(text\/|application\/(xml|x-www-form-urlencoded|javascript)\b|[a-z]+\/[a-z0-9.+-]*\+xml\b)/i.test(
    type.trim(),
  );
}

/** Splits a captured body into what a recording line keeps, with its headers as recorded. */
export function recordedBody(headers: Record<string, string | string[]>, bytes: Buffer | undefined): RecordedBody {
  if (bytes === undefined || bytes.length === 0) return { headers };
  let content = bytes;
  let kept = headers;
  const encoding = first(headers['content-encoding'])?.trim().toLowerCase();
  if (encoding !== undefined && encoding !== '') {
    const decoded = decode(encoding, bytes);
    if (decoded === undefined) return { headers, body_base64: bytes.toString('base64') };
    content = decoded;
    const { 'content-encoding': _e, 'content-length': _l, ...rest } = headers;
    kept = rest;
  }
  const type = first(kept['content-type']) ?? '';
  if (isJsonContentType(type)) {
    try {
      return { headers: kept, body: JSON.parse(content.toString('utf8')) as JsonValue };
    } catch {
      return { headers: kept, body_base64: content.toString('base64') };
    }
  }
  if (isText(type)) return { headers: kept, body: content.toString('utf8') };
  return { headers: kept, body_base64: content.toString('base64') };
}

/** The length in bytes of a recorded body as a replay sends it: Base64 decoded, text as UTF-8, JSON compact. */
function recordedLength(part: RecordedBody): number | undefined {
  if (part.body_base64 !== undefined) return Buffer.from(part.body_base64, 'base64').length;
  if (part.body === undefined) return undefined;
  if (typeof part.body === 'string' && !isJsonContentType(first(part.headers['content-type'])))
    return Buffer.byteLength(part.body, 'utf8');
  return Buffer.byteLength(JSON.stringify(part.body), 'utf8');
}

/**
 * A recorded request or response whose `Content-Length`, when it has one and a body, is the length
 * of that body as recorded: a password or a token redacted in a body changes its length, and a
 * recording must not say a length its own body does not have.
 */
export function withRecordedLength<T extends RecordedBody>(part: T): T {
  if (part.headers['content-length'] === undefined) return part;
  const length = recordedLength(part);
  if (length === undefined) return part;
  return { ...part, headers: { ...part.headers, 'content-length': String(length) } };
}
