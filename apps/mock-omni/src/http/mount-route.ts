import type { BinaryResponse, ErrorCode, RouteDef } from '@omnikit/contracts';
import { MAX_JSON_DEPTH, pathParamNames } from '@omnikit/contracts';
import { ADMIN_KEY_HEADER } from '@omnikit/contracts/control';
import type { Context, Hono } from 'hono';
import type { z } from 'zod';
import { DomainError } from '../engine/domain-error.js';
import type { TokenRecord } from '../engine/ports.js';
import type { SystemContext } from '../engine/systems/system-context.js';
import type { MockServices } from '../mock-services.js';
import { type ErrorDetails, errorAnswer } from './error-table.js';
import { fieldErrors } from './field-errors.js';
import { journalSafe, journalSafeQuery } from './journal-redaction.js';
import { jsonNestsDeeperThan } from './json-depth.js';
import { readToken } from './read-token.js';
import { requireJsonContentType } from './json-content-type.js';
import { requestHeader } from './request-header.js';
import { storageFailure } from './storage-failure.js';
import { readSystemKey, safeEqual } from './system-key.js';
import { servedPaths, vicidialRejection } from './vicidial-answers.js';

/**
 * The glue: one contract route → one validated Hono handler. In order: credentials (system key,
 * admin key), fault injection (Omni routes), the user token, path parameters, the token's user
 * against `{user_id}`, query, body (size limit, nesting depth, JSON, schema), then the handler —
 * inside one SQLite transaction for Omni routes — and, in tests and development, the answer checked
 * against the route's response schema. Omni routes are written to the system's request journal,
 * secrets masked and bounded (journal-redaction.ts). A handler
 * may answer later (a promise): control routes that wait on the network, and an Omni command that
 * must wait for the network (campaign login awaiting its SIP phone) — only its synchronous part runs
 * in the route's transaction, so it must run the writes it makes later through `stores.tx.run`.
 */
type Out<S> = S extends z.ZodType ? z.output<S> : Record<string, never>;
type Success<R extends RouteDef> = R['responses'][200] extends z.ZodType ? z.input<R['responses'][200]> : never;

export interface HandlerInput<R extends RouteDef> {
  params: Out<R['params']>;
  query: Out<R['query']>;
  body: Out<R['body']>;
  system: SystemContext;
  /** The token (and so its user, `userId`) on `auth: 'user'` routes. */
  user: TokenRecord | undefined;
  services: MockServices;
}

type Binary<R extends RouteDef> = R['responses'][200] extends BinaryResponse ? RawBinary : never;
export type Answer<R extends RouteDef> = Success<R> | RawJson<Success<R>> | Binary<R>;
export type Handler<R extends RouteDef> = (input: HandlerInput<R>) => Answer<R> | Promise<Answer<R>>;

/**
 * An answer already serialised (e.g. a campaign whose settings are stored as JSON): sent as is,
 * and checked against the route's schema like any other answer when responses are validated.
 */
export class RawJson<T = unknown> {
  declare readonly shape?: T;
  constructor(readonly text: string) {}
}

/** A non-JSON answer (a recording's WAV): streamed with its content type and length. */
export class RawBinary {
  constructor(
    readonly contentType: string,
    readonly size: number,
    readonly body: ReadableStream | Uint8Array<ArrayBuffer>,
  ) {}
}

export const BODY_LIMIT = 1024 * 1024;
export const BULK_BODY_LIMIT = 16 * 1024 * 1024;
const JOURNAL_BODY_LIMIT = 64 * 1024;

/**
 * A handler's promise carried out of the route's transaction (better-sqlite3 refuses a
 * transaction function that returns a promise); unboxed once the synchronous part has run.
 */
class Later {
  constructor(readonly answer: Promise<unknown>) {}
}

const boxLater = (answer: unknown): unknown => (answer instanceof Promise ? new Later(answer) : answer);
const unboxLater = (answer: unknown): unknown => (answer instanceof Later ? answer.answer : answer);

class RouteFailure extends Error {
  constructor(readonly details: ErrorDetails) {
    super(details.detail);
  }
}

function fail(code: ErrorCode, detail: string, extra: Partial<ErrorDetails> = {}): never {
  throw new RouteFailure({ code, detail, ...extra });
}

