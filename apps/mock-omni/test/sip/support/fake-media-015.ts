import type {
  Session,
  SessionDescriptionHandler,
  SessionDescriptionHandlerFactory,
} from 'sip.js-0.15/lib/api/index.js';

/**
 * A session description handler for sip.js 0.15 (TForge's sample webphone): valid SDP without
 * media, answering the direction the peer offers (sendonly → recvonly) and recording each offered
 * direction in `directions`, so a test can see the mock's hold and retrieve re-INVITEs.
 */
export function fakeMedia015(directions: string[]): SessionDescriptionHandlerFactory {
  return (_session: Session) => {
    let peer = 'sendrecv';
    let version = 0;
    const handler: SessionDescriptionHandler = {
      close: () => undefined,
      async getDescription() {
        version += 1;
        const answer = peer === 'sendonly' ? 'recvonly' : peer === 'recvonly' ? 'sendonly' : peer;
        const body = [
          'v=0',
          `o=- 15 ${version} IN IP4 127.0.0.1`,
          's=-',
          'c=IN IP4 0.0.0.0',
          't=0 0',
          'm=audio 9 RTP/AVP 0',
          'a=rtpmap:0 PCMU/8000',
          `a=${answer}`,
          '',
        ].join('\r\n');
        return { body, contentType: 'application/sdp' };
      },
      hasDescription: (contentType: string) => contentType === 'application/sdp',
      holdModifier: async (description) => description,
      async setDescription(sdp: string) {
        peer = /^a=(sendrecv|sendonly|recvonly|inactive)\r?$/m.exec(sdp)?.[1] ?? 'sendrecv';
        directions.push(peer);
      },
      sendDtmf: () => false,
    };
    return handler;
  };
}
