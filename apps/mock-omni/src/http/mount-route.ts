/**
 * The glue: one contract route → one validated Hono handler, a pipeline of named stages run in this order (each in its
 * own file here):
 *
 * 1. `authenticateSystem` — `Host`, control caller and admin key, then the system key;
 * 2. `injectFault` — Omni routes: an injected delay or error from the system's fault book;
 * 3. `authenticateUser` — the user token on `auth: 'user'` routes;
 * 4. validation — path parameters (`parseOrFail`), the token's user against `{user_id}`
 *    (`requireOwnUser`), query (`queryObject`), then the body (`requireJsonContentType`,
 *    `readJsonBody`: size limit, nesting depth, JSON; then its schema). A route that takes no body (a GET aside) still
 *    reads one declared JSON, empty allowed, and refuses it as a body route would when it is not JSON;
 * 5. `runHandler` — the handler, inside one transaction for Omni commands;
 * 6. `checkAnswer` — in tests and development, the answer against the route's response schema;
 * 7. `varyAnswer` — Omni routes of a system that plays another plausible Omni (`--vary`): the answer, success or
 *    refusal, in that variant (skipped for the contracts' own shapes, so their answers stay untouched);
 * 8. `journalRequest` and `sendAnswer` — the one exit of every request, success or refusal
 *    (`toErrorDetails` turns anything thrown on the way into the contract's error body);
 * 9. `afterCommit` — group commit: the response is held until the turn's writes are durable.
 *
 * The stages are plain functions called in order, not Hono middleware: as middleware they cost more than the noise.
 * `bench/route-stages.bench.ts` serves the same four routes both ways (the same stage functions; as middleware one per
 * stage, `await next()` between them) from two server processes and loads them with autocannon, back to back in
 * alternating order, 5 rounds of 2 s warm-up + 6 s at 50 connections, on the shared 2-core machine (load average
 * 7–14). Medians, functions → middleware requests per second, and the median of each round's ratio:
 *
 *   POST /omni/user/authorize   14104 → 12517   −5.4%
 *   GET  /omni/users            23706 → 21223   −10.5%
 *   GET  /omni/campaign/{id}    22345 → 19562   −17.6%
 *   POST /omni/lead              9163 →  8203   −12.3%
 *
 * and p50 latency of the reads 1 ms → 2 ms (an earlier run: −7%, −17%, −15%, −2%). Every load lost in both runs.
 * Middleware turns every request into a chain of promises (Hono composes a route with more than one handler
 * asynchronously), where these stages stay synchronous until something must wait — a body to read, an injected delay,
 * a handler's promise, a commit — so a read answers without a promise and stays on @hono/node-server's fast path.
 *
 * @module
 */

import type { BinaryResponse, RouteDef } from '@omnikit/contracts';
import { pathParamNames } from '@omnikit/contracts';
import { DEFAULT_VARIATION } from '@omnikit/contracts/variants';
import type { Context, Hono } from 'hono';
import type { z } from 'zod';
import type { TokenRecord } from '../engine/ports.js';
import type { SystemContext } from '../engine/systems/system-context.js';
import type { MockServices } from '../mock-services.js';
import { afterCommit } from './after-commit.js';
import { authenticateSystem } from './authenticate-system.js';
import { authenticateUser } from './authenticate-user.js';
import { answerSchema, checkAnswer } from './check-answer.js';
import { errorAnswer } from './error-table.js';
import { type Flight, startFlight } from './flight.js';
import { injectFault } from './inject-fault.js';
import { isOmniRoute } from './is-omni-route.js';
import { journalRequest } from './journal-request.js';
import { isJsonContentType, requireJsonContentType } from './json-content-type.js';
import { namedSystemKey } from './named-system-key.js';
import { parseOrFail } from './parse-or-fail.js';
import { queryObject } from './query-object.js';
import type { RawBinary } from './raw-binary.js';
import type { RawJson } from './raw-json.js';
import { readJsonBody } from './read-json-body.js';
import { requireOwnUser } from './require-own-user.js';
import { runHandler } from './run-handler.js';
import { answerJson, sendAnswer } from './send-answer.js';
import { toErrorDetails } from './to-error-details.js';
import { isVariedRoute, varyAnswer } from './vary-answer.js';
import { servedPaths } from './vicidial-answers.js';

type Out<S> = S extends z.ZodType ? z.output<S> : Record<string, never>;
type Success<R extends RouteDef> = R['responses'][200] extends z.ZodType ? z.input<R['responses'][200]> : never;

export interface HandlerInput<R extends RouteDef> {
  params: Out<R['params']>;
  query: Out<R['query']>;
  body: Out<R['body']>;
  system: SystemContext;
  /** The token (and so its user, `userId`) on `auth: 'user'` routes. */
  user: TokenRecord | undefined;
  /**
   * On `auth: 'admin'` routes, the system key the request named (`Authorization: Key=…` or `auth-key`), which need
   * not be a system of this mock yet: creating a system names it there, so a proxy hashing on the header places it.
   */
  namedKey?: string | undefined;
  services: MockServices;
}

type Binary<R extends RouteDef> = R['responses'][200] extends BinaryResponse ? RawBinary : never;
export type Answer<R extends RouteDef> = Success<R> | RawJson<Success<R>> | Binary<R>;
export type Handler<R extends RouteDef> = (input: HandlerInput<R>) => Answer<R> | Promise<Answer<R>>;

