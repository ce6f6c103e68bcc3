import type { Context } from 'hono';
import { requestHeader } from './request-header.js';

/**
 * The user token of a request (omni-api.md B.3): the `tokenKey` header, or, when no header is sent
 * (or it is empty), the `tokenKey` cookie — the token page says the token is "stored in the HTTP
 * cookie". The header wins when both are sent. Undefined when neither carries one.
 */
export function readToken(c: Context): string | undefined {
  const header = requestHeader(c, 'tokenKey');
  if (header !== undefined && header !== '') return header;
  return tokenKeyCookie(requestHeader(c, 'Cookie')) ?? header;
}

/**
 * The first `tokenKey` cookie of a `Cookie` header (RFC 6265: `name=value` pairs split by `;`;
 * names are exact, a value may be in double quotes). Several `Cookie` headers arrive joined by
 * ", ", and a cookie value holds neither `;` nor `,`, so both split pairs.
 */
export function tokenKeyCookie(cookieHeader: string | undefined): string | undefined {
  if (cookieHeader === undefined) return undefined;
  for (const pair of cookieHeader.split(/[;,]/)) {
    const eq = pair.indexOf('=');
    if (eq < 0 || pair.slice(0, eq).trim() !== 'tokenKey') continue;
    const value = pair.slice(eq + 1).trim();
    const unquoted = value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
    return unquoted === '' ? undefined : unquoted;
  }
  return undefined;
}
