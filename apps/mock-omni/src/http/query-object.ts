/**
 * A request's query string as the route's query schema reads it: one value per name (the last wins), without
 * `auth-key` — that is the system key, read by the auth stage.
 *
 * @module
 */

import type { Context } from 'hono';

/** The query string as one value per name, without the `auth-key`. */
export function queryObject(c: Context): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URL(c.req.url).searchParams) if (k !== 'auth-key') out[k] = v;
  return out;
}