export const BODY_LIMIT = 1024 * 1024;
export const BULK_BODY_LIMIT = 16 * 1024 * 1024;

export function honoPath(path: string): string {
  return path.replace(/\{([a-z_]+)\}/g, ':$1');
}

type Reply = Response | Promise<Response>;

export function mountRoute<R extends RouteDef>(app: Hono, route: R, handler: Handler<R>, services: MockServices): void {
  const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete';
  const limit = route.id.startsWith('bulkUpload') ? BULK_BODY_LIMIT : BODY_LIMIT;
  const hasUserParam = pathParamNames(route.path).includes('user_id');
  const omni = isOmniRoute(route);
  const admin = route.auth === 'admin';
  const { logger, validateResponses } = services.options;
  const schema = answerSchema(route, validateResponses);
  const varied = isVariedRoute(route);
  const successSchema = varied ? answerSchema(route, true) : undefined;
  // A GET's content has no meaning (RFC 9110 §9.3.1) and fetch cannot send one: a GET never reads a body.
  const mayBeSentBody = !route.body && route.method !== 'GET';

  /** Stages 1–9 for one request; synchronous until something must wait. */
  const serve = (c: Context): Reply => {
    const out = handle(c);
    return out instanceof Promise
      ? out.then((r) => afterCommit(c, route, services, r))
      : afterCommit(c, route, services, out);
  };

  const handle = (c: Context): Reply => {
    const f = startFlight(services);
    try {
      const system = authenticateSystem(c, route, services);
      f.system = system;
      const delay = omni ? injectFault(route, system, services, f) : undefined;
      return delay ? resume(c, f, delay, () => validate(c, f, system)) : validate(c, f, system);
    } catch (error) {
      return failed(c, f, error);
    }
  };

  const validate = (c: Context, f: Flight, system: SystemContext): Reply => {
    f.user = authenticateUser(c, route, system, services);
    f.params = route.params ? parseOrFail(route.params, c.req.param(), 'path') : {};
    if (hasUserParam) requireOwnUser(f.params, f.user);
    f.query = route.query ? parseOrFail(route.query, queryObject(c), 'query') : {};
    const bodySchema = route.body;
    if (!bodySchema) {
      // Inferred (B.2: bad input is a 4xx): a body declared JSON on a route that takes none (hold, hangup…) must be
      // JSON all the same, and is then ignored as an unknown field is; an empty body, `{}` or another type pass. The
      // journal shows the body all the same: what the client sent, stray or not.
      if (!mayBeSentBody || !isJsonContentType(c)) return respond(c, f, system, {});
      return resume(c, f, readJsonBody(c, limit, { optional: true }), (read) => {
        if (read.value !== undefined) {
          f.requestBody = read.value;
          f.requestJson = read.text;
          f.requestSize = read.size;
        }
        return respond(c, f, system, {});
      });
    }
    requireJsonContentType(c);
    return resume(c, f, readJsonBody(c, limit), (read) => {
      f.requestBody = read.value;
      f.requestJson = read.text;
      f.requestSize = read.size;
      return respond(c, f, system, parseOrFail(bodySchema, read.value, 'body', route.errorShape === 'vicidial'));
    });
  };

  const respond = (c: Context, f: Flight, system: SystemContext, body: unknown): Reply => {
    const namedKey = admin ? namedSystemKey(c) : undefined;
    const input = {
      params: f.params,
      query: f.query,
      body,
      system,
      user: f.user,
      namedKey,
      services,
    } as HandlerInput<R>;
    const answer = runHandler(route, handler, input, services);
    return answer instanceof Promise ? resume(c, f, answer, (later) => checked(c, f, later)) : checked(c, f, answer);
  };

  const checked = (c: Context, f: Flight, answer: unknown): Response => {
    checkAnswer(route, schema, answer, logger);
    return finish(c, f, 200, answer);
  };

  /** The one exit of every request: the system's variant, its journal entry (Omni routes), then its response. */
  const finish = (c: Context, f: Flight, status: number, body: unknown, headers?: Record<string, string>): Response => {
    const system = f.system;
    if (varied && system !== undefined && system.variation !== DEFAULT_VARIATION) {
      const wire = varyAnswer(route, successSchema, system, status, body);
      status = wire.status;
      body = wire.body;
    }
    // Serialised once, for the wire and the journal alike.
    const json = answerJson(body);
    if (omni) journalRequest(c, route, services, f, status, body, json);
    return sendAnswer(c, status, body, headers, json);
  };

  const failed = (c: Context, f: Flight, error: unknown): Response => {
    const answer = errorAnswer(toErrorDetails(error, route, logger), route.errorShape);
    return finish(c, f, answer.status, answer.body, answer.headers);
  };

  /** Goes on with `next` once `wait` settles; a throw or rejection on the way answers as an error. */
  const resume = <T>(c: Context, f: Flight, wait: Promise<T>, next: (value: T) => Reply): Promise<Response> =>
    wait.then(
      (value) => {
        try {
          return next(value);
        } catch (error) {
          return failed(c, f, error);
        }
      },
      (error: unknown) => failed(c, f, error),
    );

  for (const path of servedPaths(route)) app[method](honoPath(path), serve);
}
