/**
 * A request's body read as JSON, before its schema: 413 `PAYLOAD_TOO_LARGE` over the route's limit (the declared
 * length first, then the bytes read), and 400 `VALIDATION_FAILED` when it is not UTF-8, is empty, nests too deeply, is
 * not JSON or holds a string that is not valid Unicode (an unpaired surrogate escape: unpaired-surrogate.ts). Bytes that
 * are not UTF-8 are refused rather than replaced with U+FFFD, which would store a value other than the one sent (RFC
 * 8259 requires UTF-8; PHP's `json_decode` refuses both, inferred). Its text and size are kept for the journal.
 *
 * A route that takes no body reads one with `{ optional: true }`: an empty body is then no body (`value` undefined),
 * and anything else must pass the same checks.
 *
 * @module
 */

import { MAX_JSON_DEPTH } from '@omnikit/contracts';
import type { Context } from 'hono';
import { jsonNestsDeeperThan } from './json-depth.js';
import { requestHeader } from './request-header.js';
import { fail } from './route-failure.js';
import { unpairedSurrogateAt } from './unpaired-surrogate.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export async function readJsonBody(
  c: Context,
  limit: number,
  options: { optional?: boolean } = {},
): Promise<{ value: unknown; text: string; size: number }> {
  const declared = Number(requestHeader(c, 'Content-Length') ?? Number.NaN);
  if (declared > limit) fail('PAYLOAD_TOO_LARGE', `the body is ${declared} bytes; this route takes at most ${limit}`);
  const buffer = await c.req.raw.arrayBuffer();
  if (buffer.byteLength > limit) {
    fail('PAYLOAD_TOO_LARGE', `the body is ${buffer.byteLength} bytes; this route takes at most ${limit}`);
  }
  let text: string;
  try {
    text = utf8.decode(buffer);
  } catch {
    return fail('VALIDATION_FAILED', 'the body is not valid UTF-8: send JSON encoded as UTF-8', {
      errors: [{ field: 'body', message: 'is not valid UTF-8' }],
    });
  }
  if (text.trim() === '') {
    if (options.optional) return { value: undefined, text, size: buffer.byteLength };
    fail('VALIDATION_FAILED', 'the body is empty: send a JSON object', {
      errors: [{ field: 'body', message: 'is required' }],
    });
  }
  // Before the parse: nothing may build (or later walk) a value deeper than the limit.
  if (jsonNestsDeeperThan(new Uint8Array(buffer), MAX_JSON_DEPTH))
    fail('VALIDATION_FAILED', `the body nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep`, {
      errors: [{ field: 'body', message: `nests deeper than ${MAX_JSON_DEPTH} levels (arrays and objects)` }],
    });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const why = error instanceof Error ? error.message : 'syntax error';
    return fail('VALIDATION_FAILED', `the body is not valid JSON: ${why}`, {
      errors: [{ field: 'body', message: `is not valid JSON (${why})` }],
    });
  }
  const unpaired = unpairedSurrogateAt(text, value);
  if (unpaired !== undefined)
    fail('VALIDATION_FAILED', `${unpaired} is not valid Unicode: it holds an unpaired surrogate (\\uD800–\\uDFFF)`, {
      errors: [{ field: unpaired, message: 'is not valid Unicode (an unpaired surrogate)' }],
    });
  return { value, text, size: buffer.byteLength };
}
