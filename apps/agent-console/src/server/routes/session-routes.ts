import { AuthenticationError } from '@omnikit/sdk';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { SESSION_COOKIE } from '../../shared/console-routes.js';
import { type SessionView, signInBody } from '../../shared/console-schemas.js';
import type { ConsoleDeps } from '../console-deps.js';
import { ConsoleHttpError, refusesSystemKey, toConsoleError } from '../console-http-error.js';
import type { ConsoleHandlers } from '../mount-console-routes.js';
import { readBody } from '../read-input.js';
import type { ConsoleSession } from '../session-store.js';

function view(deps: ConsoleDeps, session: ConsoleSession): SessionView {
  return {
    user_id: session.userId,
    user_name: session.userName,
    extension: session.extension,
    target: deps.target,
    csrf_token: session.csrfToken,
    expires_at: new Date(session.expiresAt).toISOString(),
  };
}

/**
 * The handlers of the session's routes, by route id: `info` (target and version, for the sign-in
 * screen), `signIn` (Omni's authorize through the sdk, then the agent's extension), `getSession`
 * (the session again after a reload, with its CSRF token), `signOut`. Sign-in is the one mutating
 * route without a CSRF token: there is no session yet, and the cookie it sets is SameSite=Strict,
 * so another site cannot use it.
 */
export function sessionRoutes(deps: ConsoleDeps) {
  return {
    info: (c) => c.json({ target: deps.target, omni_url: deps.omniUrl, version: deps.version }),

    signIn: async (c) => {
      const body = await readBody(c, signInBody);
      let omni: Awaited<ReturnType<ConsoleDeps['client']['authorize']>>;
      try {
        omni = await deps.client.authorize(body.user_name, body.password);
      } catch (error) {
        // Authorize refuses credentials as INVALID_TOKEN, or without a code where Omni sends none.
        if (error instanceof AuthenticationError && !refusesSystemKey(error))
          throw new ConsoleHttpError(
            'SIGN_IN_FAILED',
            'The user name or password is not right. Please check them and try again.',
            error.errorCode === undefined ? {} : { omniCode: error.errorCode },
          );
        throw toConsoleError(error);
      }
      const agent = deps.client.agent(omni);
      const me = await agent.get();
      // Signing in again from the same browser replaces its session (no orphan left behind).
      const previous = deps.sessions.touch(getCookie(c, SESSION_COOKIE));
      if (previous) deps.sessions.end(previous, 'signed_out');
      const session = deps.sessions.create({
        userId: me.user_id,
        userName: me.user_name,
        extension: me.extension,
        omni,
        agent,
      });
      await deps.webhook.ensure(agent);
      setCookie(c, SESSION_COOKIE, session.id, {
        httpOnly: true,
        sameSite: 'Strict',
        path: '/',
        secure: deps.secureCookie,
      });
      return c.json(view(deps, session));
    },

    getSession: (c) => c.json(view(deps, c.get('session'))),

    signOut: async (c) => {
      const session = c.get('session');
      // Leaving the console should not leave the agent logged in to a campaign (the dialler would
      // keep offering calls to a phone nobody watches), unless the same agent still has another
      // console session open. Best effort: sign-out happens regardless.
      const elsewhere = deps.sessions.forUser(session.userId).some((s) => s.id !== session.id);
      if (!elsewhere) {
        try {
          const me = await session.agent.get();
          if (me.agent_state !== 'logged_out') await session.agent.logout();
        } catch (error) {
          deps.log(`sign-out: could not log ${session.userName} out of the campaign: ${(error as Error).message}`);
        }
      }
      deps.sessions.end(session, 'signed_out');
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.json({ success: true, detail: 'signed out' });
    },
  } satisfies Partial<ConsoleHandlers>;
}
