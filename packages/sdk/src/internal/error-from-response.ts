import { ERROR_CODES, type ErrorCode, type FieldError } from '@omnikit/contracts';
import {
  ApiError,
  type ApiErrorInit,
  AuthenticationError,
  InvalidStateError,
  NotFoundError,
  PayloadTooLargeError,
  PermissionError,
  RateLimitError,
  type RequestTarget,
  ServerError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../omni-error.js';
import { parseRetryAfter } from './retry-policy.js';

const KNOWN_CODES = new Set<string>(ERROR_CODES);

/**
 * Turns an error answer into its error class. The class follows the HTTP status (the contracts'
 * one table maps every `error_code` to one status); the body may be Omni's `{ detail, error_code,
 * errors }` (B.2), the `/vicidial/*` `{ message, http_code, lead_errors, lead_ids }` (A.7), or
 * anything a proxy in between sends.
 */
export function errorFromResponse(
  target: RequestTarget,
  status: number,
  headers: Headers,
  text: string,
  now: number,
): ApiError {
  const body = parseJson(text);
  const init: ApiErrorInit = { ...target, status, headers, body, ...readBody(body, text, status) };
  if (status === 400) return new ValidationError(init);
  if (status === 401) return new AuthenticationError(init);
  if (status === 403) return new PermissionError(init);
  if (status === 404) return new NotFoundError(init);
  if (status === 409) return new InvalidStateError(init);
  if (status === 413) return new PayloadTooLargeError(init);
  if (status === 415) return new UnsupportedMediaTypeError(init);
  if (status === 429)
    return new RateLimitError({ ...init, retryAfter: parseRetryAfter(headers.get('retry-after'), now) });
  if (status >= 500) return new ServerError(init);
  return new ApiError(init);
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
