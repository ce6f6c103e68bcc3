/**
 * A valid SDP audio offer/answer that promises no real media (RFC 4566): port 9 (discard),
 * a 0.0.0.0 connection address, Opus and PCMU. Nothing is ever sent. The direction attribute carries
 * hold: `sendonly`/`inactive` from the side that holds, `recvonly`/`inactive` in the answer.
 * `buildFakeWebrtcSdp` is the promise in the shape a WebRTC endpoint accepts (ICE credentials, a DTLS
 * fingerprint and role): the mock's default media and the sdk's headless phone describe themselves with it,
 * since a browser refuses an offer without them and a WebRTC SIP server (Omni's extensions) answers plain RTP
 * with 488. `buildFakeSdp` is plain RTP (`RTP/AVP`), for plain SIP peers and for tests of that refusal.
 *
 * @module
 */

import type { MediaDirection } from './sdp-direction.js';

/** The payload types both descriptions offer: Opus, PCMU and DTMF events (`111 0 101` on the m= line). */
const CODECS = [
  'a=rtpmap:111 opus/48000/2',
  'a=rtpmap:0 PCMU/8000',
  'a=rtpmap:101 telephone-event/8000',
  'a=fmtp:101 0-16',
];

/**
 * A medialess plain-RTP audio description (`RTP/AVP`): `version` grows with each offer or answer of the session.
 * Not for Omni: its WebRTC extensions refuse it (488); use {@link buildFakeWebrtcSdp} there.
 */
export function buildFakeSdp(sessionId: string, version: number, direction: MediaDirection): string {
  return [
    'v=0',
    `o=- ${sessionId} ${version} IN IP4 127.0.0.1`,
    's=-',
    'c=IN IP4 0.0.0.0',
    't=0 0',
    'm=audio 9 RTP/AVP 111 0 101',
    ...CODECS,
    `a=${direction}`,
    '',
  ].join('\r\n');
}

/** The DTLS role an SDP claims (RFC 5763): `actpass` in an offer, `active` or `passive` in an answer. */
export type DtlsSetup = 'actpass' | 'active' | 'passive';

/** The DTLS role an SDP states (`a=setup:`), if it states one. */
export function sdpSetup(sdp: string): DtlsSetup | undefined {
  return /^a=setup:(actpass|active|passive)\s*$/m.exec(sdp)?.[1] as DtlsSetup | undefined;
}

/**
 * The DTLS role a side keeps for the session when its answer settles it (RFC 5763 §5): `passive` to an `active`
 * offer, `active` to any other.
 */
export function answerDtlsRole(offered: DtlsSetup | undefined): 'active' | 'passive' {
  return offered === 'active' ? 'passive' : 'active';
}

/** The DTLS role left to a side that offered `actpass`, by the peer's answer (undefined while it states none). */
export function dtlsRoleAfterAnswer(answered: DtlsSetup | undefined): 'active' | 'passive' | undefined {
  if (answered === 'active') return 'passive';
  return answered === 'passive' ? 'active' : undefined;
}

/**
 * A medialess audio description a browser accepts as a WebRTC offer or answer (RFC 8829): the secure profile
 * (`UDP/TLS/RTP/SAVPF`), ICE credentials, a DTLS fingerprint and role, RTCP multiplexing, and no candidates. The
 * browser completes offer/answer and then waits for candidates that never come: the call is up, with no audio.
 * The credentials and fingerprint are made from `sessionId` (stable for the session, as ICE and DTLS require);
 * no DTLS handshake ever uses them.
 */
export function buildFakeWebrtcSdp(
  sessionId: string,
  version: number,
  direction: MediaDirection,
  setup: DtlsSetup,
): string {
  const next = byteSource(sessionId);
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const word = (length: number) => Array.from({ length }, () => alphabet[next() % alphabet.length]).join('');
  const ufrag = word(8);
  const pwd = word(24);
  const fingerprint = Array.from({ length: 32 }, () => next().toString(16).padStart(2, '0').toUpperCase()).join(':');
  return [
    'v=0',
    `o=- ${sessionId} ${version} IN IP4 127.0.0.1`,
    's=-',
    't=0 0',
    'm=audio 9 UDP/TLS/RTP/SAVPF 111 0 101',
    'c=IN IP4 0.0.0.0',
    'a=mid:0',
    `a=ice-ufrag:${ufrag}`,
    `a=ice-pwd:${pwd}`,
    `a=fingerprint:sha-256 ${fingerprint}`,
    `a=setup:${setup}`,
    'a=rtcp-mux',
    ...CODECS,
    `a=${direction}`,
    '',
  ].join('\r\n');
}

/** Bytes (0–255) drawn from `seed` (FNV-1a, then xorshift32): the same seed gives the same bytes. */
function byteSource(seed: string): () => number {
  let state = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) state = Math.imul(state ^ seed.charCodeAt(i), 0x01000193);
  if (state === 0) state = 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) & 0xff;
  };
}
