import type { ErrorCode, FieldError } from '@omnikit/contracts';

/**
 * Every failure the sdk reports is an `OmniError`, one subclass per kind, so callers branch with
 * `instanceof` (they are plain ES classes: `instanceof` holds in the ESM build and across bundles
 * that share one copy of the package).
 *
 * OmniError
 * ├── ApiError                 Omni answered with an error status
 * │   ├── ValidationError      400 (`fieldErrors`; `/vicidial/*`: `leadErrors`, `leadIds`)
 * │   ├── AuthenticationError  401 (bad system key, bad/expired token, wrong credentials)
 * │   ├── PermissionError      403 (a token on another user's path; archive inside office hours;
 * │   │                          a Host or browser origin the server does not serve)
 * │   ├── NotFoundError        404
 * │   ├── InvalidStateError    409 (the current state forbids the command; `detail` names it)
 * │   ├── PayloadTooLargeError 413
 * │   ├── UnsupportedMediaTypeError 415 (a JSON body sent as another Content-Type)
 * │   ├── RateLimitError       429 (`retryAfter` seconds)
 * │   ├── ServerError          5xx
 * │   └── RedirectError        3xx: never followed (`location`)
 * ├── ConnectionError          no answer at all (`neverSent` when the request provably never left)
 * │   └── TimeoutError         no complete answer within `timeoutMs`
 * ├── RequestAbortedError      the caller's AbortSignal fired
 * ├── ResponseValidationError  a 2xx body that does not match the contract (validation on)
 * ├── NotificationParseError   a webhook body that is not a known notification
 * └── NotificationSignatureError  a webhook whose signature or timestamp does not verify
 *
 * @example
 * ```ts
 * import { OmniClient, OmniError } from '@omnikit/sdk';
 *
 * const client = new OmniClient({ baseUrl: 'http://127.0.0.1:4010', systemKey: 'omni-demo-key' });
 * try {
 *   await client.authorize('agent1', 'not the password');
 * } catch (error) {
 *   if (error instanceof OmniError) console.log(error.name, error.message); // AuthenticationError …
 *   else throw error;
 * }
 * ```
 */
export class OmniError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * Where a request went: carried by every error about a request.
 *
 * @example
 * ```ts
 * import { ApiError, ConnectionError, type RequestTarget } from '@omnikit/sdk';
 *
 * function where(target: RequestTarget): string {
 *   return `${target.method} ${target.path} (${target.routeId})`;
 * }
 * function report(error: unknown): void {
 *   if (error instanceof ApiError || error instanceof ConnectionError) console.error(where(error), error.message);
 * }
 * ```
 */
export interface RequestTarget {
  /** The contract's operation id, e.g. `getCampaign`. */
  readonly routeId: string;
  readonly method: string;
  /** The concrete path, e.g. `/omni/campaign/7`. */
  readonly path: string;
}

/**
 * What an ApiError is made of: the request it answers and what the answer said.
 *
 * @example
 * ```ts
 * import { type ApiErrorInit, NotFoundError } from '@omnikit/sdk';
 *
 * // A stand-in for the sdk in your own tests throws what the real one would.
 * const init: ApiErrorInit = {
 *   routeId: 'getCampaign',
 *   method: 'GET',
 *   path: '/omni/campaign/99',
 *   status: 404,
 *   errorCode: 'NOT_FOUND',
 *   detail: 'campaign 99 does not exist',
 *   body: {},
 *   headers: new Headers(),
 * };
 * const notFound = new NotFoundError(init);
 * ```
 */
export interface ApiErrorInit extends RequestTarget {
  readonly status: number;
  /** The wire `error_code` (B.2); undefined for `/vicidial/*` answers and non-Omni bodies. */
  readonly errorCode: ErrorCode | undefined;
  readonly detail: string;
  readonly fieldErrors?: readonly FieldError[];
  /** `/vicidial/*` 400: how many ids were wrong, and which (A.7). */
  readonly leadErrors?: number;
  readonly leadIds?: readonly unknown[];
  /** The parsed error body as received (or its text when it was not JSON). */
  readonly body: unknown;
  readonly headers: Headers;
}

