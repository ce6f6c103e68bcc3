import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The parameters of a SIP `Authorization: Digest …` header (RFC 2617 / RFC 3261 §22.4). sip.js's
 * grammar has no rule for credentials, so this is a small hand parser: a comma-separated list of
 * `name=value` pairs where values may be quoted strings with backslash escapes.
 */
export interface DigestCredentials {
  username: string;
  realm: string;
  nonce: string;
  uri: string;
  response: string;
  algorithm: string | undefined;
  qop: string | undefined;
  nc: string | undefined;
  cnonce: string | undefined;
  opaque: string | undefined;
}

/** Parses a Digest credentials header; a reason string when it is not one. */
export function parseDigestCredentials(header: string): DigestCredentials | string {
  const trimmed = header.trim();
  const scheme = /^digest\s+/i.exec(trimmed);
  if (!scheme) return 'the Authorization scheme must be Digest';
  const params = new Map<string, string>();
  const text = trimmed.slice(scheme[0].length);
  let i = 0;
  while (i < text.length) {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === ',')) i++;
    if (i >= text.length) break;
    const eq = text.indexOf('=', i);
    if (eq < 0) return 'a Digest parameter has no value';
    const name = text.slice(i, eq).trim().toLowerCase();
    if (!/^[a-z0-9_-]+$/.test(name)) return `a Digest parameter name is malformed: "${name}"`;
    i = eq + 1;
    while (text[i] === ' ' || text[i] === '\t') i++;
    let value = '';
    if (text[i] === '"') {
      i++;
      let closed = false;
      while (i < text.length) {
        const ch = text[i];
        if (ch === '\\' && i + 1 < text.length) {
          value += text[i + 1];
          i += 2;
          continue;
        }
        if (ch === '"') {
          closed = true;
          i++;
          break;
        }
        value += ch;
        i++;
      }
      if (!closed) return `the Digest parameter ${name} has an unterminated quoted value`;
    } else {
      const end = text.indexOf(',', i);
      value = (end < 0 ? text.slice(i) : text.slice(i, end)).trim();
      i = end < 0 ? text.length : end;
    }
    if (params.has(name)) return `the Digest parameter ${name} appears twice`;
    params.set(name, value);
  }
  const required = ['username', 'realm', 'nonce', 'uri', 'response'] as const;
  for (const name of required) {
    if (!params.get(name)) return `the Digest parameter ${name} is missing`;
  }
  return {
    username: params.get('username')!,
    realm: params.get('realm')!,
    nonce: params.get('nonce')!,
    uri: params.get('uri')!,
    response: params.get('response')!.toLowerCase(),
    algorithm: params.get('algorithm'),
    qop: params.get('qop'),
    nc: params.get('nc'),
    cnonce: params.get('cnonce'),
    opaque: params.get('opaque'),
  };
}

function md5(text: string): string {
  return createHash('md5').update(text).digest('hex');
}

/** The `response` a client holding `password` must send for these credentials (MD5, qop auth or none). */
export function expectedDigestResponse(credentials: DigestCredentials, method: string, password: string): string {
  const ha1 = md5(`${credentials.username}:${credentials.realm}:${password}`);
  const ha2 = md5(`${method}:${credentials.uri}`);
  if (credentials.qop === 'auth') {
    return md5(`${ha1}:${credentials.nonce}:${credentials.nc ?? ''}:${credentials.cnonce ?? ''}:auth:${ha2}`);
  }
  return md5(`${ha1}:${credentials.nonce}:${ha2}`);
}

/** Constant-time comparison of two hex digests. */
export function digestsEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
