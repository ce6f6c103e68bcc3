import { timingSafeEqual } from 'node:crypto';

/**
 * Reads the system key (A.2): `Authorization: Key=<key>`, or the `auth-key` query parameter
 * (accepted, not recommended). The header wins when both are given.
 */
export type SystemKeyReading =
  | { kind: 'key'; key: string }
  | { kind: 'missing' }
  | { kind: 'malformed'; detail: string };

export function readSystemKey(authorization: string | undefined, url: string): SystemKeyReading {
  if (authorization !== undefined) {
    const m = /^Key=(.+)$/.exec(authorization.trim());
    if (!m?.[1]) return { kind: 'malformed', detail: 'the Authorization header must be "Key=<system key>"' };
    return { kind: 'key', key: m[1] };
  }
  const q = url.indexOf('?');
  if (q >= 0 && url.includes('auth-key=', q)) {
    const key = new URLSearchParams(url.slice(q + 1)).get('auth-key');
    if (key) return { kind: 'key', key };
    return { kind: 'malformed', detail: 'the auth-key query parameter is empty' };
  }
  return { kind: 'missing' };
}

/** Compares secrets in constant time. */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