/**
 * Omni answered with an HTTP error status.
 *
 * @example
 * ```ts
 * import { ApiError, OmniClient } from '@omnikit/sdk';
 *
 * const client = new OmniClient({ baseUrl: 'http://127.0.0.1:4010', systemKey: 'omni-demo-key' });
 * const omni = client.withSession(await client.authorize('agent1', 'password1'));
 * try {
 *   await omni.campaigns.get(99);
 * } catch (error) {
 *   if (error instanceof ApiError) console.log(error.status, error.errorCode, error.detail); // 404 NOT_FOUND …
 *   else throw error;
 * }
 * ```
 */
export class ApiError extends OmniError implements RequestTarget {
  readonly status: number;
  readonly errorCode: ErrorCode | undefined;
  readonly detail: string;
  readonly fieldErrors: readonly FieldError[];
  readonly leadErrors: number | undefined;
  readonly leadIds: readonly unknown[] | undefined;
  readonly routeId: string;
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
  readonly headers: Headers;

  constructor(init: ApiErrorInit) {
    const code = init.errorCode ? ` ${init.errorCode}` : '';
    super(`${init.method} ${init.path} failed with ${init.status}${code}: ${init.detail}`);
    this.status = init.status;
    this.errorCode = init.errorCode;
    this.detail = init.detail;
    this.fieldErrors = init.fieldErrors ?? [];
    this.leadErrors = init.leadErrors;
    this.leadIds = init.leadIds;
    this.routeId = init.routeId;
    this.method = init.method;
    this.path = init.path;
    this.body = init.body;
    this.headers = init.headers;
  }
}

/**
 * 400: the request broke the contract; `fieldErrors` names each offending field.
 *
 * @example
 * ```ts
 * import { OmniClient, ValidationError } from '@omnikit/sdk';
 *
 * const client = new OmniClient({ baseUrl: 'http://127.0.0.1:4010', systemKey: 'omni-demo-key' });
 * const omni = client.withSession(await client.authorize('agent1', 'password1'));
 * try {
 *   await omni.campaigns.update(1, { max_lines: 0 });
 * } catch (error) {
 *   if (error instanceof ValidationError) {
 *     for (const field of error.fieldErrors) console.log(field.field, field.message); // max_lines …
 *   }
 *   else throw error;
 * }
 * ```
 */
export class ValidationError extends ApiError {}
/**
 * 401: missing/invalid system key, missing/invalid/expired user token, or wrong credentials.
 *
 * @example
 * ```ts
 * import { AuthenticationError, OmniClient } from '@omnikit/sdk';
 *
 * const client = new OmniClient({ baseUrl: 'http://127.0.0.1:4010', systemKey: 'omni-demo-key' });
 * try {
 *   await client.authorize('agent1', 'not the password');
 * } catch (error) {
 *   if (error instanceof AuthenticationError) console.log('wrong user name or password');
 *   else throw error;
 * }
 * ```
 */
export class AuthenticationError extends ApiError {}
/**
 * 403: a token used on another user's path, an archive inside office hours, or a `Host`/origin
 * the server does not serve.
 *
 * @example
 * ```ts
 * import { OmniClient, PermissionError } from '@omnikit/sdk';
 *
 * const client = new OmniClient({ baseUrl: 'http://127.0.0.1:4010', systemKey: 'omni-demo-key' });
 * try {
 *   await client.archive.archive({ insert_leads: true, update_leads: true, delete_leads: true, lead_ids: [351] });
 * } catch (error) {
 *   if (error instanceof PermissionError) console.log('archiving waits until office hours are over');
 *   else throw error;
 * }
 * ```
 */
export class PermissionError extends ApiError {}
/**
 * 404: an unknown id in the path or the body, or an unknown route.
 *
 * @example
 * ```ts
 * import { NotFoundError, OmniClient } from '@omnikit/sdk';
 *
 * const client = new OmniClient({ baseUrl: 'http://127.0.0.1:4010', systemKey: 'omni-demo-key' });
 * const omni = client.withSession(await client.authorize('agent1', 'password1'));
 * try {
 *   await omni.campaigns.get(99);
 * } catch (error) {
 *   if (error instanceof NotFoundError) console.log('no campaign 99');
 *   else throw error;
 * }
 * ```
 */
