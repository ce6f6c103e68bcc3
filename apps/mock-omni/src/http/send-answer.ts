/**
 * An answer turned into the HTTP response: JSON (with any extra headers of an error, such as `Retry-After`), an
 * already serialised JSON text, or a binary stream with its content type and length.
 *
 * @module
 */

import type { Context } from 'hono';
import { RawBinary } from './raw-binary.js';
import { RawJson } from './raw-json.js';

const JSON_TYPE = 'application/json';

/** The JSON text an answer is sent as (none for a binary one): serialised once, for the response and the journal. */
export function answerJson(body: unknown): string | undefined {
  if (body instanceof RawBinary) return undefined;
  if (body instanceof RawJson) return body.text;
  return JSON.stringify(body);
}

/**
 * The HTTP response for an answer: binary, or its JSON text (`answerJson(body)`, passed when already made) with any
 * extra headers. The same response as Hono's `c.json` (which would serialise the body again).
 */
export function sendAnswer(
  c: Context,
  status: number,
  body: unknown,
  headers?: Record<string, string>,
  json: string | undefined = answerJson(body),
): Response {
  if (body instanceof RawBinary) {
    return c.body(body.body, 200, { 'Content-Type': body.contentType, 'Content-Length': String(body.size) });
  }
  if (body instanceof RawJson) return c.body(body.text, 200, { 'Content-Type': JSON_TYPE });
  // With the content type as its one header, @hono/node-server answers on its fast path (no Headers object).
  const head = headers ? { 'Content-Type': JSON_TYPE, ...headers } : { 'Content-Type': JSON_TYPE };
  return json === undefined ? c.body(null, status as 200, head) : c.body(json, status as 200, head);
}
