/**
 * Why a bridge call could not be placed or changed:
 * - `NOT_REGISTERED`: the extension has no live binding (login answers 409 EXTENSION_NOT_REGISTERED);
 * - `NO_ANSWER`: the phone did not answer within the wall-clock answer timeout (the INVITE is cancelled);
 * - `REJECTED`: the phone answered the INVITE or re-INVITE with a failure (`statusCode` says which);
 * - `CONNECTION_LOST`: the phone's WebSocket closed before it answered;
 * - `BAD_ANSWER`: the phone answered (200) without an audio description the mock can use (none, or no audio
 *   stream): the mock ACKs and hangs up;
 * - `NOT_WEBRTC`: the phone answered (200) with an SDP a WebRTC extension does not accept (plain RTP, or no ICE
 *   credentials or DTLS fingerprint; Inferred, see webrtc-sdp-problem.ts): the mock ACKs and hangs up (Reason 488);
 * - `TIMEOUT`: a re-INVITE got no final answer in time;
 * - `ENDED`: the leg is already over;
 * - `CLOSED`: the SIP edge is shutting down.
 */
export type SipBridgeErrorCode =
  | 'NOT_REGISTERED'
  | 'NO_ANSWER'
  | 'REJECTED'
  | 'CONNECTION_LOST'
  | 'BAD_ANSWER'
  | 'NOT_WEBRTC'
  | 'TIMEOUT'
  | 'ENDED'
  | 'CLOSED';

export class SipBridgeError extends Error {
  override readonly name = 'SipBridgeError';

  constructor(
    readonly code: SipBridgeErrorCode,
    message: string,
    readonly statusCode?: number,
    /** NOT_WEBRTC: what the phone's SDP lacks (e.g. `its audio stream is RTP/AVP (plain RTP), not …`). */
    readonly sdpProblem?: string,
  ) {
    super(message);
  }
}