export class NotFoundError extends ApiError {}
/**
 * 409: the current state forbids the command (`INVALID_STATE`, `EXTENSION_NOT_REGISTERED`, `AGENT_NOT_LOGGED_IN`).
 *
 * @example
 * ```ts
 * import { InvalidStateError, OmniClient } from '@omnikit/sdk';
 *
 * const client = new OmniClient({ baseUrl: 'http://127.0.0.1:4010', systemKey: 'omni-demo-key' });
 * const agent = client.agent(await client.authorize('agent1', 'password1'));
 * try {
 *   await agent.state({ state: 'ready' }); // before agent.login(…)
 * } catch (error) {
 *   if (error instanceof InvalidStateError) console.log(error.detail); // why the state forbids it
 *   else throw error;
 * }
 * ```
 */
export class InvalidStateError extends ApiError {}
/**
 * 413: the body is over the server's limit.
 *
 * @example
 * ```ts
 * import { OmniClient, PayloadTooLargeError } from '@omnikit/sdk';
 *
 * const client = new OmniClient({ baseUrl: 'http://127.0.0.1:4010', systemKey: 'omni-demo-key' });
 * const agent = client.agent(await client.authorize('agent1', 'password1'));
 * const rows = Array.from({ length: 200_000 }, (_, i) => ({ phone_number_1: `08${String(i).padStart(8, '0')}` }));
 * try {
 *   await agent.leads.bulkUpload({ list_id: 1, dnc_check: true, deduplication: true, leads: rows });
 * } catch (error) {
 *   if (error instanceof PayloadTooLargeError) console.log('upload the leads in smaller batches');
 *   else throw error;
 * }
 * ```
 */
export class PayloadTooLargeError extends ApiError {}
/**
 * 415: a body sent without `Content-Type: application/json` (the sdk always sends it).
 *
 * @example
 * ```ts
 * import { OmniClient, UnsupportedMediaTypeError } from '@omnikit/sdk';
 *
 * const client = new OmniClient({ baseUrl: 'http://127.0.0.1:4010', systemKey: 'omni-demo-key' });
 * const omni = client.withSession(await client.authorize('agent1', 'password1'));
 * try {
 *   await omni.campaigns.get(1);
 * } catch (error) {
 *   // The sdk sends JSON as JSON: this comes from something in between rewriting the request.
 *   if (error instanceof UnsupportedMediaTypeError) console.log('a proxy changed the Content-Type');
 *   else throw error;
 * }
 * ```
 */
export class UnsupportedMediaTypeError extends ApiError {}
/**
 * 5xx: Omni failed.
 *
 * @example
 * ```ts
 * import { OmniClient, ServerError } from '@omnikit/sdk';
 *
 * const client = new OmniClient({ baseUrl: 'http://127.0.0.1:4010', systemKey: 'omni-demo-key' });
 * const omni = client.withSession(await client.authorize('agent1', 'password1'));
 * try {
 *   await omni.campaigns.list();
 * } catch (error) {
 *   if (error instanceof ServerError) console.log('Omni failed:', error.status, error.detail);
 *   else throw error;
 * }
 * ```
 */
export class ServerError extends ApiError {}

/**
 * 3xx: Omni, or something in front of it (a load balancer, a maintenance page, a login proxy),
 * answered a redirect. The sdk never follows one: a redirect to another host would carry the user
 * token there (fetch drops `Authorization` across origins, not `tokenKey`), and a 301/302/303 turns
 * a POST command into a GET whose answer would pass for the command's. It is thrown, never retried
 * (a call or a hold may have reached Omni); `location` says where the redirect pointed, usually a
 * sign that `baseUrl` is not Omni's own address (`http` where Omni serves `https`, a missing path).
 * In a browser fetch hides the redirect: `status` is 0 and `location` undefined.
 *
 * @example
 * ```ts
 * import { OmniClient, RedirectError } from '@omnikit/sdk';
 *
 * const client = new OmniClient({ baseUrl: 'http://127.0.0.1:4010', systemKey: 'omni-demo-key' });
 * try {
 *   await client.authorize('agent1', 'password1');
 * } catch (error) {
 *   if (error instanceof RedirectError) console.log('baseUrl redirects to', error.location); // e.g. https://…
 *   else throw error;
 * }
 * ```
 */
export class RedirectError extends ApiError {
  /** The `Location` header as Omni sent it; undefined when there was none (or a browser hid it). */
  readonly location: string | undefined;
  constructor(init: ApiErrorInit & { location: string | undefined }) {
    super(init);
    this.location = init.location;
  }
}

