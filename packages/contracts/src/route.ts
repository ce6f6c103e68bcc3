/**
 * A route is data (ARCHITECTURE.md): the mock turns it into a validated handler, the sdk into a
 * typed method, the OpenAPI generator into an operation. Nothing else writes a wire shape.
 *
 * @module
 */

import { z } from 'zod';
import { ERROR_STATUS, type ErrorCode, errorBody } from './errors.js';
import type { Source } from './source.js';
import { vicidialErrorBody } from './vicidial-bodies.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * Which credentials a route needs (A.2/A.3): every route needs the system key; every route but
 * authorize also needs a user's `tokenKey`. The mock's control API adds two kinds: `control` (the
 * system key is optional and names the system acted on, the default one when absent) and `admin`
 * (the mock's admin key, when it has one).
 */
export type Auth = 'system' | 'user' | 'control' | 'admin';

/** The sdk's grouping; `agent` routes act on the token's own user (`{user_id}` in the path). */
export type RouteGroup =
  | 'auth'
  | 'users'
  | 'agent'
  | 'calls'
  | 'shotgun'
  | 'preview'
  | 'campaigns'
  | 'lists'
  | 'leads'
  | 'archive'
  | 'notifications'
  | 'recordings'
  | 'messaging';

/** The mock's control API groups (`/__mock/*`, never in the sdk). */
export type ControlGroup =
  | 'mock-systems'
  | 'mock-clock'
  | 'mock-users'
  | 'mock-dnc'
  | 'mock-office-hours'
  | 'mock-journal'
  | 'mock-faults'
  | 'mock-health'
  | 'mock-phones'
  | 'mock-callee-rules'
  | 'mock-webhooks'
  | 'mock-dialler'
  | 'mock-messaging';

/** A non-JSON response body (a recording's WAV). */
export interface BinaryResponse {
  readonly kind: 'binary';
  readonly contentType: string;
  readonly description: string;
}

export type ResponseSpec = z.ZodType | BinaryResponse;

/** Which error shape a route answers with: Omni's (B.2) or the `/vicidial/*` one (A.7). */
export type ErrorShape = 'omni' | 'vicidial';

export interface RouteInput {
  /** Stable operation id, also the sdk method's name. */
  readonly id: string;
  readonly method: HttpMethod;
  /** OpenAPI-style path with `{param}` placeholders. */
  readonly path: string;
  readonly group: RouteGroup | ControlGroup;
  readonly summary: string;
  readonly description?: string;
  /** The route's own source, the default of its fields and responses (source.ts has the rule). */
  readonly source: Source;
  /** The wiki page a documented route comes from. */
  readonly page?: string;
  /** Safe to repeat: the sdk retries only these on 429/5xx/timeouts (B.1). */
  readonly idempotent: boolean;
  /** An older documented alias: served, marked deprecated, never used by the sdk. */
  readonly deprecated?: { readonly use: string };
  readonly auth: Auth;
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
  /** Success responses by status. */
  readonly responses: Readonly<Record<number, ResponseSpec>>;
  /** Error codes this route can answer with beyond the ones every route of its kind has. */
  readonly errors?: readonly ErrorCode[];
  readonly errorShape?: ErrorShape;
  /** Per-status error bodies that replace the default shape (the vicidial 400). */
  readonly errorBodies?: Readonly<Record<number, z.ZodType>>;
  /** Error statuses whose answer TForge documents; every other error response is inferred (B.2). */
  readonly documentedErrors?: readonly number[];
}

export interface RouteDef extends RouteInput {
  /**
   * The credential headers the route takes, by their names on the wire (A.2): the system key as
   * `Authorization: Key=<key>` (or the `auth-key` query parameter instead), and `tokenKey` on every
   * route but authorize. The mock's control routes take an optional system key and, for `admin`
   * routes, the mock's admin key.
   */
  readonly headers: z.ZodObject;
  readonly errorShape: ErrorShape;
  /** Every error code the route may answer with, the common ones included. */
  readonly errorCodes: readonly ErrorCode[];
}

const systemKeyHeader = z
  .string()
  .regex(/^Key=\S+$/, 'must be "Key=<system key>"')
  .meta({ description: 'The system key: `Key=<system key>`. The `auth-key` query parameter may stand in for it.' });
const tokenKeyHeader = z.string().min(1).meta({ description: 'A user token from authorize.' });
/** The mock's admin-key header (`ADMIN_KEY_HEADER` in the control contract). */
const ADMIN_HEADER = 'X-Mock-Admin-Key';

const HEADERS: Record<Auth, z.ZodObject> = {
  system: z.object({ Authorization: systemKeyHeader.optional() }),
  user: z.object({ Authorization: systemKeyHeader.optional(), tokenKey: tokenKeyHeader }),
  control: z.object({ Authorization: systemKeyHeader.optional(), [ADMIN_HEADER]: z.string().min(1).optional() }),
  admin: z.object({ Authorization: systemKeyHeader.optional(), [ADMIN_HEADER]: z.string().min(1).optional() }),
};

/** Path parameters' names, in order, from a `{param}` path. */
export function pathParamNames(path: string): string[] {
  return [...path.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1] as string);
}

