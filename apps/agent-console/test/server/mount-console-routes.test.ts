import { buildPath } from '@omnikit/contracts';
import { Hono, type MiddlewareHandler } from 'hono';
import { describe, expect, it } from 'vitest';
import { parseConsoleConfig } from '../../src/server/console-config.js';
import type { ConsoleEnv } from '../../src/server/console-env.js';
import { consoleHandlers } from '../../src/server/console-handlers.js';
import { createConsoleServer } from '../../src/server/create-console-server.js';
import {
  type ConsoleHandler,
  type ConsoleHandlers,
  honoPath,
  mountConsoleRoutes,
} from '../../src/server/mount-console-routes.js';
import { type ConsoleRouteId, consoleRoutes } from '../../src/shared/console-routes.js';

const ids = Object.keys(consoleRoutes) as ConsoleRouteId[];

/** Handlers that answer their own route id, so a test sees which handler a request reached. */
function namingHandlers(): Record<string, ConsoleHandler> {
  return Object.fromEntries(ids.map((id) => [id, (c) => c.text(id)]));
}

const passGuard: MiddlewareHandler<ConsoleEnv> = async (_c, next) => {
  await next();
};

/** A request to each route's table path, every placeholder filled. */
function requestFor(id: ConsoleRouteId): Request {
  const route = consoleRoutes[id];
  const params = Object.fromEntries([...route.path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1], '7']));
  return new Request(`http://console.test${buildPath(route.path, params)}`, { method: route.method });
}

describe('the console server mounts its routes from the route table', () => {
  it('the console’s handlers are exactly the table’s routes', async () => {
    const parsed = parseConsoleConfig(['--port', '0', '--web-dir', '/nonexistent-web-dir'], {});
    if (!parsed.ok) throw new Error(parsed.error);
    const server = createConsoleServer({ config: parsed.config, log: () => {} });
    expect(Object.keys(consoleHandlers(server.deps)).sort()).toEqual([...ids].sort());
    await server.close();
  });

  it.each(ids)('%s: its table method and path reach its own handler', async (id) => {
    const app = new Hono<ConsoleEnv>();
    mountConsoleRoutes(app, namingHandlers() as ConsoleHandlers, passGuard);
    const res = await app.request(requestFor(id));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(id);
  });

  it('routes without a session answer before the guard; every other route and unknown path meets it', async () => {
    const app = new Hono<ConsoleEnv>();
    const refuse: MiddlewareHandler<ConsoleEnv> = async (c) => c.text('refused by the guard', 401);
    mountConsoleRoutes(app, namingHandlers() as ConsoleHandlers, refuse);
    for (const id of ids) {
      const res = await app.request(requestFor(id));
      if (consoleRoutes[id].session) expect([id, res.status]).toEqual([id, 401]);
      else expect([id, await res.text()]).toEqual([id, id]);
    }
    expect((await app.request('http://console.test/api/nothing-here')).status).toBe(401);
  });

  it('refuses to start when a table route has no handler, naming it', () => {
    const { hold: _hold, getRecording: _getRecording, ...rest } = namingHandlers();
    expect(() => mountConsoleRoutes(new Hono<ConsoleEnv>(), rest as ConsoleHandlers, passGuard)).toThrow(
      'no handler for the console route(s) hold, getRecording',
    );
  });

  it('refuses a handler that names no table route', () => {
    const handlers: Record<string, ConsoleHandler> = { ...namingHandlers(), transfer: (c) => c.text('transfer') };
    expect(() => mountConsoleRoutes(new Hono<ConsoleEnv>(), handlers as ConsoleHandlers, passGuard)).toThrow(
      'handlers for no console route: transfer',
    );
  });

  it('writes a table path in Hono’s form', () => {
    expect(honoPath('/api/calls/{call_id}/hold')).toBe('/api/calls/:call_id/hold');
    expect(honoPath('/api/recordings/{file}')).toBe('/api/recordings/:file');
    expect(honoPath('/api/info')).toBe('/api/info');
  });
});