/**
 * 429: too many requests; `retryAfter` is the server's `Retry-After` in seconds, when it sent one.
 *
 * @example
 * ```ts
 * import { OmniClient, RateLimitError } from '@omnikit/sdk';
 *
 * const client = new OmniClient({ baseUrl: 'http://127.0.0.1:4010', systemKey: 'omni-demo-key' });
 * const omni = client.withSession(await client.authorize('agent1', 'password1'));
 * try {
 *   await omni.campaigns.list();
 * } catch (error) {
 *   if (error instanceof RateLimitError) console.log('try again in', error.retryAfter ?? 'a while', 'seconds');
 *   else throw error;
 * }
 * ```
 */
export class RateLimitError extends ApiError {
  readonly retryAfter: number | undefined;
  constructor(init: ApiErrorInit & { retryAfter: number | undefined }) {
    super(init);
    this.retryAfter = init.retryAfter;
  }
}

/**
 * No HTTP answer: DNS, refused, reset, TLS… `neverSent` is true only when the request provably never left.
 *
 * @example
 * ```ts
 * import { ConnectionError, OmniClient } from '@omnikit/sdk';
 *
 * const client = new OmniClient({ baseUrl: 'http://127.0.0.1:1', systemKey: 'omni-demo-key' });
 * try {
 *   await client.authorize('agent1', 'password1');
 * } catch (error) {
 *   if (error instanceof ConnectionError) console.log('no answer; never sent:', error.neverSent); // true: refused
 *   else throw error;
 * }
 * ```
 */
export class ConnectionError extends OmniError implements RequestTarget {
  readonly routeId: string;
  readonly method: string;
  readonly path: string;
  /** True when the failure proves no byte reached the server (connection refused, unknown host). */
  readonly neverSent: boolean;

  constructor(target: RequestTarget & { neverSent: boolean; message?: string; cause?: unknown }) {
    super(
      target.message ?? `${target.method} ${target.path} failed: no connection to Omni (${describe(target.cause)})`,
      {
        cause: target.cause,
      },
    );
    this.routeId = target.routeId;
    this.method = target.method;
    this.path = target.path;
    this.neverSent = target.neverSent;
  }
}

/**
 * No complete answer within the timeout. The request may have reached Omni.
 *
 * @example
 * ```ts
 * import { OmniClient, TimeoutError } from '@omnikit/sdk';
 *
 * const client = new OmniClient({ baseUrl: 'http://127.0.0.1:4010', systemKey: 'omni-demo-key' });
 * const omni = client.withSession(await client.authorize('agent1', 'password1'));
 * try {
 *   await omni.campaigns.list({ timeoutMs: 1 });
 * } catch (error) {
 *   if (error instanceof TimeoutError) console.log('no answer within', error.timeoutMs, 'ms');
 *   else throw error;
 * }
 * ```
 */
export class TimeoutError extends ConnectionError {
  readonly timeoutMs: number;
  constructor(target: RequestTarget & { timeoutMs: number }) {
    super({
      ...target,
      neverSent: false,
      message: `${target.method} ${target.path} timed out after ${target.timeoutMs} ms`,
    });
    this.timeoutMs = target.timeoutMs;
  }
}

/**
 * The caller's AbortSignal fired; `cause` is the signal's reason.
 *
 * @example
 * ```ts
 * import { OmniClient, RequestAbortedError } from '@omnikit/sdk';
 *
 * const client = new OmniClient({ baseUrl: 'http://127.0.0.1:4010', systemKey: 'omni-demo-key' });
 * const omni = client.withSession(await client.authorize('agent1', 'password1'));
 * const controller = new AbortController();
 * setTimeout(() => controller.abort(), 100);
 * try {
 *   await omni.campaigns.list({ signal: controller.signal });
 * } catch (error) {
 *   if (error instanceof RequestAbortedError) console.log('cancelled', error.routeId);
 *   else throw error;
 * }
 * ```
 */
export class RequestAbortedError extends OmniError implements RequestTarget {
  readonly routeId: string;
  readonly method: string;
  readonly path: string;
  constructor(target: RequestTarget & { cause: unknown }) {
    super(`${target.method} ${target.path} was aborted`, { cause: target.cause });
    this.routeId = target.routeId;
    this.method = target.method;
    this.path = target.path;
  }
}

