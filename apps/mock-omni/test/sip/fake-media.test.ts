import { buildFakeSdp, buildFakeWebrtcSdp, sdpDirection } from '@omnikit/contracts/sdp';
import { describe, expect, it } from 'vitest';
import { createFakeSessionDescriptionHandlerFactory } from '../../src/sip/fake-session-description-handler.js';

describe('fake session description handler', () => {
  const handler = () => createFakeSessionDescriptionHandlerFactory()({} as never);

  it('offers sendonly when holding and sendrecv otherwise, with a growing version', async () => {
    const sdh = handler();
    const first = await sdh.getDescription({ hold: true } as never);
    expect(first.contentType).toBe('application/sdp');
    expect(sdpDirection(first.body)).toBe('sendonly');
    await sdh.setDescription(buildFakeWebrtcSdp('9', 1, 'recvonly', 'active'));
    const second = await sdh.getDescription({ hold: false } as never);
    expect(sdpDirection(second.body)).toBe('sendrecv');
    expect(/^o=- \d+ (\d+) /m.exec(second.body)?.[1]).toBe('2');
  });

  it('answers a remote offer from its direction', async () => {
    const sdh = handler();
    await sdh.setDescription(buildFakeWebrtcSdp('9', 1, 'sendonly', 'actpass'));
    expect(sdpDirection((await sdh.getDescription()).body)).toBe('recvonly');
  });

  it('answers a phone that offers setup:active as passive, and keeps that role (RFC 5763)', async () => {
    const setup = (sdp: string) => /^a=setup:(\w+)/m.exec(sdp)?.[1];
    const sdh = handler();
    await sdh.setDescription(buildFakeWebrtcSdp('9', 1, 'sendrecv', 'active'));
    expect(setup((await sdh.getDescription()).body)).toBe('passive');
    await sdh.setDescription(buildFakeWebrtcSdp('9', 2, 'sendonly', 'actpass'));
    expect(setup((await sdh.getDescription()).body)).toBe('passive');
  });

  it('refuses SDP without audio and anything once closed', async () => {
    const sdh = handler();
    await expect(sdh.setDescription('v=0\r\nm=video 9 RTP/AVP 96\r\n')).rejects.toThrow(/audio/);
    expect(sdh.hasDescription('application/sdp')).toBe(true);
    expect(sdh.hasDescription('text/plain')).toBe(false);
    sdh.close();
    await expect(sdh.getDescription()).rejects.toThrow(/closed/);
  });

  it("offers in WebRTC's shape and keeps the DTLS role the first answer settled", async () => {
    const setup = (sdp: string) => /^a=setup:(\w+)/m.exec(sdp)?.[1];
    // The mock offers (a campaign login's bridge call): actpass; the browser answers active, so the mock is passive.
    const offering = handler();
    const offer = (await offering.getDescription()).body;
    expect(offer).toMatch(/^m=audio 9 UDP\/TLS\/RTP\/SAVPF /m);
    expect(offer).toMatch(/^a=fingerprint:sha-256 /m);
    expect(setup(offer)).toBe('actpass');
    await offering.setDescription(buildFakeWebrtcSdp('7', 1, 'sendrecv', 'active'));
    await offering.setDescription(buildFakeWebrtcSdp('7', 2, 'sendonly', 'actpass'));
    expect(setup((await offering.getDescription()).body)).toBe('passive');
    expect(setup((await offering.getDescription({ hold: true } as never)).body)).toBe('actpass');

    // The phone offers first: the mock answers active, and stays active.
    const answering = handler();
    await answering.setDescription(buildFakeWebrtcSdp('8', 1, 'sendrecv', 'actpass'));
    expect(setup((await answering.getDescription()).body)).toBe('active');
    await answering.setDescription(buildFakeWebrtcSdp('8', 2, 'sendonly', 'actpass'));
    expect(setup((await answering.getDescription()).body)).toBe('active');
  });

  it('refuses an SDP that is not WebRTC (Inferred: WebRTC requires DTLS-SRTP) and keeps what was negotiated', async () => {
    const sdh = createFakeSessionDescriptionHandlerFactory()({} as never) as ReturnType<typeof handler> & {
      sdpRefusal: string | undefined;
    };
    await sdh.getDescription();
    // Plain RTP as an answer to the mock's offer: refused, which sip.js turns into ACK and BYE.
    await expect(sdh.setDescription(buildFakeSdp('9', 1, 'sendrecv'))).rejects.toThrow(
      /488 Not Acceptable Here.*RTP\/AVP \(plain RTP\), not UDP\/TLS\/RTP\/SAVPF/,
    );
    expect(sdh.sdpRefusal).toMatch(/RTP\/AVP/);
    await sdh.rollbackDescription?.();
    // A WebRTC answer settles the call; a plain re-offer on hold is refused (sip.js answers 488) and changes nothing.
    await sdh.getDescription();
    await sdh.setDescription(buildFakeWebrtcSdp('9', 1, 'sendrecv', 'active'));
    await expect(sdh.setDescription(buildFakeSdp('9', 2, 'sendonly'))).rejects.toThrow(/488/);
    await sdh.rollbackDescription?.();
    const noFingerprint = buildFakeWebrtcSdp('9', 3, 'sendonly', 'actpass').replace(/^a=fingerprint:.*\r\n/m, '');
    await expect(sdh.setDescription(noFingerprint)).rejects.toThrow(/no a=fingerprint/);
    await sdh.rollbackDescription?.();
    const offer = (await sdh.getDescription()).body;
    expect(sdpDirection(offer)).toBe('sendrecv');
    expect(/^a=setup:(\w+)/m.exec(offer)?.[1]).toBe('actpass');
  });
});
