import { buildFakeSdp, buildFakeWebrtcSdp } from '@omnikit/contracts/sdp';
import { describe, expect, it } from 'vitest';
import { webrtcSdpProblem } from '../../src/sip/webrtc-sdp-problem.js';

describe('webrtcSdpProblem (Inferred: a WebRTC extension accepts only DTLS-SRTP audio)', () => {
  const webrtc = buildFakeWebrtcSdp('4', 1, 'sendrecv', 'actpass');

  it('accepts what a browser sends, with ICE and DTLS at media or session level', () => {
    expect(webrtcSdpProblem(webrtc)).toBeUndefined();
    // The same attributes above the first m= line (session level) count too.
    const lines = webrtc.split('\r\n');
    const moved = lines.filter((line) => !/^a=(ice-ufrag|ice-pwd|fingerprint):/.test(line));
    const session = lines.filter((line) => /^a=(ice-ufrag|ice-pwd|fingerprint):/.test(line));
    moved.splice(moved.indexOf('t=0 0') + 1, 0, ...session);
    expect(webrtcSdpProblem(moved.join('\r\n'))).toBeUndefined();
    expect(webrtcSdpProblem(webrtc.replace('UDP/TLS/RTP/SAVPF', 'UDP/TLS/RTP/SAVP'))).toBeUndefined();
  });

  it('names what is missing: a plain or SDES profile, ICE credentials, the fingerprint, an audio stream', () => {
    expect(webrtcSdpProblem(buildFakeSdp('4', 1, 'sendrecv'))).toBe(
      'its audio stream is RTP/AVP (plain RTP), not UDP/TLS/RTP/SAVPF (DTLS-SRTP)',
    );
    expect(webrtcSdpProblem(webrtc.replace('UDP/TLS/RTP/SAVPF', 'RTP/SAVP'))).toBe(
      'its audio stream is RTP/SAVP, not UDP/TLS/RTP/SAVPF (DTLS-SRTP)',
    );
    expect(webrtcSdpProblem(webrtc.replace(/^a=ice-pwd:.*\r\n/m, ''))).toBe('its audio stream has no a=ice-pwd');
    expect(webrtcSdpProblem(webrtc.replace(/^a=fingerprint:.*\r\n/m, ''))).toBe(
      'its audio stream has no a=fingerprint',
    );
    expect(webrtcSdpProblem('v=0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\n')).toBe('it has no audio stream');
  });

  it('reads only the first audio stream, not a video stream before it or attributes after it', () => {
    const video = 'm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=ice-ufrag:x\r\na=ice-pwd:y\r\na=fingerprint:sha-256 AA\r\n';
    const bare = 'v=0\r\nt=0 0\r\n';
    expect(webrtcSdpProblem(`${bare}${video}m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n`)).toBe(
      'its audio stream has no a=ice-ufrag, a=ice-pwd, a=fingerprint',
    );
    expect(webrtcSdpProblem(`${bare}m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n${video}`)).toBe(
      'its audio stream has no a=ice-ufrag, a=ice-pwd, a=fingerprint',
    );
  });
});
