import { ERROR_CODES, ERROR_STATUS, type ErrorCode, type FieldError, routes } from '@omnikit/contracts';
import {
  ApiError,
  type ApiErrorInit,
  AuthenticationError,
  InvalidStateError,
  NotFoundError,
  PayloadTooLargeError,
  PermissionError,
  RateLimitError,
  RedirectError,
  type RequestTarget,
  ServerError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../omni-error.js';
import { type FailureKind, kindOfDetail } from './detail-phrases.js';
import { messagingRuleOf, RULE_CLASSES } from './messaging-rule.js';
import { parseRetryAfter } from './retry-policy.js';

const KNOWN_CODES = new Set<string>(ERROR_CODES);

/** The class of each failure kind of the phrase table (detail-phrases.ts). */
const KIND_CLASS: Record<Exclude<FailureKind, 'rate-limited'>, new (init: ApiErrorInit) => ApiError> = {
  validation: ValidationError,
  'system-key': AuthenticationError,
  credentials: AuthenticationError,
  'no-token': AuthenticationError,
  token: AuthenticationError,
  permission: PermissionError,
  'not-found': NotFoundError,
  state: InvalidStateError,
  'too-large': PayloadTooLargeError,
  'media-type': UnsupportedMediaTypeError,
  server: ServerError,
};

/**
 * Turns an error answer into its error class. Omni may say what failed three ways, and the same
 * class comes out of each:
 * - `coded`: the status and `{ detail, error_code, errors }` (B.2), or the `/vicidial/*`
 *   `{ message, http_code, lead_errors, lead_ids }` (A.7): the class follows the status;
 * - `status-only`: the status, `{ success: false, detail }`: the class follows the status;
 * - `ok-false`: a 2xx with `{ success: false, detail }` (the documented command shape), and the
 *   coded body's `errors` where it has them: the class follows the `detail` (detail-phrases.ts),
 *   then the route (a failed authorize is a refused login), then the headers (a `Retry-After` is a
 *   rate limit); else the base `ApiError`.
 * `status` and `errorCode` stay what the wire said (a 2xx, no code, under `ok-false`); `fieldErrors`
 * is the body's `errors` in every form that sends them.
 */
export function errorFromResponse(
  target: RequestTarget,
  status: number,
  headers: Headers,
  text: string,
  now: number,
): ApiError {
  return errorFromBody(target, status, headers, parseJson(text), text, now);
}

/** As `errorFromResponse`, for a body already parsed (a 2xx `{ success: false }` answer). */
export function errorFromBody(
  target: RequestTarget,
  status: number,
  headers: Headers,
  body: unknown,
  text: string,
  now: number,
): ApiError {
  if (status >= 300 && status < 400) return redirectError(target, status, headers, body);
  const init: ApiErrorInit = { ...target, status, headers, body, ...readBody(body, text, status) };
  const retryAfter = () => parseRetryAfter(headers.get('retry-after'), now);
  // An error status decides (as before); a 2xx failure that still names its code takes the code's.
  const classStatus = status >= 300 ? status : init.errorCode ? ERROR_STATUS[init.errorCode] : undefined;
  // A messaging rule's refusal is its own subclass of the status's class, by code or by detail.
  const rule = messagingRuleOf(init.errorCode, init.detail);
  const ruleClass = rule === undefined ? undefined : RULE_CLASSES[rule];
  if (ruleClass && (classStatus === undefined || classStatus === ruleClass.status)) return ruleClass.make(init);
  if (classStatus !== undefined) {
    if (classStatus === 400) return new ValidationError(init);
    if (classStatus === 401) return new AuthenticationError(init);
    if (classStatus === 403) return new PermissionError(init);
    if (classStatus === 404) return new NotFoundError(init);
    if (classStatus === 409) return new InvalidStateError(init);
    if (classStatus === 413) return new PayloadTooLargeError(init);
    if (classStatus === 415) return new UnsupportedMediaTypeError(init);
    if (classStatus === 429) return new RateLimitError({ ...init, retryAfter: retryAfter() });
    if (classStatus >= 500) return new ServerError(init);
    return new ApiError(init);
  }
  const kind = kindOfDetail(init.detail);
  if (kind === 'rate-limited') return new RateLimitError({ ...init, retryAfter: retryAfter() });
  if (kind) return new KIND_CLASS[kind](init);
  if (target.routeId === routes.authorize.id) return new AuthenticationError(init);
  if (headers.has('retry-after')) return new RateLimitError({ ...init, retryAfter: retryAfter() });
  return new ApiError(init);
}

/**
 * A redirect, which the sdk never follows (request-executor.ts sends `redirect: 'manual'`): where
 * it pointed is the useful part, whatever the body says. Status 0 is a browser's opaque redirect.
 */
export function redirectError(target: RequestTarget, status: number, headers: Headers, body: unknown): RedirectError {
  const location = headers.get('location') ?? undefined;
  const where = location === undefined ? 'a redirect' : `a redirect to ${location}`;
  return new RedirectError({
    ...target,
    status,
    headers,
    body,
    errorCode: undefined,
    detail: `Omni answered ${where}, which the sdk does not follow (is baseUrl Omni's own address?)`,
    location,
  });
}

/** A 2xx answer that is a failure all the same: `{ success: false, … }` on any route. */
export function isFailureBody(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as { success?: unknown }).success === false;
}

type BodyFields = Pick<ApiErrorInit, 'errorCode' | 'detail' | 'fieldErrors' | 'leadErrors' | 'leadIds'>;

function readBody(body: unknown, text: string, status: number): BodyFields {
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    const b = body as Record<string, unknown>;
    const errorCode =
      typeof b['error_code'] === 'string' && KNOWN_CODES.has(b['error_code'])
        ? (b['error_code'] as ErrorCode)
        : undefined;
    const detail =
      typeof b['detail'] === 'string'
        ? b['detail']
        : typeof b['message'] === 'string'
          ? b['message']
          : fallback(text, status);
    return {
      errorCode,
      detail,
      fieldErrors: readFieldErrors(b['errors']),
      leadErrors: typeof b['lead_errors'] === 'number' ? b['lead_errors'] : undefined,
      leadIds: Array.isArray(b['lead_ids']) ? b['lead_ids'] : undefined,
    };
  }
  return { errorCode: undefined, detail: fallback(text, status) };
}

function readFieldErrors(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return [];
  const out: FieldError[] = [];
  for (const item of value) {
    if (typeof item !== 'object' || item === null) continue;
    const { field, message } = item as { field?: unknown; message?: unknown };
    if (typeof field === 'string' && typeof message === 'string') out.push({ field, message });
  }
  return out;
}

function fallback(text: string, status: number): string {
  const trimmed = text.trim();
  if (trimmed === '') return `HTTP ${status} with an empty body`;
  return trimmed.length > 200 ? `${trimmed.slice(0, 200)}…` : trimmed;
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
