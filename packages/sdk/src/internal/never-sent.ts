/**
 * Error codes that can only happen before a connection exists, so before any byte of the request
 * was written: the host did not resolve, or nobody accepted the connection. Node's fetch (undici)
 * reports them as `TypeError('fetch failed')` whose `cause` (or, with several addresses tried,
 * `cause.errors[]`) carries the code. A reset, an `other side closed` or a timeout is NOT here: the
 * request may have been written on a reused keep-alive socket.
 */
const BEFORE_CONNECT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * True when a fetch failure proves the request never reached the server. Every error in the
 * cause chain must be a before-connect failure (an AggregateError of attempts counts when all of
 * its attempts were refused). A browser's opaque `TypeError: Failed to fetch` proves nothing.
 */
export function provesNeverSent(error: unknown, depth = 0): boolean {
  if (depth > 8 || typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && BEFORE_CONNECT.has(e.code)) return true;
  if (Array.isArray(e.errors) && e.errors.length > 0)
    return e.errors.every((inner) => provesNeverSent(inner, depth + 1));
  return provesNeverSent(e.cause, depth + 1);
}