export function honoPath(path: string): string {
  return path.replace(/\{([a-z_]+)\}/g, ':$1');
}

function isOmni(route: RouteDef): boolean {
  return route.auth === 'system' || route.auth === 'user';
}

export function mountRoute<R extends RouteDef>(app: Hono, route: R, handler: Handler<R>, services: MockServices): void {
  const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete';
  const limit = route.id.startsWith('bulkUpload') ? BULK_BODY_LIMIT : BODY_LIMIT;
  const hasUserParam = pathParamNames(route.path).includes('user_id');
  const omni = isOmni(route);
  const { logger, validateResponses } = services.options;
  const spec = route.responses[200];
  const success = spec && 'safeParse' in spec ? (spec as z.ZodType) : undefined;

  /** One request's state, from arrival to answer (journal included). */
  interface Flight {
    started: number;
    wallAt: number;
    system: SystemContext | undefined;
    user: TokenRecord | undefined;
    params: unknown;
    query: unknown;
    requestBody: unknown;
    requestSize: number;
    fault: string | null;
  }

  /** Writes the journal entry and builds the response: the one exit of every request. */
  const finish = (c: Context, f: Flight, status: number, body: unknown, headers?: Record<string, string>): Response => {
    if (omni) {
      const journalSystem = f.system ?? services.registry.getDefault();
      const url = c.req.url;
      const q = url.indexOf('?');
      services.journal(journalSystem).record({
        id: 0,
        at: f.wallAt,
        virtualAt: journalSystem.clock.now(),
        method: route.method,
        path: c.req.path,
        query: q < 0 ? '' : journalSafeQuery(url.slice(q)),
        routeId: route.id,
        status,
        durationMs: Math.round((performance.now() - f.started) * 1000) / 1000,
        fault: f.fault,
        requestBody: journalable(f.requestBody, f.requestSize),
        responseBody:
          body instanceof RawBinary
            ? { binary: body.contentType, bytes: body.size }
            : body instanceof RawJson
              ? body
              : journalSafe(body),
      });
    }
    if (body instanceof RawBinary) {
      return c.body(body.body, 200, { 'Content-Type': body.contentType, 'Content-Length': String(body.size) });
    }
    if (body instanceof RawJson) {
      return c.body(body.text, 200, { 'Content-Type': 'application/json' });
    }
    // Without extra headers, @hono/node-server answers on its fast path (no Headers object).
    if (!headers || Object.keys(headers).length === 0) return c.json(body as object, status as 200);
    return c.json(body as object, status as 200, headers);
  };

  const failed = (c: Context, f: Flight, error: unknown): Response => {
    const answer = errorAnswer(toDetails(error, route, logger), route.errorShape);
    return finish(c, f, answer.status, answer.body, answer.headers);
  };

  /** The handler, once every input is valid: in one transaction for Omni commands. */
  const respond = (c: Context, f: Flight, body: unknown): Response | Promise<Response> => {
    const input = {
      params: f.params,
      query: f.query,
      body,
      system: f.system,
      user: f.user,
      services,
    } as HandlerInput<R>;
    // Reads need no transaction: better-sqlite3 is synchronous, nothing interleaves with a handler.
    const answer: unknown =
      omni && route.method !== 'GET'
        ? unboxLater(services.stores.tx.run(() => boxLater(handler(input))))
        : handler(input);
    if (answer instanceof Promise) {
      return answer.then(
        (later: unknown) => {
          try {
            return checked(c, f, later);
          } catch (error) {
            return failed(c, f, error);
          }
        },
        (error: unknown) => failed(c, f, error),
      );
    }
    return checked(c, f, answer);
  };

  /** The answer, checked against the route's contract when responses are validated. */
  const checked = (c: Context, f: Flight, answer: unknown): Response => {
    if (validateResponses && success && !(answer instanceof RawBinary)) {
      const verdict = success.safeParse(answer instanceof RawJson ? JSON.parse(answer.text) : answer);
      if (!verdict.success) {
        logger.error(`${route.id} answered outside its contract: ${verdict.error.message}`);
        fail('INTERNAL', `the mock's answer to ${route.id} broke its contract (a bug in the mock)`);
      }
    }
    return finish(c, f, 200, answer);
  };

  /** Everything after the system key and faults: token, path, query, then body (async) and handler. */
  const afterFaults = (c: Context, f: Flight): Response | Promise<Response> => {
    const system = f.system as SystemContext;
    f.user = route.auth === 'user' ? services.auth.verify(system, readToken(c)) : undefined;
    f.params = route.params ? parseOrFail(route.params, c.req.param(), 'path') : {};
    if (hasUserParam && f.user && (f.params as { user_id?: number }).user_id !== f.user.userId) {
      fail(
        'FORBIDDEN_USER',
        `the token belongs to user ${f.user.userId}, not to user ${(f.params as { user_id: number }).user_id}`,
      );
    }
    f.query = route.query ? parseOrFail(route.query, queryObject(c), 'query') : {};
    const bodySchema = route.body;
    if (!bodySchema) return respond(c, f, {});
    requireJsonContentType(c);
    return readJsonBody(c, limit).then(
      (read) => {
        try {
          f.requestBody = read.value;
          f.requestSize = read.size;
          return respond(c, f, parseOrFail(bodySchema, read.value, 'body', route.errorShape === 'vicidial'));
        } catch (error) {
          return failed(c, f, error);
        }
      },
      (error: unknown) => failed(c, f, error),
    );
  };

  // Synchronous until something must wait (a body to read, an injected latency): a GET answers
  // without a promise, which keeps @hono/node-server on its fast path.
  const handle = (c: Context): Response | Promise<Response> => {
    const f: Flight = {
      started: performance.now(),
      wallAt: services.options.wallNow(),
      system: undefined,
      user: undefined,
      params: {},
      query: {},
      requestBody: undefined,
      requestSize: 0,
      fault: null,
    };
    try {
      f.system = authenticateSystem(c, route, services);
      const decision = omni ? services.faults(f.system).decide(route.id) : undefined;
      if (decision) {
        f.fault = decision.label;
        const go = (): Response | Promise<Response> => {
          if (decision.error) {
            fail(decision.error.code, `injected fault on ${route.id} (${decision.label})`, {
              retryAfterSeconds: decision.error.retryAfterSeconds,
              status: decision.error.status,
            });
          }
          return afterFaults(c, f);
        };
        if (decision.latencyMs > 0) {
          return new Promise<void>((r) => setTimeout(r, decision.latencyMs)).then(() => {
            try {
              return go();
            } catch (error) {
              return failed(c, f, error);
            }
          });
        }
        return go();
      }
      return afterFaults(c, f);
    } catch (error) {
      return failed(c, f, error);
    }
  };

  // Group commit (store/group-commit.ts): while a turn's writes are not yet committed, no answer
  // leaves, a write's own nor a read that may have seen it; a failed COMMIT answers 500.
  const tx = services.stores.tx;
  const afterCommit = (c: Context, response: Response): Response | Promise<Response> =>
    tx.pending()
      ? tx.durable().then(
          () => response,
          (error: unknown) => {
            logger.error(`${route.id}: the commit failed`, error);
            const answer = errorAnswer(
              { code: 'INTERNAL', detail: 'the mock could not store the change' },
              route.errorShape,
            );
            return c.json(answer.body as object, answer.status as 500);
          },
        )
      : response;
  const serve = (c: Context): Response | Promise<Response> => {
    const out = handle(c);
    return out instanceof Promise ? out.then((r) => afterCommit(c, r)) : afterCommit(c, out);
  };
  for (const path of servedPaths(route)) app[method](honoPath(path), serve);
}

