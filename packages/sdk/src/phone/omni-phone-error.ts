/**
 * Why the phone failed:
 * - `CONFIGURATION`: a setting is missing or wrong (no WebSocket and no `ws` package, no media handler
 *   outside a browser, a malformed server URL or extension);
 * - `CONNECTION_FAILED`: the WebSocket could not be opened (or the server did not select `sip`);
 * - `REGISTRATION_REJECTED`: the registrar refused the REGISTER (`statusCode`: 403 for a wrong
 *   WebRTC password or an extension of another system);
 * - `REGISTRATION_TIMEOUT`: no final answer to a REGISTER in time;
 * - `CONNECTION_LOST`: the WebSocket dropped while registered;
 * - `MEDIA`: answering or renegotiating the bridge call failed;
 * - `INVALID_STATE`: the call is not allowed now (e.g. `start()` twice, `answer()` with no call).
 *
 * @example
 * ```ts
 * import { OmniPhone, type OmniPhoneErrorCode } from '@omnikit/sdk';
 *
 * const phone = new OmniPhone({ server: 'wss://omni.example.com/ws', extension: '1001', password: 'webrtc1' });
 * phone.on('error', (error) => {
 *   const code: OmniPhoneErrorCode = error.code;
 *   if (code === 'CONNECTION_LOST') console.warn('the phone lost its connection');
 * });
 * ```
 */
export type OmniPhoneErrorCode =
  | 'CONFIGURATION'
  | 'CONNECTION_FAILED'
  | 'REGISTRATION_REJECTED'
  | 'REGISTRATION_TIMEOUT'
  | 'CONNECTION_LOST'
  | 'MEDIA'
  | 'INVALID_STATE';

/**
 * A failure of the phone; `code` says which kind.
 *
 * @example
 * ```ts
 * import { OmniPhone, OmniPhoneError } from '@omnikit/sdk';
 *
 * const phone = new OmniPhone({ server: 'wss://omni.example.com/ws', extension: '1001', password: 'not it' });
 * try {
 *   await phone.start();
 * } catch (error) {
 *   if (error instanceof OmniPhoneError && error.code === 'REGISTRATION_REJECTED') {
 *     console.log(error.statusCode); // 403: the WebRTC password is wrong
 *   }
 *   else throw error;
 * }
 * ```
 */
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
