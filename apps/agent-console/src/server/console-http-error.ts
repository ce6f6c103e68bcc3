import {
  ApiError,
  AuthenticationError,
  ConnectionError,
  InvalidStateError,
  NotFoundError,
  PayloadTooLargeError,
  PermissionError,
  RateLimitError,
  ResponseValidationError,
  ServerError,
  ValidationError,
} from '@omnikit/sdk';
import type { z } from 'zod';
import { CONSOLE_ERROR_STATUS, type ConsoleError, type ConsoleErrorCode } from '../shared/console-errors.js';
import { OMNI_ERROR_MESSAGES } from '../shared/omni-error-messages.js';
import { omniCodeForWords } from './omni-code-for-words.js';

/** A failure the backend answers with the console's error body and the status of its code. */
export class ConsoleHttpError extends Error {
  readonly code: ConsoleErrorCode;
  readonly omniCode: string | undefined;
  readonly field: string | undefined;
  readonly retryAfter: number | undefined;

  constructor(
    code: ConsoleErrorCode,
    message: string,
    extra: { omniCode?: string; field?: string; retryAfter?: number } = {},
  ) {
    super(message);
    this.name = 'ConsoleHttpError';
    this.code = code;
    this.omniCode = extra.omniCode;
    this.field = extra.field;
    this.retryAfter = extra.retryAfter;
  }

  get status(): (typeof CONSOLE_ERROR_STATUS)[ConsoleErrorCode] {
    return CONSOLE_ERROR_STATUS[this.code];
  }

  toBody(): ConsoleError {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.omniCode === undefined ? {} : { omniCode: this.omniCode }),
        ...(this.field === undefined ? {} : { field: this.field }),
      },
    };
  }
}

/** A zod failure of the browser's input: the first issue, its field, in words. */
export function badRequest(error: z.ZodError, what = 'The request'): ConsoleHttpError {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : undefined;
  const message = issue ? `${field === undefined ? what : `“${field}”`}: ${issue.message}` : `${what} is not valid.`;
  return new ConsoleHttpError('BAD_REQUEST', message, field === undefined ? {} : { field });
}

/**
 * Omni refused the system key, not the agent: by its code, or — where Omni answers without one (the `errors`
 * variants `ok-false` and `status-only`) — by its detail naming the key.
 */
export function refusesSystemKey(error: AuthenticationError): boolean {
  const code = error.errorCode;
  if (code !== undefined) return code === 'INVALID_SYSTEM_KEY' || code === 'MISSING_SYSTEM_KEY';
  return /system key|auth-key|authorization header/i.test(error.detail);
}

/**
 * Omni's refusal in words: the sentence for its code (the one its class and detail tell, where Omni sent none),
 * with Omni's detail where it says something the agent can act on (the state that forbids a command, the item
 * it does not know, what was wrong when no field is named).
 */
function omniMessage(error: ApiError): string {
  const code = omniCodeForWords(error);
  const base = code === undefined ? 'Omni refused the request.' : OMNI_ERROR_MESSAGES[code];
  if (error instanceof ValidationError && error.fieldErrors[0]) {
    const f = error.fieldErrors[0];
    return `${base} (${f.field}: ${f.message})`;
  }
  const saysMore = code === 'INVALID_STATE' || code === 'NOT_FOUND' || code === 'VALIDATION_FAILED';
  if (saysMore && error.detail !== '') return `${base} Omni says: ${error.detail}`;
  return base;
}

/**
 * Omni has no such route at the configured URL: the console is misconfigured (`--omni-url` with a
 * wrong path, or not Omni at all), which is an outage for the agent, not a missing feature.
 */
export function omniUrlProblem(error: ApiError, omniUrl: string | undefined): ConsoleHttpError {
  const where = omniUrl === undefined ? 'the configured Omni URL' : omniUrl;
  return new ConsoleHttpError(
    'OMNI_UNAVAILABLE',
    `Omni at ${where} has no ${error.method} ${error.path}: the console’s --omni-url looks wrong (it should be Omni’s base URL). Please tell your administrator.`,
    error.errorCode === undefined ? {} : { omniCode: error.errorCode },
  );
}

/**
 * Any error from the sdk (or the backend) as a console error. Omni's 401s on a signed-in session
 * mean the agent's token is gone and the sdk could not renew it with the agent's password (Omni refused
 * that too): SESSION_EXPIRED.
 * `omniUrl` names the Omni URL in the message when Omni has no such route.
 */
export function toConsoleError(error: unknown, omniUrl?: string): ConsoleHttpError {
  if (error instanceof ConsoleHttpError) return error;
  if (error instanceof ApiError) {
    if (error.errorCode === 'ROUTE_NOT_FOUND') return omniUrlProblem(error, omniUrl);
    const omniCode = error.errorCode;
    const extra = {
      ...(omniCode === undefined ? {} : { omniCode }),
      ...(error.fieldErrors[0] ? { field: error.fieldErrors[0].field } : {}),
    };
    const message = omniMessage(error);
    if (error instanceof ValidationError) return new ConsoleHttpError('BAD_REQUEST', message, extra);
    if (error instanceof AuthenticationError) {
      // A refused system key is the administrator's problem, not a stale session.
      if (refusesSystemKey(error)) return new ConsoleHttpError('OMNI_UNAVAILABLE', message, extra);
      return new ConsoleHttpError('SESSION_EXPIRED', message, extra);
    }
    if (error instanceof PermissionError) return new ConsoleHttpError('FORBIDDEN', message, extra);
    if (error instanceof NotFoundError) return new ConsoleHttpError('NOT_FOUND', message, extra);
    if (error instanceof InvalidStateError) return new ConsoleHttpError('CONFLICT', message, extra);
    if (error instanceof PayloadTooLargeError) return new ConsoleHttpError('PAYLOAD_TOO_LARGE', message, extra);
    if (error instanceof RateLimitError)
      return new ConsoleHttpError('RATE_LIMITED', message, {
        ...extra,
        ...(error.retryAfter === undefined ? {} : { retryAfter: error.retryAfter }),
      });
    if (error instanceof ServerError) return new ConsoleHttpError('OMNI_UNAVAILABLE', message, extra);
    return new ConsoleHttpError('OMNI_UNAVAILABLE', message, extra);
  }
  if (error instanceof ConnectionError)
    return new ConsoleHttpError('OMNI_UNAVAILABLE', 'Omni cannot be reached right now. Please try again in a moment.');
  if (error instanceof ResponseValidationError)
    return new ConsoleHttpError('OMNI_UNAVAILABLE', 'Omni answered in a form the console does not understand.');
  return new ConsoleHttpError('INTERNAL', 'The console had an internal problem. Please try again.');
}
