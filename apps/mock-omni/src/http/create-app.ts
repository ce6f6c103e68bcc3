import { routes, type RouteId } from '@omnikit/contracts';
import { controlRoutes, type ControlRouteId } from '@omnikit/contracts/control';
import { Hono } from 'hono';
import type { MockServices } from '../mock-services.js';
import { controlHandlers } from './control-handlers.js';
import { mountDocs } from './docs-routes.js';
import { errorAnswer } from './error-table.js';
import { type Handler, mountRoute } from './mount-route.js';
import { type OmniHandlers, omniHandlers } from './omni-handlers.js';

/**
 * The whole server: every Omni route that has a handler, the control API, the docs, and 404
 * `ROUTE_NOT_FOUND` for anything else. `extraHandlers` lets later features (the call engine)
 * add Omni handlers without touching this file's list.
 */
export function createApp(services: MockServices, extraHandlers: OmniHandlers = {}): Hono {
  const app = new Hono();
  const handlers: OmniHandlers = { ...omniHandlers, ...extraHandlers };
  for (const id of Object.keys(routes) as RouteId[]) {
    const handler = handlers[id];
    if (handler) mountRoute(app, routes[id], handler as Handler<(typeof routes)[RouteId]>, services);
  }
  for (const id of Object.keys(controlRoutes) as ControlRouteId[]) {
    if (services.options.strict && id !== 'health') continue;
    mountRoute(
      app,
      controlRoutes[id],
      controlHandlers[id] as Handler<(typeof controlRoutes)[ControlRouteId]>,
      services,
    );
  }
  mountDocs(app);
  app.notFound((c) => {
    const { status, body } = errorAnswer({
      code: 'ROUTE_NOT_FOUND',
      detail: `there is no route ${c.req.method} ${new URL(c.req.url).pathname} (see /docs)`,
    });
    return c.json(body, status as 404);
  });
  app.onError((error, c) => {
    services.options.logger.error(`unhandled error on ${c.req.method} ${c.req.url}`, error);
    const { status, body } = errorAnswer({
      code: 'INTERNAL',
      detail: 'the mock failed (a bug in the mock; see its log)',
    });
    return c.json(body, status as 500);
  });
  return app;
}

/** Omni routes this build serves, and the ones that wait for the call engine. */
export function servedOmniRoutes(extra: OmniHandlers = {}): { served: RouteId[]; unmounted: RouteId[] } {
  const handlers: OmniHandlers = { ...omniHandlers, ...extra };
  const ids = Object.keys(routes) as RouteId[];
  return { served: ids.filter((id) => handlers[id]), unmounted: ids.filter((id) => !handlers[id]) };
}
