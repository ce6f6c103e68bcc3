/**
 * An answer turned into the HTTP response: JSON (with any extra headers of an error, such as `Retry-After`), an
 * already serialised JSON text, or a binary stream with its content type and length.
 *
 * @module
 */

import type { Context } from 'hono';
import { RawBinary } from './raw-binary.js';
import { RawJson } from './raw-json.js';

/** The HTTP response for an answer: binary, pre-serialised JSON, or JSON with any extra headers. */
export function sendAnswer(c: Context, status: number, body: unknown, headers?: Record<string, string>): Response {
  if (body instanceof RawBinary) {
    return c.body(body.body, 200, { 'Content-Type': body.contentType, 'Content-Length': String(body.size) });
  }
  if (body instanceof RawJson) {
    return c.body(body.text, 200, { 'Content-Type': 'application/json' });
  }
  // Without extra headers, @hono/node-server answers on its fast path (no Headers object).
  if (!headers || Object.keys(headers).length === 0) return c.json(body as object, status as 200);
  return c.json(body as object, status as 200, headers);
}
