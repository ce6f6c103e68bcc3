/**
 * The system key a request names, read the way `authenticate-system.ts` reads it (the `Authorization` header, else
 * `auth-key`). Admin routes act on every system, so the key they carry is not looked up: creating a system sends the
 * new system's key there, which is what lets a load balancer hashing on the key send the create to the process that
 * will own the system.
 *
 * @module
 */

import type { Context } from 'hono';
import { requestHeader } from './request-header.js';
import { readSystemKey } from './system-key.js';

/** The key named by the request, or undefined when it names none (a malformed one was refused earlier). */
export function namedSystemKey(c: Context): string | undefined {
  const key = readSystemKey(requestHeader(c, 'Authorization'), c.req.url);
  return key.kind === 'key' ? key.key : undefined;
}
