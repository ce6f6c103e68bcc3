/**
 * Sends one method's request: credentials, one attempt after another under the retry rule, one
 * re-authorize when the token is refused, the answer parsed (and checked against the
 * contract when validation is on) or turned into its error class.
 *
 * @module
 */

import { isBinaryResponse, type RouteDef } from '@omnikit/contracts';
import type { WireZone } from '@omnikit/contracts/variants';
import type { z } from 'zod';
import type { FetchLike, OmniLogger } from '../client-options.js';
import {
  AuthenticationError,
  ConnectionError,
  RequestAbortedError,
  type RequestTarget,
  ResponseValidationError,
  type SchemaIssue,
  TimeoutError,
} from '../omni-error.js';
import type { RequestOptions } from '../route-method.js';
import { AttemptGuard, abortableSleep } from './attempt-guard.js';
import { checkNumberOption } from './check-number-option.js';
import type { DeadlineTimer } from './deadline-timer.js';
import { kindOfDetail } from './detail-phrases.js';
import { errorFromBody, errorFromResponse, isFailureBody, redirectError } from './error-from-response.js';
import { provesNeverSent } from './never-sent.js';
import { normalizeAnswer } from './normalize-answer.js';
import { type RetryPolicy, retryDelay } from './retry-policy.js';

/** A user token handed to one request; `refreshed` when getting it took a new authorize. */
export interface TokenLease {
  readonly key: string;
  readonly refreshed: boolean;
}

/** What the executor needs of a session (AgentSession implements it). */
export interface TokenSource {
  readonly userId: number;
  /** The current token, re-authorizing first when it has expired (shared by concurrent callers). */
  lease(): Promise<TokenLease>;
  /** A token to replace `rejected`; undefined when the session cannot re-authorize. */
  refresh(rejected: string): Promise<TokenLease | undefined>;
}

/** One call of one route. */
export interface Invocation {
  readonly route: RouteDef;
  /** The concrete path, parameters filled in and encoded. */
  readonly path: string;
  readonly query?: Readonly<Record<string, unknown>> | undefined;
  readonly body?: unknown;
  readonly session?: TokenSource | undefined;
  readonly options?: RequestOptions | undefined;
}

export interface ExecutorConfig {
  readonly baseUrl: string;
  readonly systemKey: string;
  /** An injected fetch, called with a Request; undefined: the global fetch, called with (url, init). */
  readonly fetch: FetchLike | undefined;
  readonly timeoutMs: number;
  readonly timer: DeadlineTimer;
  readonly retry: RetryPolicy;
  readonly logger: OmniLogger | undefined;
  readonly now: () => number;
  readonly validate: boolean;
  /** The system's time zone, for date-times Omni writes in local time. */
  readonly zone: WireZone;
  readonly sleep: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
}

export type Execute = (invocation: Invocation) => Promise<unknown>;

/**
 * Sends one route call: builds the URL and headers, runs attempts under the retry rule
 * (retry-policy.ts), re-authorizes once when the token is refused, and turns every failure into
 * its error class. Nothing here knows a route by name: everything comes from the route object.
 */
