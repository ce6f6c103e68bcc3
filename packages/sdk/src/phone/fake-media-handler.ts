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
 * offer/answer with valid SDP and sends and receives nothing. The SDP has WebRTC's shape, as a browser's
 * (the `UDP/TLS/RTP/SAVPF` profile, ICE credentials, a DTLS fingerprint and role, no candidates): Omni's
 * extensions are WebRTC, and a WebRTC SIP server refuses plain RTP with 488 Not Acceptable Here. It
 * remembers what was negotiated so tests can look: the peer's last direction and whether our sending is
 * enabled (mute).
 *
 * The DTLS role (RFC 5763): `actpass` in every offer; the first answer takes `active` to an `actpass` or
 * `passive` offer and `passive` to an `active` one, or, after our own offer, the role the peer's answer
 * left us; every later answer keeps that role.
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
  /** The peer's DTLS setup from its last offer (what our answer's role depends on). */
  private remoteSetup: DtlsSetup | undefined;
  /** Our DTLS role once an answer settled it. */
  private dtlsRole: 'active' | 'passive' | undefined;

  get closed(): boolean {
    return this.state === 'closed';
  }

  close(): void {
    this.state = 'closed';
  }

  async getDescription(options?: FakeMediaOptions): Promise<BodyAndContentType> {
    if (this.state === 'closed') throw new Error('the media handler is closed');
    const hold = options?.hold === true;
    let setup: DtlsSetup;
    if (this.state === 'have-remote-offer') {
      this.localDirection = answerDirection(this.remoteDirection, hold);
      this.dtlsRole ??= answerDtlsRole(this.remoteSetup);
      setup = this.dtlsRole;
      this.state = 'stable';
    } else {
      this.localDirection = offerDirection(hold);
      setup = 'actpass';
      this.state = 'have-local-offer';
    }
    this.version += 1;
    return {
      body: buildFakeWebrtcSdp(this.sessionId, this.version, this.localDirection, setup),
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
    if (this.state === 'closed') throw new Error('the media handler is closed');
    if (!/^v=0\r?$/m.test(sdp) || !/^m=audio /m.test(sdp)) throw new Error('the SDP has no audio stream');
    this.remoteDirection = sdpDirection(sdp);
    const setup = sdpSetup(sdp);
    if (this.state === 'have-local-offer') {
      // Their answer to our actpass took a role: ours is the other one.
      this.dtlsRole ??= dtlsRoleAfterAnswer(setup);
      this.state = 'stable';
    } else {
      this.remoteSetup = setup;
      this.state = 'have-remote-offer';
    }
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
