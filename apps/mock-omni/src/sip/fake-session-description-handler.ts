import { randomInt } from 'node:crypto';
import {
  answerDirection,
  buildFakeSdp,
  type MediaDirection,
  offerDirection,
  sdpDirection,
} from '@omnikit/contracts/sdp';
import type {
  BodyAndContentType,
  Session,
  SessionDescriptionHandler,
  SessionDescriptionHandlerFactory,
  SessionDescriptionHandlerOptions,
} from 'sip.js';

/** Options the bridge leg passes on (re-)INVITE: `hold` puts the phone on hold. */
export interface FakeMediaOptions extends SessionDescriptionHandlerOptions {
  hold?: boolean;
}

/**
 * The mock's default media (`--media fake`): offer/answer with valid SDP and no media at all.
 * States of the offer/answer exchange: `stable` (nothing pending), `have-local-offer` (our offer
 * sent, waiting for the answer), `have-remote-offer` (their offer received, our answer owed);
 * `closed` once the session ends.
 */
class FakeSessionDescriptionHandler implements SessionDescriptionHandler {
  private state: 'stable' | 'have-local-offer' | 'have-remote-offer' | 'closed' = 'stable';
  private readonly sessionId = String(randomInt(1, 2 ** 47));
  private version = 0;
  private remoteDirection: MediaDirection = 'sendrecv';

  close(): void {
    this.state = 'closed';
  }

  async getDescription(options?: FakeMediaOptions): Promise<BodyAndContentType> {
    if (this.state === 'closed') throw new Error('the session description handler is closed');
    const hold = options?.hold === true;
    let direction: MediaDirection;
    if (this.state === 'have-remote-offer') {
      direction = answerDirection(this.remoteDirection, hold);
      this.state = 'stable';
    } else {
      direction = offerDirection(hold);
      this.state = 'have-local-offer';
    }
    this.version += 1;
    return { body: buildFakeSdp(this.sessionId, this.version, direction), contentType: 'application/sdp' };
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
    this.remoteDirection = sdpDirection(sdp);
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
