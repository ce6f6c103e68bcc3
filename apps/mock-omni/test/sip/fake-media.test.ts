import { describe, expect, it } from 'vitest';
import { createFakeSessionDescriptionHandlerFactory } from '../../src/sip/fake-session-description-handler.js';
import { answerDirection, buildFakeSdp, type MediaDirection, sdpDirection } from '../../src/sip/fake-sdp.js';

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

  it('reads the audio stream’s direction, the session level as fallback, sendrecv by default', () => {
    expect(sdpDirection('v=0\r\nm=audio 9 RTP/AVP 0\r\n')).toBe('sendrecv');
    expect(sdpDirection('v=0\r\na=inactive\r\nm=audio 9 RTP/AVP 0\r\n')).toBe('inactive');
    expect(sdpDirection('v=0\r\na=inactive\r\nm=audio 9 RTP/AVP 0\r\na=recvonly\r\n')).toBe('recvonly');
    expect(sdpDirection('v=0\r\nm=video 9 RTP/AVP 96\r\na=inactive\r\nm=audio 9 RTP/AVP 0\r\na=sendonly\r\n')).toBe(
      'sendonly',
    );
  });

  it('answers per RFC 3264 §6.1', () => {
    const table: [MediaDirection, boolean, MediaDirection][] = [
      ['sendrecv', false, 'sendrecv'],
      ['sendonly', false, 'recvonly'],
      ['recvonly', false, 'sendonly'],
      ['inactive', false, 'inactive'],
      ['sendrecv', true, 'recvonly'],
      ['sendonly', true, 'recvonly'],
      ['recvonly', true, 'inactive'],
    ];
    for (const [offer, hold, answer] of table) expect(answerDirection(offer, hold), `${offer}/${hold}`).toBe(answer);
  });
});

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
