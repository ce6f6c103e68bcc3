/**
 * The closed list of `error_code`s and their HTTP statuses (omni-api.md B.2). The mock's error
 * table and the sdk's error classes both read this; nothing else may invent a code.
 *
 * Three codes are `inferred` beyond B.2's list, as an ASP.NET service answers them:
 * `FORBIDDEN_ORIGIN` 403 — the request comes from where the server does not serve: a `Host` it
 * does not answer to (a DNS-rebinding page), a cross-site browser page (`Origin`,
 * `Sec-Fetch-Site`), or the mock's own webhook delivery reaching its control API;
 * `UNSUPPORTED_MEDIA_TYPE` 415 — a JSON body sent without `Content-Type: application/json`
 * (ASP.NET's `[FromBody]` answers 415 to any other type, `text/plain` included);
 * `SERVICE_UNAVAILABLE` 503 — B.2 is silent on a server that cannot read its own storage; the
 * mock answers it when its database file turns out corrupt while serving.
 *
 * Five codes are messaging's rules (omni-api B.12.5, `docs/omni-api-b12-messaging.md`), all
 * `inferred`: `WINDOW_CLOSED_TEMPLATE_REQUIRED`, `MESSAGE_TAG_REQUIRED`, `RECIPIENT_OPTED_OUT` and
 * `TEMPLATE_NOT_APPROVED` 409 (the conversation's or the registry's state forbids the message),
 * `TEMPLATE_VARIABLES_MISMATCH` 400 (the variables do not fit the template's placeholders).
 *
 * @module
 */

import { z } from 'zod';

/** Each `error_code` and the HTTP status it is answered with. */
export const ERROR_STATUS = {
  MISSING_SYSTEM_KEY: 401,
  INVALID_SYSTEM_KEY: 401,
  MISSING_TOKEN: 401,
  INVALID_TOKEN: 401,
  TOKEN_EXPIRED: 401,
  FORBIDDEN_USER: 403,
  FORBIDDEN_ORIGIN: 403,
  VALIDATION_FAILED: 400,
  NOT_FOUND: 404,
  INVALID_STATE: 409,
  EXTENSION_NOT_REGISTERED: 409,
  AGENT_NOT_LOGGED_IN: 409,
  WINDOW_CLOSED_TEMPLATE_REQUIRED: 409,
  MESSAGE_TAG_REQUIRED: 409,
  RECIPIENT_OPTED_OUT: 409,
  TEMPLATE_NOT_APPROVED: 409,
  TEMPLATE_VARIABLES_MISMATCH: 400,
  ROUTE_NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;
export const ERROR_CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];
export const errorCode = z.enum(ERROR_CODES);

export const fieldError = z.object({
  field: z.string().meta({ description: 'Dotted path of the offending field, e.g. `phone_numbers.0.phone_number`.' }),
  message: z.string(),
});
export type FieldError = z.infer<typeof fieldError>;

/**
 * The error body of `/omni/*` and `/__mock/*` (B.2). A 400 adds `errors`. The variation `errors=ok-false` answers HTTP
 * 200 `{ success: false, detail }` and keeps this `errors` list in it (inferred): `variants/rewrite-wire.ts`.
 */
export const errorBody = z
  .object({
    success: z.literal(false),
    detail: z.string(),
    error_code: errorCode,
    errors: z.array(fieldError).optional().meta({
      description:
        'Which fields failed and why: a 400 adds it (B.2), and a 404 names the unknown id’s field. Where Omni answers a refusal as HTTP 200 `{ success: false, detail }` (the `errors=ok-false` variation), the same list comes under the same name beside `detail` (inferred).',
    }),
  })
  .meta({ id: 'ErrorBody' });
export type ErrorBody = z.infer<typeof errorBody>;

/** Statuses an error body can carry, with the codes each may hold (for docs and tests). */
export function codesForStatus(status: number): ErrorCode[] {
  return ERROR_CODES.filter((code) => ERROR_STATUS[code] === status);
}
