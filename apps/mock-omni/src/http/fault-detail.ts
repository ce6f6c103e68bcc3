/**
 * The `detail` of an injected fault's answer. Under `errors=ok-false` a refusal goes out as HTTP 200
 * `{ success: false, detail }`: no status and no `error_code` are left, only the words, and a client tells the failure
 * by them (the sdk's detail-phrases.ts). So the fault's detail says, after naming the fault, what its error code means
 * in the words the mock uses for that failure elsewhere; the client then takes it for the same failure in every
 * `errors` form, as it would a real Omni's refusal.
 *
 * @module
 */

import type { ErrorCode } from '@omnikit/contracts';

/** What each error code means, in the mock's words for it (one short phrase; no ids, the fault names no resource). */
const MEANS: Readonly<Record<ErrorCode, string>> = {
  MISSING_SYSTEM_KEY: 'no system key was sent (Authorization: Key=<system key>)',
  INVALID_SYSTEM_KEY: 'the system key is not the key of any system',
  MISSING_TOKEN: 'no tokenKey was sent: authorize first',
  INVALID_TOKEN: 'the tokenKey is not a token of this system',
  TOKEN_EXPIRED: 'the token has expired: authorize again',
  FORBIDDEN_USER: 'this user is not permitted to do that',
  FORBIDDEN_ORIGIN: 'requests from this origin are forbidden',
  VALIDATION_FAILED: 'the request is not valid (validation failed)',
  NOT_FOUND: 'the resource does not exist in this system',
  INVALID_STATE: 'the request is not allowed in this state',
  EXTENSION_NOT_REGISTERED: 'the agent’s extension is not registered',
  AGENT_NOT_LOGGED_IN: 'the agent is not logged in to a campaign',
  WINDOW_CLOSED_TEMPLATE_REQUIRED: 'the customer service window is closed: only an approved template may be sent',
  MESSAGE_TAG_REQUIRED: 'the message needs a message tag',
  RECIPIENT_OPTED_OUT: 'the recipient opted out of this sender',
  TEMPLATE_NOT_APPROVED: 'the template is not approved',
  TEMPLATE_VARIABLES_MISMATCH: 'the template’s variables do not match its parameters',
  ROUTE_NOT_FOUND: 'there is no route here',
  PAYLOAD_TOO_LARGE: 'payload too large',
  UNSUPPORTED_MEDIA_TYPE: 'unsupported media type',
  RATE_LIMITED: 'too many requests: rate limit reached',
  INTERNAL: 'internal server error',
  SERVICE_UNAVAILABLE: 'service unavailable',
};

/**
 * The detail of fault `label` (`fault 3`) answering `code` on route `routeId`.
 *
 * @example faultDetail('NOT_FOUND', 'getCampaign', 'fault 1')
 * // 'injected fault on getCampaign (fault 1): the resource does not exist in this system'
 */
export function faultDetail(code: ErrorCode, routeId: string, label: string): string {
  return `injected fault on ${routeId} (${label}): ${MEANS[code]}`;
}
