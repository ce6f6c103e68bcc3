/**
 * `demoAgents` (mock only, no session): the agents the mock knows, so a person trying the console
 * sees whom to sign in as. They come from the mock's control API (`GET /__mock/users`), so a mock
 * with other users shows those; only names and extensions leave the backend, never a password.
 *
 * @module
 */

import type { DemoAgentList } from '../../shared/console-schemas.js';
import type { ConsoleDeps } from '../console-deps.js';
import { ConsoleHttpError } from '../console-http-error.js';
import type { ConsoleHandlers } from '../mount-console-routes.js';

export function demoAgentRoutes(deps: ConsoleDeps) {
  return {
    demoAgents: async (c) => {
      if (!deps.control)
        throw new ConsoleHttpError(
          'MOCK_ONLY',
          'Demo agents exist only on the mock: a real Omni’s agents sign in with the accounts their administrator gave them.',
        );
      const { users } = await deps.control.users();
      const list: DemoAgentList = {
        agents: users.map((u) => ({ user_name: u.user_name, extension: u.extension })),
      };
      return c.json(list);
    },
  } satisfies Partial<ConsoleHandlers>;
}
