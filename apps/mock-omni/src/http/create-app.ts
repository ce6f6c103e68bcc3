import { type RouteId, routes } from '@omnikit/contracts';
import { type ControlRouteId, controlRoutes } from '@omnikit/contracts/control';
import { type MessagingRouteId, messagingRoutes } from '@omnikit/contracts/messaging';
import { Hono } from 'hono';
import type { MockServices } from '../mock-services.js';
import { callHandlers } from './call-handlers.js';
import { type ControlHandlers, controlHandlers } from './control-handlers.js';
import { diallerControlHandlers } from './dialler-control-handlers.js';
import { diallerHandlers } from './dialler-handlers.js';
import { mountDocs } from './docs-routes.js';
import { errorAnswer } from './error-table.js';
import { messagingControlHandlers, messagingHandlers } from './messaging-handlers.js';
import { type Handler, mountRoute } from './mount-route.js';
import { type OmniHandlers, omniHandlers } from './omni-handlers.js';
import { shotgunHandlers } from './shotgun-handlers.js';
import { storageFailure } from './storage-failure.js';
import { isVicidialPath, vicidialNotFound } from './vicidial-answers.js';

/**
 * The whole server: every Omni route that has a handler (messaging's included), the control API, the docs, and 404
 * `ROUTE_NOT_FOUND` for anything else (in the archive service's own shape under `/vicidial/`).
 * `extraHandlers` and `extraControlHandlers` add handlers to the built-in tables, or replace one of theirs (a test's
 * failing handler, for instance), without touching this file's list.
 */
export function createApp(
  services: MockServices,
  extraHandlers: OmniHandlers = {},
  extraControlHandlers: ControlHandlers = {},
): Hono {
  const app = new Hono();
  const handlers: OmniHandlers = {
    ...omniHandlers,
    ...callHandlers,
    ...shotgunHandlers,
    ...diallerHandlers,
    ...extraHandlers,
  };
  for (const id of Object.keys(routes) as RouteId[]) {
    const handler = handlers[id];
    if (handler) mountRoute(app, routes[id], handler as Handler<(typeof routes)[RouteId]>, services);
  }
  for (const id of Object.keys(messagingRoutes) as MessagingRouteId[]) {
    const handler = messagingHandlers[id];
    if (handler)
      mountRoute(app, messagingRoutes[id], handler as Handler<(typeof messagingRoutes)[MessagingRouteId]>, services);
  }
  const control: ControlHandlers = {
    ...controlHandlers,
    ...diallerControlHandlers,
    ...messagingControlHandlers,
    ...extraControlHandlers,
  };
  for (const id of Object.keys(controlRoutes) as ControlRouteId[]) {
    if (services.options.strict && id !== 'health') continue;
    const handler = control[id];
    if (handler) {
      mountRoute(app, controlRoutes[id], handler as Handler<(typeof controlRoutes)[ControlRouteId]>, services);
    }
  }
  mountDocs(app, { control: !services.options.strict });
  app.notFound((c) => {
    if (isVicidialPath(c.req.path)) {
      const { status, body } = vicidialNotFound();
      return c.json(body, status);
    }
    const { status, body } = errorAnswer({
      code: 'ROUTE_NOT_FOUND',
      detail: `there is no route ${c.req.method} ${new URL(c.req.url).pathname} (see /docs)`,
    });
    return c.json(body, status as 404);
  });
  app.onError((error, c) => {
    const storage = storageFailure(error, services.options.logger);
    if (storage) {
      const answer = errorAnswer(storage);
      return c.json(answer.body, answer.status as 503);
    }
    services.options.logger.error(`unhandled error on ${c.req.method} ${c.req.url}`, error);
    const { status, body } = errorAnswer({
      code: 'INTERNAL',
      detail: 'the mock failed (a bug in the mock; see its log)',
    });
    return c.json(body, status as 500);
  });
  return app;
}

/** Control routes this build serves (those with a handler), and the ones still without one. */
export function servedControlRoutes(extra: ControlHandlers = {}): {
  served: ControlRouteId[];
  unmounted: ControlRouteId[];
} {
  const handlers: ControlHandlers = {
    ...controlHandlers,
    ...diallerControlHandlers,
    ...messagingControlHandlers,
    ...extra,
  };
  const ids = Object.keys(controlRoutes) as ControlRouteId[];
  return { served: ids.filter((id) => handlers[id]), unmounted: ids.filter((id) => !handlers[id]) };
}

/** The Omni routes this build serves (those with a handler), and those it leaves unmounted. */
export function servedOmniRoutes(extra: OmniHandlers = {}): { served: RouteId[]; unmounted: RouteId[] } {
  const handlers: OmniHandlers = { ...omniHandlers, ...callHandlers, ...shotgunHandlers, ...diallerHandlers, ...extra };
  const ids = Object.keys(routes) as RouteId[];
  return { served: ids.filter((id) => handlers[id]), unmounted: ids.filter((id) => !handlers[id]) };
}
