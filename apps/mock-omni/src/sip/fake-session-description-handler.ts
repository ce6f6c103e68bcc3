import { randomInt } from 'node:crypto';
import {
  answerDirection,
  answerDtlsRole,
  buildFakeWebrtcSdp,
  type DtlsSetup,
  dtlsRoleAfterAnswer,
  type MediaDirection,
  offerDirection,
  sdpDirection,
  sdpSetup,
} from '@omnikit/contracts/sdp';
import type {
  BodyAndContentType,
  Session,
  SessionDescriptionHandler,
  SessionDescriptionHandlerFactory,
  SessionDescriptionHandlerOptions,
} from 'sip.js';
import { NotWebrtcSdpError, type RefusesNonWebrtcSdp, webrtcSdpProblem } from './webrtc-sdp-problem.js';

/** Options the bridge leg passes on (re-)INVITE: `hold` puts the phone on hold. */
export interface FakeMediaOptions extends SessionDescriptionHandlerOptions {
  hold?: boolean;
}

/**
 * The mock's default media (`--media fake`): offer/answer with valid SDP and no media at all. The SDP has the shape of
 * WebRTC's (ICE credentials, a DTLS fingerprint and role, no candidates), so a browser's phone accepts the bridge call
 * as a headless one does; no audio ever flows. The DTLS role, once an answer has settled it, stays the same in every
 * later answer of the session, as RFC 5763 asks. The phone's own SDP must have WebRTC's shape too (Inferred, see
 * webrtc-sdp-problem.ts): anything else is refused, which sip.js turns into a 488 (re-INVITE) or an ACK and BYE (200 OK).
 * States of the offer/answer exchange: `stable` (nothing pending), `have-local-offer` (our offer
 * sent, waiting for the answer), `have-remote-offer` (their offer received, our answer owed);
 * `closed` once the session ends.
 */
class FakeSessionDescriptionHandler implements SessionDescriptionHandler, RefusesNonWebrtcSdp {
  sdpRefusal: string | undefined;
  private state: 'stable' | 'have-local-offer' | 'have-remote-offer' | 'closed' = 'stable';
  private readonly sessionId = String(randomInt(1, 2 ** 47));
  private version = 0;
  private remoteDirection: MediaDirection = 'sendrecv';
  /** Our DTLS role once the first answer settled it (undefined: not yet). */
  private dtlsRole: 'active' | 'passive' | undefined;
  /** The phone's DTLS setup in its last offer (what our answer's role depends on). */
  private remoteSetup: DtlsSetup | undefined;

  close(): void {
    this.state = 'closed';
  }

  async getDescription(options?: FakeMediaOptions): Promise<BodyAndContentType> {
    if (this.state === 'closed') throw new Error('the session description handler is closed');
    const hold = options?.hold === true;
    let direction: MediaDirection;
    let setup: DtlsSetup;
    if (this.state === 'have-remote-offer') {
      direction = answerDirection(this.remoteDirection, hold);
      this.dtlsRole ??= answerDtlsRole(this.remoteSetup);
      setup = this.dtlsRole;
      this.state = 'stable';
    } else {
      direction = offerDirection(hold);
      setup = 'actpass';
      this.state = 'have-local-offer';
    }
    this.version += 1;
    return {
      body: buildFakeWebrtcSdp(this.sessionId, this.version, direction, setup),
      contentType: 'application/sdp',
    };
  }

  hasDescription(contentType: string): boolean {
    return contentType === 'application/sdp';
  }

  async rollbackDescription(): Promise<void> {
    if (this.state !== 'closed') this.state = 'stable';
  }

  async setDescription(sdp: string): Promise<void> {
    if (this.state === 'closed') throw new Error('the session description handler is closed');
    if (!/^v=0\r?$/m.test(sdp) || !/^m=audio /m.test(sdp)) throw new Error('the SDP has no audio stream');
    const problem = webrtcSdpProblem(sdp);
    if (problem !== undefined) {
      this.sdpRefusal = problem;
      throw new NotWebrtcSdpError(problem);
    }
    this.remoteDirection = sdpDirection(sdp);
    // Their answer to our actpass took a role (ours is the other one); their offer decides our answer's.
    if (this.state === 'have-local-offer') this.dtlsRole ??= dtlsRoleAfterAnswer(sdpSetup(sdp));
    else this.remoteSetup = sdpSetup(sdp);
    this.state = this.state === 'have-local-offer' ? 'stable' : 'have-remote-offer';
  }

  sendDtmf(): boolean {
    return false;
  }
}

/** A sip.js factory giving each session a fake (no media) description handler. */
export function createFakeSessionDescriptionHandlerFactory(): SessionDescriptionHandlerFactory {
  return (_session: Session) => new FakeSessionDescriptionHandler();
}
