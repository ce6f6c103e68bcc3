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
 * │   └── ServerError          5xx
 * ├── ConnectionError          no answer at all (`neverSent` when the request provably never left)
 * │   └── TimeoutError         no complete answer within `timeoutMs`
 * ├── RequestAbortedError      the caller's AbortSignal fired
 * ├── ResponseValidationError  a 2xx body that does not match the contract (validation on)
 * ├── NotificationParseError   a webhook body that is not a known notification
 * └── NotificationSignatureError  a webhook whose signature or timestamp does not verify
 */
export class OmniError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Where a request went: carried by every error about a request. */
export interface RequestTarget {
  /** The contract's operation id, e.g. `getCampaign`. */
  readonly routeId: string;
  readonly method: string;
  /** The concrete path, e.g. `/omni/campaign/7`. */
  readonly path: string;
}

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

/** Omni answered with an HTTP error status. */
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

/** 400: the request broke the contract; `fieldErrors` names each offending field. */
export class ValidationError extends ApiError {}
/** 401: missing/invalid system key, missing/invalid/expired user token, or wrong credentials. */
export class AuthenticationError extends ApiError {}
/** 403: a token used on another user's path, an archive inside office hours, or a `Host`/origin the server does not serve. */
export class PermissionError extends ApiError {}
/** 404: an unknown id in the path or the body, or an unknown route. */
export class NotFoundError extends ApiError {}
/** 409: the current state forbids the command (`INVALID_STATE`, `EXTENSION_NOT_REGISTERED`, `AGENT_NOT_LOGGED_IN`). */
export class InvalidStateError extends ApiError {}
/** 413: the body is over the server's limit. */
export class PayloadTooLargeError extends ApiError {}
/** 415: a body sent without `Content-Type: application/json` (the sdk always sends it). */
export class UnsupportedMediaTypeError extends ApiError {}
/** 5xx: Omni failed. */
export class ServerError extends ApiError {}

/** 429: too many requests; `retryAfter` is the server's `Retry-After` in seconds, when it sent one. */
export class RateLimitError extends ApiError {
  readonly retryAfter: number | undefined;
  constructor(init: ApiErrorInit & { retryAfter: number | undefined }) {
    super(init);
    this.retryAfter = init.retryAfter;
  }
}

/** No HTTP answer: DNS, refused, reset, TLS… `neverSent` is true only when the request provably never left. */
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

/** No complete answer within the timeout. The request may have reached Omni. */
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

/** The caller's AbortSignal fired; `cause` is the signal's reason. */
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

/** One way a body broke its schema. */
export interface SchemaIssue {
  readonly path: string;
  readonly message: string;
}

/** A 2xx body that does not match the contract (only with `validateResponses`). */
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

/** A webhook body that is not JSON or not one of the known notifications. */
export class NotificationParseError extends OmniError {
  readonly issues: readonly SchemaIssue[];
  constructor(message: string, issues: readonly SchemaIssue[] = []) {
    super(message);
    this.issues = issues;
  }
}

/** Why a webhook delivery failed verification. */
export type SignatureFailure =
  | 'missing_signature'
  | 'malformed_signature'
  | 'missing_timestamp'
  | 'malformed_timestamp'
  | 'stale_timestamp'
  | 'mismatch';

/** A webhook whose `X-Omni-Signature` or `X-Omni-Timestamp` does not verify. */
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