function authenticateSystem(c: Context, route: RouteDef, services: MockServices): SystemContext {
  const { adminKey, originGuard } = services.options;
  // /health answers anyone: a load balancer's probe has no key and comes from anywhere.
  const open = route.path === '/health';
  if (!open) originGuard.checkHost(c);
  if (!open && !isOmni(route)) {
    originGuard.checkControlCaller(c);
    if (adminKey !== undefined) {
      const given = requestHeader(c, ADMIN_KEY_HEADER);
      if (given === undefined)
        fail('MISSING_SYSTEM_KEY', `this route needs the mock's admin key in ${ADMIN_KEY_HEADER}`);
      if (!safeEqual(given, adminKey))
        fail('INVALID_SYSTEM_KEY', `the ${ADMIN_KEY_HEADER} header is not the mock's admin key`);
    }
  }
  const key = readSystemKey(requestHeader(c, 'Authorization'), c.req.url);
  if (key.kind === 'malformed') fail('INVALID_SYSTEM_KEY', key.detail);
  if (key.kind === 'missing') {
    if (route.auth === 'system' || route.auth === 'user') {
      fail('MISSING_SYSTEM_KEY', 'send the system key as "Authorization: Key=<system key>" (or ?auth-key=)');
    }
    return services.registry.getDefault();
  }
  if (route.auth === 'admin') return services.registry.getDefault();
  const system = services.registry.get(key.key);
  if (!system) fail('INVALID_SYSTEM_KEY', 'the system key is not the key of any system of this mock');
  return system;
}