/**
 * Completes a route with the errors every route of its kind can produce: authentication,
 * validation for any input, `NOT_FOUND` for path ids, `FORBIDDEN_USER` on a `{user_id}` path,
 * `PAYLOAD_TOO_LARGE` and `UNSUPPORTED_MEDIA_TYPE` with a body, `FORBIDDEN_ORIGIN` (a `Host` not
 * served, a cross-site page), `RATE_LIMITED`, `INTERNAL` and
 * `SERVICE_UNAVAILABLE` everywhere. A route that takes no body but is no GET (hold, hangup, a DELETE) may
 * still be sent one: declared JSON, it must be JSON (`VALIDATION_FAILED`) within the size limit
 * (`PAYLOAD_TOO_LARGE`), inferred.
 */
export function defineRoute<const R extends RouteInput>(input: R): R & RouteDef {
  const codes = new Set<ErrorCode>(
    // The admin key guards every control route but `/health` when the mock has one.
    input.auth === 'control' && input.path === '/health'
      ? ['INVALID_SYSTEM_KEY']
      : ['MISSING_SYSTEM_KEY', 'INVALID_SYSTEM_KEY'],
  );
  if (input.auth === 'user') for (const c of ['MISSING_TOKEN', 'INVALID_TOKEN', 'TOKEN_EXPIRED'] as const) codes.add(c);
  // Content a route may be sent: its body, or one it ignores but still reads when declared JSON (not on a GET).
  const content = input.body !== undefined || input.method !== 'GET';
  if (input.params || input.query || content) codes.add('VALIDATION_FAILED');
  if (input.params) codes.add('NOT_FOUND');
  if (pathParamNames(input.path).includes('user_id')) codes.add('FORBIDDEN_USER');
  if (content) codes.add('PAYLOAD_TOO_LARGE');
  if (input.body) codes.add('UNSUPPORTED_MEDIA_TYPE');
  codes.add('FORBIDDEN_ORIGIN');
  for (const c of input.errors ?? []) codes.add(c);
  codes.add('RATE_LIMITED');
  codes.add('INTERNAL');
  codes.add('SERVICE_UNAVAILABLE');
  const order = Object.keys(ERROR_STATUS) as ErrorCode[];
  return {
    errorShape: 'omni',
    ...input,
    headers: HEADERS[input.auth],
    errorCodes: order.filter((c) => codes.has(c)),
  };
}

/** The error body schema a route answers `status` with. */
export function errorSchemaFor(route: RouteDef, status: number): z.ZodType {
  const special = route.errorBodies?.[status];
  if (special) return special;
  return route.errorShape === 'vicidial' ? vicidialErrorBody : errorBody;
}

/** Every error status a route can answer with. */
export function errorStatuses(route: RouteDef): number[] {
  return [...new Set(route.errorCodes.map((c) => ERROR_STATUS[c]))].sort((a, b) => a - b);
}

export function isBinaryResponse(spec: ResponseSpec): spec is BinaryResponse {
  return typeof spec === 'object' && spec !== null && (spec as BinaryResponse).kind === 'binary';
}

/** Fills a `{param}` path with values. */
export function buildPath(path: string, params: Record<string, string | number>): string {
  return path.replace(/\{([a-z_]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`path parameter ${name} is missing for ${path}`);
    return encodeURIComponent(String(value));
  });
}
