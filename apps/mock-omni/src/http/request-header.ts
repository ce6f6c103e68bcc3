import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

/**
 * One request header, case-insensitively, as `Headers.get` gives it (several of the same name
 * joined with ", "; undefined when absent). On @hono/node-server it is read from node's raw header
 * list: `c.req.header` would first build the request's whole WHATWG `Headers` (every name checked
 * and lower-cased), a cost every Omni request paid for its two or three headers. Elsewhere (Hono's
 * `app.request` in tests) it falls back to `c.req.header`.
 */
export function requestHeader(c: Context, name: string): string | undefined {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const raw = incoming?.rawHeaders;
  if (!raw) return c.req.header(name);
  const lower = name.toLowerCase();
  let found: string | undefined;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const key = raw[i] as string;
    if (key.length === lower.length && (key === name || key.toLowerCase() === lower)) {
      const value = raw[i + 1] as string;
      found = found === undefined ? value : `${found}, ${value}`;
    }
  }
  return found;
}
