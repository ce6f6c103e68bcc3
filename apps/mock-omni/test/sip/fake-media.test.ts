import { buildFakeSdp, sdpDirection } from '@omnikit/contracts/sdp';
import { describe, expect, it } from 'vitest';
import { createFakeSessionDescriptionHandlerFactory } from '../../src/sip/fake-session-description-handler.js';

describe('fake session description handler', () => {
  const handler = () => createFakeSessionDescriptionHandlerFactory()({} as never);

  it('offers sendonly when holding and sendrecv otherwise, with a growing version', async () => {
    const sdh = handler();
    const first = await sdh.getDescription({ hold: true } as never);
    expect(first.contentType).toBe('application/sdp');
    expect(sdpDirection(first.body)).toBe('sendonly');
    await sdh.setDescription(buildFakeSdp('9', 1, 'recvonly'));
    const second = await sdh.getDescription({ hold: false } as never);
    expect(sdpDirection(second.body)).toBe('sendrecv');
    expect(/^o=- \d+ (\d+) /m.exec(second.body)?.[1]).toBe('2');
  });

  it('answers a remote offer from its direction', async () => {
    const sdh = handler();
    await sdh.setDescription(buildFakeSdp('9', 1, 'sendonly'));
    expect(sdpDirection((await sdh.getDescription()).body)).toBe('recvonly');
  });

  it('refuses SDP without audio and anything once closed', async () => {
    const sdh = handler();
    await expect(sdh.setDescription('v=0\r\nm=video 9 RTP/AVP 96\r\n')).rejects.toThrow(/audio/);
    expect(sdh.hasDescription('application/sdp')).toBe(true);
    expect(sdh.hasDescription('text/plain')).toBe(false);
    sdh.close();
    await expect(sdh.getDescription()).rejects.toThrow(/closed/);
  });
});
