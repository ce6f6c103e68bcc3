import type { ConsoleDeps } from './console-deps.js';
import type { ConsoleSession } from './session-store.js';

/**
 * Ends a console session the agent left (sign-out, or another sign-in from the same browser that
 * replaces it). Leaving the console should not leave the agent logged in to a campaign (the dialler
 * would keep offering calls to a phone nobody watches), unless the same agent still has another
 * console session open. Best effort: the session ends regardless, and a failed logout is logged.
 *
 * @example
 * ```ts
 * await retireSession(deps, c.get('session'));
 * ```
 */
export async function retireSession(deps: Pick<ConsoleDeps, 'sessions' | 'log'>, session: ConsoleSession) {
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
}
