/**
 * A valid SDP audio offer/answer that promises no real media (RFC 4566): port 9 (discard),
 * a 0.0.0.0 connection address, Opus and PCMU. Enough for any SIP stack to complete offer/answer;
 * nothing is ever sent. The direction attribute carries hold: `sendonly`/`inactive` from the side
 * that holds, `recvonly`/`inactive` in the answer. The sdk's headless phone and the mock's default
 * media both describe themselves with it.
 *
 * @module
 */

import type { MediaDirection } from './sdp-direction.js';

/** A medialess audio description: `version` grows with each offer or answer of the session. */
export function buildFakeSdp(sessionId: string, version: number, direction: MediaDirection): string {
  return [
    'v=0',
    `o=- ${sessionId} ${version} IN IP4 127.0.0.1`,
    's=-',
    'c=IN IP4 0.0.0.0',
    't=0 0',
    'm=audio 9 RTP/AVP 111 0 101',
    'a=rtpmap:111 opus/48000/2',
    'a=rtpmap:0 PCMU/8000',
    'a=rtpmap:101 telephone-event/8000',
    'a=fmtp:101 0-16',
    `a=${direction}`,
    '',
  ].join('\r\n');
}
