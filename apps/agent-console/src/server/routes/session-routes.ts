import { AuthenticationError, NotFoundError, type SessionData } from '@omnikit/sdk';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { SESSION_COOKIE } from '../../shared/console-routes.js';
import { type SessionView, signInBody } from '../../shared/console-schemas.js';
import type { ConsoleDeps } from '../console-deps.js';
import { ConsoleHttpError, omniUrlProblem, refusesSystemKey, toConsoleError } from '../console-http-error.js';
import { refuseCrossSite } from '../cross-site-guard.js';
import type { ConsoleHandlers } from '../mount-console-routes.js';
import { readBody } from '../read-input.js';
import { retireSession } from '../retire-session.js';
import type { ConsoleSession } from '../session-store.js';

/** Whether the mock's control API answers: asked afresh (a mock may have been restarted with or without --strict). */
async function controlApi(deps: ConsoleDeps): Promise<boolean> {
  return deps.control ? deps.control.present() : false;
}

async function view(deps: ConsoleDeps, session: ConsoleSession): Promise<SessionView> {
  return {
    user_id: session.userId,
    user_name: session.userName,
    extension: session.extension,
    target: deps.target,
    control_api: await controlApi(deps),
    csrf_token: session.csrfToken,
    expires_at: new Date(session.expiresAt).toISOString(),
  };
}

/**
 * The handlers of the session's routes, by route id: `info` (target and version, for the sign-in
 * screen), `signIn` (Omni's authorize through the sdk, then the agent's extension), `getSession`
 * (the session again after a reload, with its CSRF token), `signOut`. Sign-in is the one mutating
 * route without a CSRF token (there is no session yet): it takes only JSON bodies and refuses
 * another site's page, so no page can sign the visitor in as an agent of its choosing.
 */
export function sessionRoutes(deps: ConsoleDeps) {
  return {
    info: async (c) =>
      c.json({
        target: deps.target,
        omni_url: deps.omniUrl,
        version: deps.version,
        control_api: await controlApi(deps),
      }),

    signIn: async (c) => {
      refuseCrossSite(c, deps.publicUrl);
      const body = await readBody(c, signInBody);
      let omni: Awaited<ReturnType<ConsoleDeps['client']['authorize']>>;
      // TForge documents no refresh (A.2: authorize again when expired), and an Omni may give tokens a short life
      // or revoke one when the agent signs in elsewhere: the sdk authorizes again with this password, kept in
      // memory with the Omni session only (never stored, logged or answered), so no token's end signs the agent
      // out in the middle of a call.
      const credentials = { user_name: body.user_name, password: body.password };
      // Each renewal is a new expiry for the phone panel (the WebRTC session's, A.8): the agent's streams are told,
      // unless a later sign-in has already handed the agent's sessions another Omni session than this one.
      const onRefresh = (data: SessionData) => {
        if (deps.sessions.forUser(data.user_id).some((s) => s.omni === omni))
          deps.hub.tokenChanged(data.user_id, data.expiry_date);
      };
      try {
        omni = await deps.client.authorize(body.user_name, body.password, {
          credentials: () => credentials,
          onRefresh,
        });
      } catch (error) {
        // Authorize refuses credentials as INVALID_TOKEN, or without a code where Omni sends none.
        if (error instanceof AuthenticationError && !refusesSystemKey(error))
          throw new ConsoleHttpError(
            'SIGN_IN_FAILED',
            'The user name or password is not right. Please check them and try again.',
            error.errorCode === undefined ? {} : { omniCode: error.errorCode },
          );
        // Every Omni has the authorize route: a 404 for it means the URL is not Omni's.
        if (error instanceof NotFoundError) throw omniUrlProblem(error, deps.omniUrl);
        throw toConsoleError(error, deps.omniUrl);
      }
      const agent = deps.client.agent(omni);
      const me = await agent.get();
      const previous = deps.sessions.touch(getCookie(c, SESSION_COOKIE));
      const session = deps.sessions.create({
        userId: me.user_id,
        userName: me.user_name,
        extension: me.extension,
        omni,
        agent,
      });
      // Signing in again from the same browser replaces its session as a sign-out would: no orphan
      // left behind, and the replaced agent is logged out of its campaign unless it is still signed
      // in elsewhere (the new session counts when it is the same agent).
      if (previous) await retireSession(deps, previous);
      // The agent's sessions in other browsers now hold this sign-in's token: their phone panels show its expiry.
      deps.hub.tokenChanged(session.userId, omni.expiryDate);
      await deps.webhook.ensure(agent);
      setCookie(c, SESSION_COOKIE, session.id, {
        httpOnly: true,
        sameSite: 'Strict',
        path: '/',
        secure: deps.secureCookie,
      });
      return c.json(await view(deps, session));
    },

    getSession: async (c) => c.json(await view(deps, c.get('session'))),

    signOut: async (c) => {
      await retireSession(deps, c.get('session'));
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.json({ success: true, detail: 'signed out' });
    },
  } satisfies Partial<ConsoleHandlers>;
}