export function createRequestExecutor(config: ExecutorConfig): Execute {
  const baseUrl = config.baseUrl.replace(/\/+$/, '');
  const sleep = config.sleep ?? abortableSleep;

  return async function execute(inv) {
    const { route, session, options, path } = inv;
    const url = baseUrl + path + queryString(inv.query);
    const target: RequestTarget = { routeId: route.id, method: route.method, path };
    // Checked like the client's (check-number-option.ts): a NaN must not mean endless retries.
    const maxRetries = checkNumberOption(route.id, 'options.maxRetries', options?.maxRetries, 'retries');
    const policy = maxRetries === undefined ? config.retry : { ...config.retry, maxRetries };
    const timeoutMs =
      checkNumberOption(route.id, 'options.timeoutMs', options?.timeoutMs, 'timeout') ?? config.timeoutMs;
    const body = inv.body === undefined ? undefined : JSON.stringify(inv.body);
    let retries = 0;
    let refreshed = false;
    for (;;) {
      if (options?.signal?.aborted) throw new RequestAbortedError({ ...target, cause: options.signal.reason });
      let token: string | undefined;
      // Only routes that need a user token get one: the archive service takes the system key only.
      if (session && route.auth === 'user') {
        const lease = await session.lease();
        token = lease.key;
        refreshed ||= lease.refreshed;
      }
      try {
        return await attempt(config, route, target, url, body, token, timeoutMs, options?.signal);
      } catch (error) {
        if (session && token !== undefined && !refreshed && isTokenRefusal(error)) {
          // Once per call, never in a loop: a token refused right after a new authorize is final.
          const lease = await session.refresh(token);
          if (lease === undefined) throw error;
          refreshed = true;
          config.logger?.debug?.('omni: user token refused, re-authorized', { routeId: route.id, path });
          continue;
        }
        const delay = retryDelay(policy, route.idempotent, error, retries, config.now());
        if (delay === undefined) throw error;
        retries += 1;
        config.logger?.warn?.('omni: retrying', {
          routeId: route.id,
          path,
          retry: retries,
          delayMs: delay,
          reason: error instanceof Error ? error.message : String(error),
        });
        try {
          await sleep(delay, options?.signal);
        } catch (reason) {
          throw new RequestAbortedError({ ...target, cause: reason });
        }
      }
    }
  };
}

async function attempt(
  config: ExecutorConfig,
  route: RouteDef,
  target: RequestTarget,
  url: string,
  body: string | undefined,
  token: string | undefined,
  timeoutMs: number,
  callerSignal: AbortSignal | undefined,
): Promise<unknown> {
  const headers: Record<string, string> = { authorization: `Key=${config.systemKey}`, accept: 'application/json' };
  if (token !== undefined) headers['tokenKey'] = token;
  if (body !== undefined) headers['content-type'] = 'application/json';
  // Who is told of an abort. With a caller's signal, fetch gets the attempt's signal: the caller
  // asked for cancellation, and the HTTP exchange is torn down (a timeout then does the same).
  // Without one, the global fetch gets no signal: following a signal costs Node's fetch about
  // 15 µs per request (a listener and a GC finaliser; bench/overhead.bench.ts), half the sdk's
  // budget on a loopback call. A timeout still rejects at once (the guard races every wait), and
  // the abandoned exchange is cancelled as soon as its answer starts (else by Node's own socket
  // timeouts). An injected fetch gets a Request with the signal, and is raced too, as it may
  // ignore the signal. The global fetch takes (url, init): a Request inside a Request costs more.
  const injected = config.fetch;
  const guard = new AttemptGuard(callerSignal, timeoutMs, config.timer, injected !== undefined);
  const told = guard.signal !== undefined && injected === undefined;
  const settle = told ? <T>(p: Promise<T>) => p : <T>(p: Promise<T>) => guard.race(p);
  let sent: Promise<Response> | undefined;
  try {
    let response: Response;
    try {
      // Never follow a redirect: fetch would carry `tokenKey` to another host (it drops only
      // `Authorization` across origins), and turn a POST command into a GET on a 301/302/303
      // whose answer would pass for the command's. A 3xx is a RedirectError instead.
      const init: RequestInit = { method: route.method, headers, body: body ?? null, redirect: 'manual' };
      if (guard.signal) init.signal = guard.signal;
      sent = injected ? injected(new Request(url, init)) : globalThis.fetch(url, init);
      response = await settle(sent);
    } catch (error) {
      if (guard.timedOut() && !told) abandon(sent);
      throw failure(error, guard, callerSignal, target, timeoutMs, provesNeverSent(error));
    }
    // A browser hides a redirect it was told not to follow behind an opaque status 0.
    if (response.type === 'opaqueredirect') throw redirectError(target, 0, response.headers, undefined);
    const success = response.status >= 200 && response.status < 300;
    const spec = route.responses[response.status] ?? route.responses[200];
    // A binary route's JSON 2xx is no file: it may be a `{ success: false }` failure, read below.
    const json = /\bjson\b/i.test(response.headers.get('content-type') ?? '');
    if (success && spec && isBinaryResponse(spec) && !json) {
      try {
        return await settle(response.blob());
      } catch (error) {
        throw failure(error, guard, callerSignal, target, timeoutMs, false);
      }
    }
    let text: string;
    try {
      text = await settle(response.text());
    } catch (error) {
      throw failure(error, guard, callerSignal, target, timeoutMs, false);
    }
    if (!success) throw errorFromResponse(target, response.status, response.headers, text, config.now());
    let data: unknown;
    try {
      data = text === '' ? undefined : JSON.parse(text);
    } catch {
      throw new ResponseValidationError({
        ...target,
        status: response.status,
        issues: [{ path: '', message: 'is not JSON' }],
        body: text,
      });
    }
    // A 2xx `{ success: false, detail }` is a failure on any route, never a success.
    if (isFailureBody(data)) {
      throw errorFromBody(target, response.status, response.headers, data, text, config.now());
    }
    if (spec && isBinaryResponse(spec)) return new Blob([text], { type: response.headers.get('content-type') ?? '' });
    if (spec && !isBinaryResponse(spec)) {
      // Dates and ids in the contract's one form, whichever form Omni wrote; extra fields stay.
      data = normalizeAnswer(spec, data, config.zone);
      if (config.validate) check(spec, data, target, response.status);
    }
    return data;
  } finally {
    guard.dispose();
  }
}

