/**
 * Why the phone failed:
 * - `CONFIGURATION`: a setting is missing or wrong (no WebSocket implementation, no media handler
 *   outside a browser, a malformed server URL or extension);
 * - `CONNECTION_FAILED`: the WebSocket could not be opened (or the server did not select `sip`);
 * - `REGISTRATION_REJECTED`: the registrar refused the REGISTER (`statusCode`: 403 for a wrong
 *   WebRTC password or an extension of another system);
 * - `REGISTRATION_TIMEOUT`: no final answer to a REGISTER in time;
 * - `CONNECTION_LOST`: the WebSocket dropped while registered;
 * - `MEDIA`: answering or renegotiating the bridge call failed;
 * - `INVALID_STATE`: the call is not allowed now (e.g. `start()` twice, `answer()` with no call).
 */
export type OmniPhoneErrorCode =
  | 'CONFIGURATION'
  | 'CONNECTION_FAILED'
  | 'REGISTRATION_REJECTED'
  | 'REGISTRATION_TIMEOUT'
  | 'CONNECTION_LOST'
  | 'MEDIA'
  | 'INVALID_STATE';

export class OmniPhoneError extends Error {
  override readonly name = 'OmniPhoneError';

  constructor(
    readonly code: OmniPhoneErrorCode,
    message: string,
    readonly statusCode?: number,
  ) {
    super(message);
  }
}
