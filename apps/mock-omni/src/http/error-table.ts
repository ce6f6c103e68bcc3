/**
 * The one place an error code becomes an HTTP answer (B.2): the status from the contracts' `ERROR_STATUS`, the body in
 * the route's shape. `/omni/*` and `/__mock/*` answer `{ success: false, detail, error_code, errors? }`; `/vicidial/*`
 * answers its documented `{ message, http_code }` with TForge's messages, and its 400 adds `lead_errors` and
 * `lead_ids` (A.7, vicidial-answers.ts).
 *
 * @module
 */

import { ERROR_STATUS, type ErrorCode, type ErrorShape, type FieldError } from '@omnikit/contracts';
import { type VicidialRejection, vicidialErrorBody } from './vicidial-answers.js';

export interface ErrorAnswer {
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

export interface ErrorDetails {
  code: ErrorCode;
  detail: string;
  errors?: FieldError[] | undefined;
  retryAfterSeconds?: number | undefined;
  /** The vicidial 400: the rule the body broke first and the values it echoes. */
  rejection?: VicidialRejection | undefined;
  /** A 5xx other than 500 (fault injection of INTERNAL with a status). */
  status?: number | undefined;
}

export function errorAnswer(e: ErrorDetails, shape: ErrorShape = 'omni'): ErrorAnswer {
  const status = e.status ?? ERROR_STATUS[e.code];
  const headers: Record<string, string> = {};
  if (e.code === 'RATE_LIMITED') headers['Retry-After'] = String(e.retryAfterSeconds ?? 1);
  if (shape === 'vicidial') {
    return { status, body: vicidialErrorBody({ status, detail: e.detail, rejection: e.rejection }), headers };
  }
  const body: Record<string, unknown> = { success: false, detail: e.detail, error_code: e.code };
  if (status === 400) body.errors = e.errors ?? [];
  else if (e.errors?.length) body.errors = e.errors;
  return { status, body, headers };
}