function check(schema: z.ZodType, data: unknown, target: RequestTarget, status: number): void {
  const result = schema.safeParse(data);
  if (result.success) return;
  const issues: SchemaIssue[] = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  throw new ResponseValidationError({ ...target, status, issues, body: data });
}

function failure(
  error: unknown,
  guard: AttemptGuard,
  callerSignal: AbortSignal | undefined,
  target: RequestTarget,
  timeoutMs: number,
  neverSent: boolean,
): Error {
  if (guard.timedOut()) return new TimeoutError({ ...target, timeoutMs });
  if (callerSignal?.aborted) return new RequestAbortedError({ ...target, cause: callerSignal.reason });
  return new ConnectionError({ ...target, neverSent, cause: error });
}

/** Frees the connection of a timed-out request that fetch was not told to abort. */
function abandon(sent: Promise<Response> | undefined): void {
  sent?.then(
    (response) => response.body?.cancel().catch(() => {}),
    () => {},
  );
}

/**
 * A refused user token (revoked, expired, or unknown to Omni), whichever way Omni says it: the
 * code `TOKEN_EXPIRED`/`INVALID_TOKEN`; without a code (B.2's shape is inferred), a 401 or a
 * `{ success: false }` whose detail does not blame the system key, the credentials or a missing
 * token. A missing token (`MISSING_TOKEN`, or a detail saying no token was sent) is no refusal in
 * any form: the request carried the session's token, so whatever lost it on the way would lose a
 * new one too, and an authorize that cannot help may still revoke the user's other tokens
 * (`tokens=revoke-older`). Only asked of requests that sent a token, so never of the archive
 * service, whose 401 means the system key.
 */
function isTokenRefusal(error: unknown): boolean {
  if (!(error instanceof AuthenticationError)) return false;
  if (error.errorCode !== undefined) return error.errorCode === 'TOKEN_EXPIRED' || error.errorCode === 'INVALID_TOKEN';
  const kind = kindOfDetail(error.detail);
  return kind !== 'system-key' && kind !== 'credentials' && kind !== 'no-token';
}

function queryString(query: Readonly<Record<string, unknown>> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    params.append(key, String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
