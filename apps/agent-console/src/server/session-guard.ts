import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { CSRF_HEADER, SESSION_COOKIE } from '../shared/console-routes.js';
import type { ConsoleEnv } from './console-env.js';
import { ConsoleHttpError } from './console-http-error.js';
import type { SessionStore } from './session-store.js';

/**
 * Finds the session from its httpOnly cookie (401 without one) and, on every method that changes
 * something, requires the session's CSRF token in `X-CSRF-Token` (403 otherwise). It runs before
 * any handler, so a refused request has done nothing.
 */
export function sessionGuard(sessions: SessionStore): MiddlewareHandler<ConsoleEnv> {
  return async (c, next) => {
    const session = sessions.touch(getCookie(c, SESSION_COOKIE));
    if (!session)
      throw new ConsoleHttpError('NOT_SIGNED_IN', 'You are not signed in, or your session has ended. Please sign in.');
    const safe = c.req.method === 'GET' || c.req.method === 'HEAD';
    if (!safe && !sessions.checkCsrf(session, c.req.header(CSRF_HEADER)))
      throw new ConsoleHttpError(
        'CSRF_REJECTED',
        'The request was refused because its security token is missing or wrong. Reload the page and try again.',
      );
    c.set('session', session);
    await next();
  };
}
