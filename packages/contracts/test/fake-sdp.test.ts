import { describe, expect, it } from 'vitest';
import { buildFakeSdp, sdpDirection } from '../src/sdp/index.js';

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
});
