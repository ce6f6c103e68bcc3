/**
 * Which of Omni's codes (B.2) a refusal stands for, to word it for the agent. B.2's `error_code` is this
 * project's inference: an Omni may answer a refusal with its HTTP status and `{ success: false, detail }` alone
 * (`omni-mock --vary errors=status-only`), or even with HTTP 200 (`errors=ok-false`). The sdk still gives the
 * right error class then (by status, or by the detail's words); this reads the code back from the class, made
 * narrower by the detail where the agent can act on the difference (a phone not registered, no campaign
 * joined). It only chooses the words: the console's `omniCode` stays what Omni sent.
 *
 * @module
 */

import type { ErrorCode } from '@omnikit/contracts';
import {
  type ApiError,
  AuthenticationError,
  InvalidStateError,
  MessageTagRequiredError,
  NotFoundError,
  PayloadTooLargeError,
  PermissionError,
  RateLimitError,
  RecipientOptedOutError,
  ServerError,
  TemplateNotApprovedError,
  TemplateRequiredError,
  TemplateVariablesError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '@omnikit/sdk';

type ErrorClass = abstract new (...args: never[]) => ApiError;

/** A narrower code told by the detail's words (inferred: the mock's words, and plain English for the same). */
const NARROWER: readonly { of: ErrorClass; pattern: RegExp; code: ErrorCode }[] = [
  { of: AuthenticationError, pattern: /\bno system key|system key (is |was )?missing/i, code: 'MISSING_SYSTEM_KEY' },
  { of: AuthenticationError, pattern: /system key|auth-key|authorization header|api key/i, code: 'INVALID_SYSTEM_KEY' },
  {
    of: AuthenticationError,
    pattern: /\bno (user )?(tokenkey|token)\b|(tokenkey|token) (is |was )?missing/i,
    code: 'MISSING_TOKEN',
  },
  { of: AuthenticationError, pattern: /expired/i, code: 'TOKEN_EXPIRED' },
  { of: PermissionError, pattern: /origin/i, code: 'FORBIDDEN_ORIGIN' },
  { of: InvalidStateError, pattern: /\bnot registered\b/i, code: 'EXTENSION_NOT_REGISTERED' },
  {
    of: InvalidStateError,
    pattern: /\bnot logged in\b|has not joined (a )?(messaging )?campaign/i,
    code: 'AGENT_NOT_LOGGED_IN',
  },
  { of: ServerError, pattern: /unavailable/i, code: 'SERVICE_UNAVAILABLE' },
];

/** The messaging rules' classes (B.12.5): the sdk has told the rule already, by code or by words. */
const RULES: readonly { of: ErrorClass; code: ErrorCode }[] = [
  { of: TemplateRequiredError, code: 'WINDOW_CLOSED_TEMPLATE_REQUIRED' },
  { of: MessageTagRequiredError, code: 'MESSAGE_TAG_REQUIRED' },
  { of: RecipientOptedOutError, code: 'RECIPIENT_OPTED_OUT' },
  { of: TemplateNotApprovedError, code: 'TEMPLATE_NOT_APPROVED' },
  { of: TemplateVariablesError, code: 'TEMPLATE_VARIABLES_MISMATCH' },
];

/** Each broad class's own code. */
const BY_CLASS: readonly { of: ErrorClass; code: ErrorCode }[] = [
  { of: ValidationError, code: 'VALIDATION_FAILED' },
  { of: AuthenticationError, code: 'INVALID_TOKEN' },
  { of: PermissionError, code: 'FORBIDDEN_USER' },
  { of: NotFoundError, code: 'NOT_FOUND' },
  { of: InvalidStateError, code: 'INVALID_STATE' },
  { of: PayloadTooLargeError, code: 'PAYLOAD_TOO_LARGE' },
  { of: UnsupportedMediaTypeError, code: 'UNSUPPORTED_MEDIA_TYPE' },
  { of: RateLimitError, code: 'RATE_LIMITED' },
  { of: ServerError, code: 'INTERNAL' },
];

/**
 * The code to word `error` by: Omni's own when it sent one; else the one its class tells, narrowed by its detail;
 * undefined for a failure of no known kind.
 *
 * @example
 * ```ts
 * // errors=status-only: 409 { success: false, detail: 'extension 1001 is not registered: …' }
 * omniCodeForWords(error); // 'EXTENSION_NOT_REGISTERED' (error.errorCode is undefined)
 * ```
 */
export function omniCodeForWords(error: ApiError): ErrorCode | undefined {
  if (error.errorCode !== undefined) return error.errorCode;
  const rule = RULES.find((c) => error instanceof c.of);
  if (rule) return rule.code;
  const narrower = NARROWER.find((n) => error instanceof n.of && n.pattern.test(error.detail));
  if (narrower) return narrower.code;
  return BY_CLASS.find((c) => error instanceof c.of)?.code;
}
