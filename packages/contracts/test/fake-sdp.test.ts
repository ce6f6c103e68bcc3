import { describe, expect, it } from 'vitest';
import {
  answerDtlsRole,
  buildFakeSdp,
  buildFakeWebrtcSdp,
  dtlsRoleAfterAnswer,
  sdpDirection,
  sdpSetup,
} from '../src/sdp/index.js';

describe('fake SDP', () => {
  it('is a complete audio description with the asked direction', () => {
    const sdp = buildFakeSdp('42', 3, 'sendonly');
    expect(sdp.split('\r\n').slice(0, 6)).toEqual([
      'v=0',
      'o=- 42 3 IN IP4 127.0.0.1',
      's=-',
      'c=IN IP4 0.0.0.0',
      't=0 0',
      'm=audio 9 RTP/AVP 111 0 101',
    ]);
    expect(sdp.endsWith('a=sendonly\r\n')).toBe(true);
    expect(sdpDirection(sdp)).toBe('sendonly');
  });

  it('in the WebRTC shape, carries what a browser requires and keeps its credentials for the session', () => {
    const offer = buildFakeWebrtcSdp('42', 1, 'sendrecv', 'actpass');
    const lines = offer.split('\r\n');
    expect(lines).toContain('m=audio 9 UDP/TLS/RTP/SAVPF 111 0 101');
    expect(lines).toContain('a=setup:actpass');
    expect(lines).toContain('a=rtcp-mux');
    expect(offer).toMatch(/^a=ice-ufrag:[a-z0-9]{8}$/m);
    expect(offer).toMatch(/^a=ice-pwd:[a-z0-9]{24}$/m);
    expect(offer).toMatch(/^a=fingerprint:sha-256 [0-9A-F]{2}(:[0-9A-F]{2}){31}$/m);
    expect(offer).not.toMatch(/^a=candidate/m);
    expect(offer.endsWith('a=sendrecv\r\n')).toBe(true);

    // A later answer of the same session: same ICE credentials and fingerprint, the role and direction asked.
    const answer = buildFakeWebrtcSdp('42', 2, 'recvonly', 'passive');
    const credentials = (sdp: string) => sdp.split('\r\n').filter((l) => /^a=(ice-|fingerprint)/.test(l));
    expect(credentials(answer)).toEqual(credentials(offer));
    expect(answer).toMatch(/^a=setup:passive$/m);
    expect(sdpDirection(answer)).toBe('recvonly');
    expect(/^o=- 42 (\d+) /m.exec(answer)?.[1]).toBe('2');
    // Another session: other credentials.
    expect(credentials(buildFakeWebrtcSdp('43', 1, 'sendrecv', 'actpass'))).not.toEqual(credentials(offer));
  });

  it('reads the DTLS setup and settles a role as RFC 5763 does', () => {
    expect(sdpSetup(buildFakeWebrtcSdp('1', 1, 'sendrecv', 'actpass'))).toBe('actpass');
    expect(sdpSetup(buildFakeSdp('1', 1, 'sendrecv'))).toBeUndefined();
    expect([
      answerDtlsRole('actpass'),
      answerDtlsRole('passive'),
      answerDtlsRole('active'),
      answerDtlsRole(undefined),
    ]).toEqual(['active', 'active', 'passive', 'active']);
    expect([dtlsRoleAfterAnswer('active'), dtlsRoleAfterAnswer('passive'), dtlsRoleAfterAnswer('actpass')]).toEqual([
      'passive',
      'active',
      undefined,
    ]);
  });
});
