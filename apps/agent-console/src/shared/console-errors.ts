/**
 * The console's errors: its closed list of codes with their HTTP statuses, and the one error body
 * every `/api/*` failure answers with.
 *
 * @module
 */

import { z } from 'zod';

/** The console's error codes. `omniCode` carries Omni's own code when Omni refused the request. */
export const CONSOLE_ERROR_STATUS = {
  /** The body, query or path is malformed; `field` names the first offending field. */
  BAD_REQUEST: 400,
  /** Omni's user name / password check failed at sign-in. */
  SIGN_IN_FAILED: 401,
  /** No console session (no cookie, unknown or ended one). */
  NOT_SIGNED_IN: 401,
  /** The agent's Omni token was refused and could not be renewed: sign in again. */
  SESSION_EXPIRED: 401,
  /** A mutating call without the session's `X-CSRF-Token`, or a sign-in sent from another site's page. */
  CSRF_REJECTED: 403,
  /** A `Host` the console does not serve (a DNS-rebinding page would come this way). */
  HOST_REJECTED: 403,
  /** Omni refused on permission grounds (a token on another user's path, archiving in office hours). */
  FORBIDDEN: 403,
  /** An unknown console route, or an id Omni does not know. */
  NOT_FOUND: 404,
  /** A mock-only feature (the supervisor view) while the target is a real Omni. */
  MOCK_ONLY: 404,
  /** A route of Omni's messaging channels while the target is a real Omni: TForge has published no such API. */
  NOT_PUBLISHED: 404,
  /** Omni refused in the agent's current state (not logged in, phone not registered, on a call…). */
  CONFLICT: 409,
  /** A body over the console's limit. */
  PAYLOAD_TOO_LARGE: 413,
  /** A body sent without `Content-Type: application/json`. */
  UNSUPPORTED_MEDIA_TYPE: 415,
  /** Omni asked the console to slow down. */
  RATE_LIMITED: 429,
  /** The console itself failed. */
  INTERNAL: 500,
  /** Omni did not answer, answered a 5xx, or timed out. */
  OMNI_UNAVAILABLE: 502,
} as const;
export type ConsoleErrorCode = keyof typeof CONSOLE_ERROR_STATUS;
export const CONSOLE_ERROR_CODES = Object.keys(CONSOLE_ERROR_STATUS) as [ConsoleErrorCode, ...ConsoleErrorCode[]];

/** The one error body of every `/api/*` failure. `message` is written for a person to read. */
export const consoleError = z.object({
  error: z.object({
    code: z.enum(CONSOLE_ERROR_CODES),
    message: z.string(),
    omniCode: z.string().optional().meta({ description: 'Omni’s `error_code` (B.2), when Omni refused.' }),
    field: z.string().optional().meta({ description: 'The offending field, dotted (`phone_numbers.2`).' }),
  }),
});
export type ConsoleError = z.infer<typeof consoleError>;
