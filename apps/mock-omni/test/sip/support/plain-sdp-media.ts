/**
 * The phone side of the SIP tests: a headless phone describing itself as the sdk's does (plain RTP, no ICE
 * credentials, no DTLS fingerprint: `buildFakeSdp`), over the mock's fake handler's offer/answer states. The mock's
 * own side describes itself in WebRTC's shape (`buildFakeWebrtcSdp`), which a browser accepts; a test phone that
 * did too would pass for a real WebRTC peer in `--media webrtc`.
 *
 * @module
 */

import { buildFakeSdp, sdpDirection } from '@omnikit/contracts/sdp';
import type { SessionDescriptionHandlerFactory } from 'sip.js';
import { createFakeSessionDescriptionHandlerFactory } from '../../../src/sip/fake-session-description-handler.js';

export function createPlainSdpMediaFactory(): SessionDescriptionHandlerFactory {
  const fake = createFakeSessionDescriptionHandlerFactory();
  return (session, options) => {
    const handler = fake(session, options);
    const describe = handler.getDescription.bind(handler);
    handler.getDescription = async (...args) => {
      const description = await describe(...args);
      const [, id = '1', version = '1'] = /^o=- (\d+) (\d+) /m.exec(description.body) ?? [];
      return { ...description, body: buildFakeSdp(id, Number(version), sdpDirection(description.body)) };
    };
    return handler;
  };
}
