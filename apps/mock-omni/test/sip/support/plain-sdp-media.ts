/**
 * A phone that is not WebRTC, for the tests of its refusal: it describes itself with plain RTP (`RTP/AVP`, no ICE
 * credentials, no DTLS fingerprint: `buildFakeSdp`) over the mock's fake handler's offer/answer states, as the sdk's
 * headless phone once did. A WebRTC extension does not accept it: the mock answers its offers with 488 and hangs up
 * a call it answers with it.
 *
 * @module
 */

import { buildFakeSdp, sdpDirection } from '@omnikit/contracts/sdp';
import type { SessionDescriptionHandlerFactory } from 'sip.js';
import { createFakeSessionDescriptionHandlerFactory } from '../../../src/sip/fake-session-description-handler.js';

/** Plain SDP in every offer and answer, or only while `plain()` says so (WebRTC's shape otherwise). */
export function createPlainSdpMediaFactory(plain: () => boolean = () => true): SessionDescriptionHandlerFactory {
  const fake = createFakeSessionDescriptionHandlerFactory();
  return (session, options) => {
    const handler = fake(session, options);
    const describe = handler.getDescription.bind(handler);
    handler.getDescription = async (...args) => {
      const description = await describe(...args);
      if (!plain()) return description;
      const [, id = '1', version = '1'] = /^o=- (\d+) (\d+) /m.exec(description.body) ?? [];
      return { ...description, body: buildFakeSdp(id, Number(version), sdpDirection(description.body)) };
    };
    return handler;
  };
}
