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

/**
 * Options sip.js passes on for a (re-)INVITE; `hold` offers sendonly.
 *
 * @example
 * ```ts
 * import { FakeMediaHandler, type FakeMediaOptions } from '@omnikit/sdk';
 *
 * // What sip.js passes for a re-INVITE that holds the call: the offer says sendonly.
 * const media = new FakeMediaHandler();
 * const options: FakeMediaOptions = { hold: true };
 * const offer = await media.getDescription(options);
 * console.log(offer.body.includes('a=sendonly')); // true
 * ```
 */
export interface FakeMediaOptions extends SessionDescriptionHandlerOptions {
  hold?: boolean;
}

/**
 * Media for headless phones (Node, CI): a sip.js session description handler that completes
 * offer/answer with valid SDP and sends and receives nothing. It remembers what was negotiated so
 * tests can look: the peer's last direction and whether our sending is enabled (mute).
 *
 * Offer/answer states: `stable` (nothing pending), `have-local-offer` (our offer sent),
 * `have-remote-offer` (their offer received, our answer owed); `closed` when the session ends.
 *
 * @example
 * ```ts
 * import WebSocket from 'ws';
 * import { createFakeMediaHandlerFactory, FakeMediaHandler, OmniPhone } from '@omnikit/sdk';
 *
 * const phone = new OmniPhone({
 *   server: 'ws://127.0.0.1:4010/ws',
 *   extension: '1001',
 *   password: 'webrtc1',
 *   WebSocket,
 *   mediaHandlerFactory: createFakeMediaHandlerFactory(),
 * });
 * phone.on('hold', () => {
 *   const media = phone.mediaHandler;
 *   if (media instanceof FakeMediaHandler) console.log(media.remoteDirection); // sendonly while Omni holds
 * });
 * ```
 */
export class FakeMediaHandler implements SessionDescriptionHandler {
  /** The peer's direction from its last offer or answer. */
  remoteDirection: MediaDirection = 'sendrecv';
  /** The direction of our last offer or answer. */
  localDirection: MediaDirection = 'sendrecv';
  /** False while muted (sip.js's web handler calls the same method on its tracks). */
  sending = true;
  private state: 'stable' | 'have-local-offer' | 'have-remote-offer' | 'closed' = 'stable';
  private readonly sessionId = String(Math.floor(Math.random() * 2 ** 47) + 1);
  private version = 0;

  get closed(): boolean {
    return this.state === 'closed';
  }

  close(): void {
    this.state = 'closed';
  }

  async getDescription(options?: FakeMediaOptions): Promise<BodyAndContentType> {
    if (this.state === 'closed') throw new Error('the media handler is closed');
    const hold = options?.hold === true;
    if (this.state === 'have-remote-offer') {
      this.localDirection = answerDirection(this.remoteDirection, hold);
      this.state = 'stable';
    } else {
      this.localDirection = offerDirection(hold);
      this.state = 'have-local-offer';
    }
    this.version += 1;
    return { body: buildFakeSdp(this.sessionId, this.version, this.localDirection), contentType: 'application/sdp' };
  }

  hasDescription(contentType: string): boolean {
    return contentType === 'application/sdp';
  }

  async rollbackDescription(): Promise<void> {
    if (this.state !== 'closed') this.state = 'stable';
  }

  async setDescription(sdp: string): Promise<void> {
    if (this.state === 'closed') throw new Error('the media handler is closed');
    if (!/^v=0\r?$/m.test(sdp) || !/^m=audio /m.test(sdp)) throw new Error('the SDP has no audio stream');
    this.remoteDirection = sdpDirection(sdp);
    this.state = this.state === 'have-local-offer' ? 'stable' : 'have-remote-offer';
  }

  sendDtmf(): boolean {
    return false;
  }

  enableSenderTracks(enable: boolean): void {
    this.sending = enable;
  }
}

/**
 * A sip.js factory giving each call a {@link FakeMediaHandler}: pass it to OmniPhone in Node.
 *
 * @example
 * ```ts
 * import WebSocket from 'ws';
 * import { createFakeMediaHandlerFactory, OmniPhone } from '@omnikit/sdk';
 *
 * // A headless phone (Node, CI): registers and answers with valid SDP, sends no audio.
 * const phone = new OmniPhone({
 *   server: 'ws://127.0.0.1:4010/ws',
 *   extension: '1001',
 *   password: 'webrtc1',
 *   WebSocket,
 *   mediaHandlerFactory: createFakeMediaHandlerFactory(),
 * });
 * ```
 */
export function createFakeMediaHandlerFactory(): SessionDescriptionHandlerFactory {
  return (_session: Session) => new FakeMediaHandler();
}
