/**
 * Mounts the console's `/api/*` routes from the shared route table: the table gives each route's
 * method and path, the route files give a handler per route id, so no path is written twice.
 *
 * @module
 */

import type { Context, Hono, MiddlewareHandler } from 'hono';
import { type ConsoleRouteId, consoleRoutes } from '../shared/console-routes.js';
import type { ConsoleEnv } from './console-env.js';

/** Answers one console route. Path parameters have the names of the table path's placeholders. */
export type ConsoleHandler = (c: Context<ConsoleEnv>) => Response | Promise<Response>;

/** A handler for each route of the table, by route id. */
export type ConsoleHandlers = { readonly [R in ConsoleRouteId]: ConsoleHandler };

/** A table path in Hono's form: `/api/calls/{call_id}/hold` → `/api/calls/:call_id/hold`. */
export function honoPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}

/**
 * Mounts every route of the table with its handler. Routes without a session (`session: false`)
 * answer before `guard` runs; every other `/api/*` request, an unknown path included, meets the
 * guard first, so a refused request has done nothing. Throws when a table route has no handler or a
 * handler names no table route: the table and the server cannot drift apart silently.
 */
export function mountConsoleRoutes(
  app: Hono<ConsoleEnv>,
  handlers: ConsoleHandlers,
  guard: MiddlewareHandler<ConsoleEnv>,
): void {
  const ids = Object.keys(consoleRoutes) as ConsoleRouteId[];
  const missing = ids.filter((id) => typeof handlers[id] !== 'function');
  if (missing.length > 0) throw new Error(`no handler for the console route(s) ${missing.join(', ')}`);
  const unknown = Object.keys(handlers).filter((id) => !Object.hasOwn(consoleRoutes, id));
  if (unknown.length > 0) throw new Error(`handlers for no console route: ${unknown.join(', ')}`);

  const mount = (id: ConsoleRouteId) => {
    const route = consoleRoutes[id];
    app.on(route.method, honoPath(route.path), handlers[id]);
  };
  for (const id of ids) if (!consoleRoutes[id].session) mount(id);
  app.use('/api/*', guard);
  for (const id of ids) if (consoleRoutes[id].session) mount(id);
}
