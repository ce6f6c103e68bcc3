import { describe, expect, it } from 'vitest';
import {
  answerDirection,
  directionReceives,
  directionSends,
  type MediaDirection,
  offerDirection,
  offerHolds,
  sdpDirection,
} from '../src/sdp/index.js';

describe('SDP direction', () => {
  it('reads the audio stream’s direction, the session level as fallback, sendrecv by default', () => {
    expect(sdpDirection('v=0\r\nm=audio 9 RTP/AVP 0\r\n')).toBe('sendrecv');
    expect(sdpDirection('v=0\r\na=inactive\r\nm=audio 9 RTP/AVP 0\r\n')).toBe('inactive');
    expect(sdpDirection('v=0\r\na=sendonly\r\nm=audio 9 RTP/AVP 0\r\n')).toBe('sendonly');
    expect(sdpDirection('v=0\r\na=inactive\r\nm=audio 9 RTP/AVP 0\r\na=recvonly\r\n')).toBe('recvonly');
    expect(sdpDirection('v=0\r\na=sendonly\r\nm=audio 9 RTP/AVP 0\r\na=inactive\r\n')).toBe('inactive');
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
      ['inactive', true, 'inactive'],
    ];
    for (const [offer, hold, answer] of table) expect(answerDirection(offer, hold), `${offer}/${hold}`).toBe(answer);
  });

  it('offers sendonly while holding and sendrecv otherwise, and knows which offers hold us', () => {
    expect(offerDirection(true)).toBe('sendonly');
    expect(offerDirection(false)).toBe('sendrecv');
    expect(offerHolds('sendonly')).toBe(true);
    expect(offerHolds('inactive')).toBe(true);
    expect(offerHolds('sendrecv')).toBe(false);
    expect(offerHolds('recvonly')).toBe(false);
  });

  it('says which directions send and which receive', () => {
    const all: MediaDirection[] = ['sendrecv', 'sendonly', 'recvonly', 'inactive'];
    expect(all.filter(directionSends)).toEqual(['sendrecv', 'sendonly']);
    expect(all.filter(directionReceives)).toEqual(['sendrecv', 'recvonly']);
  });
});