/**
 * One way a body broke its schema.
 *
 * @example
 * ```ts
 * import { NotificationParseError, parseNotification, type SchemaIssue } from '@omnikit/sdk';
 *
 * const body = '{"type":"cdr","payload":{}}';
 * try {
 *   parseNotification(body);
 * } catch (error) {
 *   if (error instanceof NotificationParseError) {
 *     const issues: readonly SchemaIssue[] = error.issues;
 *     for (const issue of issues) console.log(issue.path, issue.message);
 *   }
 *   else throw error;
 * }
 * ```
 */
export interface SchemaIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * A 2xx body that does not match the contract (only with `validateResponses`).
 *
 * @example
 * ```ts
 * import { OmniClient, ResponseValidationError } from '@omnikit/sdk';
 *
 * const client = new OmniClient({
 *   baseUrl: 'http://127.0.0.1:4010',
 *   systemKey: 'omni-demo-key',
 *   validateResponses: true,
 * });
 * const omni = client.withSession(await client.authorize('agent1', 'password1'));
 * try {
 *   await omni.campaigns.get(1);
 * } catch (error) {
 *   if (error instanceof ResponseValidationError) console.log(error.routeId, error.issues);
 *   else throw error;
 * }
 * ```
 */
export class ResponseValidationError extends OmniError implements RequestTarget {
  readonly routeId: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly issues: readonly SchemaIssue[];
  readonly body: unknown;
  constructor(target: RequestTarget & { status: number; issues: readonly SchemaIssue[]; body: unknown }) {
    const first = target.issues[0];
    const where = first ? ` (${first.path || 'body'}: ${first.message})` : '';
    super(`${target.method} ${target.path} answered ${target.status} with a body that breaks the contract${where}`);
    this.routeId = target.routeId;
    this.method = target.method;
    this.path = target.path;
    this.status = target.status;
    this.issues = target.issues;
    this.body = target.body;
  }
}

/**
 * A webhook body that is not JSON or not one of the known notifications.
 *
 * @example
 * ```ts
 * import { NotificationParseError, parseNotification } from '@omnikit/sdk';
 *
 * try {
 *   parseNotification('not JSON');
 * } catch (error) {
 *   if (error instanceof NotificationParseError) console.log(error.message); // the notification body is not JSON
 *   else throw error;
 * }
 * ```
 */
export class NotificationParseError extends OmniError {
  readonly issues: readonly SchemaIssue[];
  constructor(message: string, issues: readonly SchemaIssue[] = []) {
    super(message);
    this.issues = issues;
  }
}

/**
 * Why a webhook delivery failed verification.
 *
 * @example
 * ```ts
 * import { NotificationSignatureError, type SignatureFailure } from '@omnikit/sdk';
 *
 * // A stale timestamp is usually a clock problem on one side, not a forgery.
 * function isClockSkew(reason: SignatureFailure): boolean {
 *   return reason === 'stale_timestamp';
 * }
 * function explain(error: unknown): string {
 *   return error instanceof NotificationSignatureError && isClockSkew(error.reason) ? 'check the clocks' : 'refused';
 * }
 * ```
 */
export type SignatureFailure =
  | 'missing_signature'
  | 'malformed_signature'
  | 'missing_timestamp'
  | 'malformed_timestamp'
  | 'stale_timestamp'
  | 'mismatch';

/**
 * A webhook whose `X-Omni-Signature` or `X-Omni-Timestamp` does not verify.
 *
 * @example
 * ```ts
 * import { NotificationSignatureError, verifyNotification } from '@omnikit/sdk';
 *
 * const body = '{"type":"cdr","payload":{}}';
 * try {
 *   await verifyNotification(body, { 'X-Omni-Timestamp': '1700000000' }, 'a-long-random-secret');
 * } catch (error) {
 *   if (error instanceof NotificationSignatureError) console.log(error.reason); // missing_signature
 *   else throw error;
 * }
 * ```
 */
export class NotificationSignatureError extends OmniError {
  readonly reason: SignatureFailure;
  constructor(reason: SignatureFailure, message: string) {
    super(message);
    this.reason = reason;
  }
}

function describe(cause: unknown): string {
  if (cause instanceof Error) {
    const code = (cause.cause as { code?: unknown } | undefined)?.code;
    return typeof code === 'string' ? `${cause.message}: ${code}` : cause.message;
  }
  return String(cause);
}
