import { answerDirection, buildFakeWebrtcSdp, type MediaDirection, sdpDirection } from '@omnikit/contracts/sdp';
import type {
  Session,
  SessionDescriptionHandler,
  SessionDescriptionHandlerFactory,
} from 'sip.js-0.15/lib/api/index.js';

/**
 * A session description handler for sip.js 0.15 (TForge's sample webphone): valid SDP without
 * media, in WebRTC's shape as the browser it runs in would answer (DTLS `active` to the mock's
 * `actpass`), answering the direction the peer offers (sendonly → recvonly) and recording each
 * offered direction in `directions`, so a test can see the mock's hold and retrieve re-INVITEs.
 */
export function fakeMedia015(directions: string[]): SessionDescriptionHandlerFactory {
  return (_session: Session) => {
    let peer: MediaDirection = 'sendrecv';
    let version = 0;
    const handler: SessionDescriptionHandler = {
      close: () => undefined,
      async getDescription() {
        version += 1;
        const body = buildFakeWebrtcSdp('15', version, answerDirection(peer, false), 'active');
        return { body, contentType: 'application/sdp' };
      },
      hasDescription: (contentType: string) => contentType === 'application/sdp',
      holdModifier: async (description) => description,
      async setDescription(sdp: string) {
        peer = sdpDirection(sdp);
        directions.push(peer);
      },
      sendDtmf: () => false,
    };
    return handler;
  };
}
