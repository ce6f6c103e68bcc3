import type { SessionData } from '../../src/index.js';

/** A request as the fake server saw it. */
export interface Seen {
  readonly method: string;
  readonly url: URL;
  readonly headers: Headers;
  readonly body: string;
}

export type Responder = (request: Seen, n: number) => Response | Promise<Response>;

/**
 * An injected fetch that records every request and answers with `responder` (n counts from 1).
 * It reads the body first, as a server would, so tests can assert on exactly what was sent.
 */
export function fakeFetch(responder: Responder) {
  const seen: Seen[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    const entry: Seen = {
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      body: await request.text(),
    };
    seen.push(entry);
    return responder(entry, seen.length);
  };
  return { fetch, seen };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/** Omni's error body (B.2). */
export function omniError(status: number, code: string, detail: string, extra: Record<string, unknown> = {}) {
  return json(status, { success: false, detail, error_code: code, ...extra });
}

/** A fetch failure the way Node's fetch reports a refused connection. */
export function refusedError(): TypeError {
  const inner = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
  return new TypeError('fetch failed', { cause: inner });
}

/** A fetch failure after the request may have been written (a reset keep-alive socket). */
export function resetError(): TypeError {
  const inner = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
  return new TypeError('fetch failed', { cause: inner });
}

export const T0 = Date.parse('2026-01-05T08:00:00.000Z');

export function tokenData(key: string, expiresAt = T0 + 8 * 3600_000, userId = 1): SessionData {
  return {
    user_id: userId,
    user_name: `agent${userId}`,
    token_key: key,
    expiry_date: new Date(expiresAt).toISOString(),
  };
}

/** Resolves after every queued microtask and pending I/O callback has run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
