import type { ConsoleDeps } from './console-deps.js';
import type { ConsoleHandlers } from './mount-console-routes.js';
import { agentRoutes } from './routes/agent-routes.js';
import { callRoutes } from './routes/call-routes.js';
import { demoAgentRoutes } from './routes/demo-agent-routes.js';
import { eventRoutes } from './routes/event-routes.js';
import { inboxRoutes } from './routes/inbox-routes.js';
import { sessionRoutes } from './routes/session-routes.js';
import { supervisorRoutes } from './routes/supervisor-routes.js';

/**
 * Every console route's handler, gathered from the route files. Typed as the whole table, so a
 * route left without a handler does not compile (and `mountConsoleRoutes` refuses it at start).
 */
export function consoleHandlers(deps: ConsoleDeps): ConsoleHandlers {
  return {
    ...sessionRoutes(deps),
    ...demoAgentRoutes(deps),
    ...agentRoutes(deps),
    ...callRoutes(),
    ...eventRoutes(deps),
    ...supervisorRoutes(deps),
    ...inboxRoutes(deps),
  };
}
