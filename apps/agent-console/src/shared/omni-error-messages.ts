/**
 * Omni's closed list of error codes (contracts `ERROR_STATUS`) in words an agent understands. The
 * backend uses these as `message` (it may add Omni's detail for INVALID_STATE, which names the state);
 * the browser may use them too.
 *
 * @module
 */

import type { ErrorCode } from '@omnikit/contracts';

export const OMNI_ERROR_MESSAGES: Record<ErrorCode, string> = {
  MISSING_SYSTEM_KEY: 'The console is not configured with Omni’s system key. Ask your administrator.',
  INVALID_SYSTEM_KEY: 'Omni does not accept the console’s system key. Ask your administrator.',
  MISSING_TOKEN: 'Your Omni session is missing. Please sign in again.',
  INVALID_TOKEN: 'Your Omni session is no longer valid. Please sign in again.',
  TOKEN_EXPIRED: 'Your Omni session has expired. Please sign in again.',
  FORBIDDEN_USER: 'You are not allowed to act for another agent.',
  FORBIDDEN_ORIGIN: 'Omni refused the console’s address. Ask your administrator.',
  VALIDATION_FAILED: 'Omni did not accept what was entered. Check the highlighted field.',
  NOT_FOUND: 'Omni does not know that item: it may have ended or been removed.',
  INVALID_STATE: 'That cannot be done right now.',
  EXTENSION_NOT_REGISTERED: 'Your phone is not registered yet. Wait until it shows “registered”, then try again.',
  AGENT_NOT_LOGGED_IN: 'You are not logged in to a campaign. Choose a campaign and log in first.',
  WINDOW_CLOSED_TEMPLATE_REQUIRED:
    'The customer has not written in the last 24 hours: only an approved template can be sent. Pick a template.',
  MESSAGE_TAG_REQUIRED: 'The customer has not written in the last 24 hours: choose a message tag to send this.',
  RECIPIENT_OPTED_OUT: 'The customer has opted out of messages on this channel.',
  TEMPLATE_NOT_APPROVED: 'That template is not approved yet. Pick an approved template.',
  TEMPLATE_VARIABLES_MISMATCH: 'The template needs a different number of values. Fill in every field of the template.',
  ROUTE_NOT_FOUND: 'Omni does not offer this function.',
  PAYLOAD_TOO_LARGE: 'That is too much data to send in one go.',
  UNSUPPORTED_MEDIA_TYPE: 'Omni did not accept the form of the request. Ask your administrator.',
  RATE_LIMITED: 'Omni is busy. Please wait a moment and try again.',
  INTERNAL: 'Omni had an internal problem. Please try again.',
  SERVICE_UNAVAILABLE: 'Omni cannot serve requests right now. Please try again later.',
};
