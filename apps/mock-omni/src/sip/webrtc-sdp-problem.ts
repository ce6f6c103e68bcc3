/**
 * What the mock asks of the SDP an agent's phone sends it (an offer in an INVITE or re-INVITE, an answer in a 200 OK):
 * the shape of WebRTC's. Inferred: omni-api.md says nothing about SDP, but Omni registers agents' extensions over
 * WebRTC, and WebRTC makes DTLS-SRTP mandatory (RFC 8827). A WebRTC-only SIP server (Asterisk with `webrtc=yes`, for
 * one) refuses an audio stream on plain RTP (`RTP/AVP`), or one without ICE credentials or a DTLS fingerprint, with
 * 488 Not Acceptable Here; the mock does the same, so a phone that works against the mock works against Omni.
 *
 * @module
 */

/** The DTLS-SRTP profiles (RFC 5764, RFC 7850); browsers offer and answer `UDP/TLS/RTP/SAVPF`. */
const DTLS_SRTP_PROFILES = new Set([
  'UDP/TLS/RTP/SAVPF',
  'UDP/TLS/RTP/SAVP',
  'TCP/DTLS/RTP/SAVPF',
  'TCP/DTLS/RTP/SAVP',
]);
/** What a WebRTC audio stream carries, at session or media level: ICE credentials and the DTLS certificate's hash. */
const REQUIRED_ATTRIBUTES = ['ice-ufrag', 'ice-pwd', 'fingerprint'] as const;

/**
 * Why `sdp` is not a description a WebRTC extension accepts (a short phrase for logs and error messages), or
 * undefined when its first audio stream uses a DTLS-SRTP profile and has ICE credentials and a DTLS fingerprint.
 *
 * @example
 * ```ts
 * webrtcSdpProblem('v=0\r\nc=IN IP4 0.0.0.0\r\nm=audio 9 RTP/AVP 0\r\n');
 * // 'its audio stream is RTP/AVP (plain RTP), not UDP/TLS/RTP/SAVPF (DTLS-SRTP)'
 * ```
 */
export function webrtcSdpProblem(sdp: string): string | undefined {
  const session = new Set<string>();
  const media = new Set<string>();
  let profile: string | undefined;
  let section: 'session' | 'audio' | 'other' = 'session';
  for (const raw of sdp.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('m=')) {
      // Only the first audio stream counts (the one the bridge call uses).
      if (profile !== undefined) break;
      const [kind, , proto] = line.slice(2).split(/\s+/);
      section = kind === 'audio' ? 'audio' : 'other';
      if (section === 'audio') profile = proto ?? '';
      continue;
    }
    const name = /^a=([^:\s]+)/.exec(line)?.[1]?.toLowerCase();
    if (name === undefined) continue;
    if (section === 'session') session.add(name);
    else if (section === 'audio') media.add(name);
  }
  if (profile === undefined) return 'it has no audio stream';
  if (!DTLS_SRTP_PROFILES.has(profile.toUpperCase())) {
    const plain = /^RTP\/AVPF?$/i.test(profile) ? ' (plain RTP)' : '';
    return `its audio stream is ${profile || 'without a profile'}${plain}, not UDP/TLS/RTP/SAVPF (DTLS-SRTP)`;
  }
  const missing = REQUIRED_ATTRIBUTES.filter((name) => !media.has(name) && !session.has(name));
  if (missing.length > 0) return `its audio stream has no ${missing.map((name) => `a=${name}`).join(', ')}`;
  return undefined;
}

/**
 * What the mock's description handlers throw for such an SDP. sip.js then answers a re-INVITE 488 Not Acceptable Here
 * (the call stays as it was), or ACKs a 200 OK carrying it and hangs up with `Reason: SIP;cause=488`.
 */
export class NotWebrtcSdpError extends Error {
  override readonly name = 'NotWebrtcSdpError';

  constructor(readonly problem: string) {
    super(
      `refused the phone's SDP (488 Not Acceptable Here): ${problem}; a WebRTC extension needs DTLS-SRTP ` +
        '(UDP/TLS/RTP/SAVPF with a=ice-ufrag, a=ice-pwd and a=fingerprint)',
    );
  }
}

/** A description handler of the mock that remembers why it refused the phone's last SDP, if it did. */
export interface RefusesNonWebrtcSdp {
  readonly sdpRefusal: string | undefined;
}

/** Why the session's description handler refused the phone's SDP (the bridge leg says it), or undefined. */
export function sdpRefusalOf(handler: unknown): string | undefined {
  const refusal = (handler as Partial<RefusesNonWebrtcSdp> | undefined)?.sdpRefusal;
  return typeof refusal === 'string' ? refusal : undefined;
}
