/**
 * The server of the route-stages bench: the mock's services over a file database, with the bench's four Omni routes
 * mounted one of two ways — `functions` (the mock's own `mountRoute`: its stages as plain functions called in order)
 * or `middleware` (the very same stage functions, one Hono middleware each, `await next()` between them, the error
 * exit in `app.onError`). Run as `node --conditions=@omnikit/source --import tsx bench/route-stages-server.ts
 * <functions|middleware> <db>`; prints `route-stages listening on <url>` and stops on SIGTERM.
 *
 * @module
 */

import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { pathParamNames, type RouteDef, type RouteId, routes } from '@omnikit/contracts';
import { Hono, type MiddlewareHandler } from 'hono';
import { createMockOmni } from '../src/create-mock-omni.js';
import { afterCommit } from '../src/http/after-commit.js';
import { authenticateSystem } from '../src/http/authenticate-system.js';
import { authenticateUser } from '../src/http/authenticate-user.js';
import { answerSchema, checkAnswer } from '../src/http/check-answer.js';
import { errorAnswer } from '../src/http/error-table.js';
import { type Flight, startFlight } from '../src/http/flight.js';
import { injectFault } from '../src/http/inject-fault.js';
import { isOmniRoute } from '../src/http/is-omni-route.js';
import { journalRequest } from '../src/http/journal-request.js';
import { requireJsonContentType } from '../src/http/json-content-type.js';
import { BODY_LIMIT, type Handler, honoPath, mountRoute } from '../src/http/mount-route.js';
import { omniHandlers } from '../src/http/omni-handlers.js';
import { parseOrFail } from '../src/http/parse-or-fail.js';
import { queryObject } from '../src/http/query-object.js';
import { readJsonBody } from '../src/http/read-json-body.js';
import { requireOwnUser } from '../src/http/require-own-user.js';
import { runHandler } from '../src/http/run-handler.js';
import { answerJson, sendAnswer } from '../src/http/send-answer.js';
import { toErrorDetails } from '../src/http/to-error-details.js';
import type { MockServices } from '../src/mock-services.js';

const BENCH_ROUTES: readonly RouteId[] = ['authorize', 'listUsers', 'getCampaign', 'addLead'];

type Ctx = Parameters<MiddlewareHandler<Env>>[0];
type Env = { Variables: { flight: Flight; failed: (c: Ctx, f: Flight, error: unknown) => Response; body: unknown } };

/** `mountRoute`'s pipeline written as Hono middleware: what the bench weighs against it. */
function mountAsMiddleware(app: Hono<Env>, route: RouteDef, handler: Handler<RouteDef>, services: MockServices): void {
  const omni = isOmniRoute(route);
  const hasUserParam = pathParamNames(route.path).includes('user_id');
  const { logger, validateResponses } = services.options;
  const schema = answerSchema(route, validateResponses);
  const finish = (c: Ctx, f: Flight, status: number, body: unknown, headers?: Record<string, string>) => {
    const json = answerJson(body);
    if (omni) journalRequest(c, route, services, f, status, body, json);
    return sendAnswer(c, status, body, headers, json);
  };
  const failed = (c: Ctx, f: Flight, error: unknown): Response => {
    const answer = errorAnswer(toErrorDetails(error, route, logger), route.errorShape);
    return finish(c, f, answer.status, answer.body, answer.headers);
  };
  // `c.get`, not `c.var`: Hono builds a fresh object of every variable on each `c.var` read.
  const stages: MiddlewareHandler<Env>[] = [
    async (c, next) => {
      await next();
      // Hono's `c.res` setter copies the response: assigned only when the commit changed it.
      const held = await afterCommit(c, route, services, c.res);
      if (held !== c.res) c.res = held;
    },
    async (c, next) => {
      const f = startFlight(services);
      c.set('flight', f);
      c.set('failed', failed);
      await next();
    },
    async (c, next) => {
      c.get('flight').system = authenticateSystem(c, route, services);
      await next();
    },
    async (c, next) => {
      const f = c.get('flight');
      const delay = omni && f.system ? injectFault(route, f.system, services, f) : undefined;
      if (delay) await delay;
      await next();
    },
    async (c, next) => {
      const f = c.get('flight');
      if (f.system) f.user = authenticateUser(c, route, f.system, services);
      await next();
    },
    async (c, next) => {
      const f = c.get('flight');
      f.params = route.params ? parseOrFail(route.params, c.req.param(), 'path') : {};
      if (hasUserParam) requireOwnUser(f.params, f.user);
      f.query = route.query ? parseOrFail(route.query, queryObject(c), 'query') : {};
      if (route.body) {
        requireJsonContentType(c);
        const read = await readJsonBody(c, BODY_LIMIT);
        f.requestBody = read.value;
        f.requestSize = read.size;
        c.set('body', parseOrFail(route.body, read.value, 'body', route.errorShape === 'vicidial'));
      } else c.set('body', {});
      await next();
    },
    async (c) => {
      const f = c.get('flight');
      const input = { params: f.params, query: f.query, body: c.get('body'), system: f.system, user: f.user, services };
      const answer: unknown = await runHandler(route, handler, input as Parameters<typeof handler>[0], services);
      checkAnswer(route, schema, answer, logger);
      return finish(c, f, 200, answer);
    },
  ];
  const [first, ...rest] = stages as [MiddlewareHandler<Env>, ...MiddlewareHandler<Env>[]];
  app.on(route.method, [honoPath(route.path)], first, ...rest);
}

async function main(): Promise<void> {
  const [variant, db] = process.argv.slice(2);
  if ((variant !== 'functions' && variant !== 'middleware') || !db) {
    throw new Error('usage: route-stages-server.ts <functions|middleware> <db file>');
  }
  // As the CLI serves by default: answers are not re-checked against their contracts.
  const mock = await createMockOmni({ db, validateResponses: false, logger: { info: () => {}, error: console.error } });
  const app = new Hono<Env>();
  app.onError((error, c) => c.get('failed')(c, c.get('flight'), error));
  for (const id of BENCH_ROUTES) {
    const handler = omniHandlers[id] as Handler<RouteDef>;
    if (variant === 'functions') mountRoute(app as unknown as Hono, routes[id], handler, mock.services);
    else mountAsMiddleware(app, routes[id], handler, mock.services);
  }
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  console.log(`route-stages listening on http://127.0.0.1:${port}`);
  process.once('SIGTERM', () => {
    server.close();
    void mock.close().then(() => process.exit(0));
  });
}

await main();
