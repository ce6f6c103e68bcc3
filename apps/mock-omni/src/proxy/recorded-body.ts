/**
 * How a body is kept in a recording line: JSON parsed, text as text, anything else (a recording's
 * WAV) as Base64. A compressed body (`Content-Encoding: gzip`, `deflate`, `br`) is kept decoded,
 * and its headers say so: no `Content-Encoding`, no `Content-Length` (a replay sends the body it
 * has, and its length).
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
