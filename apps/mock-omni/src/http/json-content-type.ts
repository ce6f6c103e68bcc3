/**
 * A route that reads a JSON body reads it only when it is declared JSON, as an ASP.NET service's `[FromBody]` does:
 * `application/json`, `text/json` or `application/*+json`, any parameters (`; charset=utf-8`). Anything else — none,
 * `text/plain`, a form — is 415: a browser page of another origin can send those types without a preflight, and no
 * client of Omni sends them. A route that takes no body reads one only when it is declared JSON (`isJsonContentType`).
 *
 * @module
 */

import type { Context } from 'hono';
import { DomainError } from '../engine/domain-error.js';
import { requestHeader } from './request-header.js';

const JSON_TYPE = /^(application\/json|text\/json|application\/[a-z0-9.+-]+\+json)\s*(;|$)/i;

/** Whether the request declares a JSON body. */
export function isJsonContentType(c: Context): boolean {
  const type = requestHeader(c, 'Content-Type');
  return type !== undefined && JSON_TYPE.test(type.trim());
}

export function requireJsonContentType(c: Context): void {
  if (isJsonContentType(c)) return;
  const type = requestHeader(c, 'Content-Type');
  throw new DomainError(
    'UNSUPPORTED_MEDIA_TYPE',
    type === undefined
      ? 'the body must be sent with Content-Type: application/json (none was given)'
      : `the body must be sent with Content-Type: application/json, not "${type}"`,
  );
}
