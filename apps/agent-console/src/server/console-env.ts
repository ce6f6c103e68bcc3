import type { ConsoleSession } from './session-store.js';

/** Hono's environment of the console app: the authenticated session, once the middleware found it. */
export interface ConsoleEnv {
  Variables: { session: ConsoleSession };
}