function parseOrFail(schema: z.ZodType, value: unknown, part: 'path' | 'query' | 'body', vicidial = false): unknown {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const errors = fieldErrors(parsed.error, part === 'body' ? 'body' : part);
  const where = part === 'path' ? 'path parameter' : part === 'query' ? 'query parameter' : 'body field';
  const first = errors[0];
  fail(
    'VALIDATION_FAILED',
    `invalid ${where}${errors.length > 1 ? 's' : ''}: ${first ? `${first.field} ${first.message}` : 'invalid input'}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`,
    {
      errors,
      ...(vicidial ? { rejection: vicidialRejection(parsed.error.issues, value) } : {}),
    },
  );
}

function queryObject(c: Context): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URL(c.req.url).searchParams) if (k !== 'auth-key') out[k] = v;
  return out;
}

const utf8 = new TextDecoder();

async function readJsonBody(c: Context, limit: number): Promise<{ value: unknown; size: number }> {
  const declared = Number(requestHeader(c, 'Content-Length') ?? Number.NaN);
  if (declared > limit) fail('PAYLOAD_TOO_LARGE', `the body is ${declared} bytes; this route takes at most ${limit}`);
  const buffer = await c.req.raw.arrayBuffer();
  if (buffer.byteLength > limit) {
    fail('PAYLOAD_TOO_LARGE', `the body is ${buffer.byteLength} bytes; this route takes at most ${limit}`);
  }
  const text = utf8.decode(buffer);
  if (text.trim() === '')
    fail('VALIDATION_FAILED', 'the body is empty: send a JSON object', {
      errors: [{ field: 'body', message: 'is required' }],
    });
  // Before the parse: nothing may build (or later walk) a value deeper than the limit.
  if (jsonNestsDeeperThan(new Uint8Array(buffer), MAX_JSON_DEPTH))
    fail('VALIDATION_FAILED', `the body nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep`, {
      errors: [{ field: 'body', message: `nests deeper than ${MAX_JSON_DEPTH} levels (arrays and objects)` }],
    });
  try {
    return { value: JSON.parse(text) as unknown, size: buffer.byteLength };
  } catch (error) {
    const why = error instanceof Error ? error.message : 'syntax error';
    return fail('VALIDATION_FAILED', `the body is not valid JSON: ${why}`, {
      errors: [{ field: 'body', message: `is not valid JSON (${why})` }],
    });
  }
}

function toDetails(error: unknown, route: RouteDef, logger: MockServices['options']['logger']): ErrorDetails {
  if (error instanceof RouteFailure) return error.details;
  if (error instanceof DomainError) {
    return { code: error.code, detail: error.detail, errors: error.errors, retryAfterSeconds: error.retryAfterSeconds };
  }
  const storage = storageFailure(error, logger);
  if (storage) return storage;
  logger.error(`${route.id} failed with an unexpected error`, error);
  return { code: 'INTERNAL', detail: `the mock failed while serving ${route.id} (a bug in the mock; see its log)` };
}

/** A request body as the journal keeps it: none over 64 KiB, secrets masked, bounded. */
function journalable(body: unknown, size: number): unknown {
  if (body === undefined) return null;
  if (size > JOURNAL_BODY_LIMIT) return { truncated: true, bytes: size };
  return journalSafe(body);
}
