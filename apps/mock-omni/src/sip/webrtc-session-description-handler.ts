import {
  answerDirection,
  directionReceives,
  directionSends,
  type MediaDirection,
  offerDirection,
  sdpDirection,
} from '@omnikit/contracts/sdp';
import type { BodyAndContentType, Session, SessionDescriptionHandler, SessionDescriptionHandlerFactory } from 'sip.js';
import { RTCPeerConnection, type RTCRtpTransceiver, RtpHeader, RtpPacket, useOPUS } from 'werift';
import type { BridgeMedia, BridgeMediaStats } from './bridge-media.js';
import type { FakeMediaOptions } from './fake-session-description-handler.js';
import { OPUS_FRAME_MS, OPUS_FRAME_SAMPLES, toneOpusFrames } from './opus-tone.js';
import { NotWebrtcSdpError, type RefusesNonWebrtcSdp, webrtcSdpProblem } from './webrtc-sdp-problem.js';

export interface WebrtcMediaConfig {
  /** Wall clock (RTP pacing and the counters' times). */
  now?: () => number;
  /** Extra host addresses for ICE (werift skips loopback otherwise); default `["127.0.0.1"]`. */
  iceAdditionalHostAddresses?: string[];
  /** How long the offer waits for ICE candidates to be gathered (default 3 s). */
  gatheringTimeoutMs?: number;
  log?(level: 'warn' | 'error', message: string): void;
}

const DIRECTION_LINE = /^a=(?:sendrecv|sendonly|recvonly|inactive)(?=\r?$)/gm;
const AUDIBLE_CHECK_EVERY = 5;
/** At most this many frames are sent in one tick to catch up after a stalled event loop. */
const MAX_CATCH_UP_FRAMES = 5;

function iceUfrag(sdp: string): string | undefined {
  return /^a=ice-ufrag:(\S+)/m.exec(sdp)?.[1];
}

/**
 * The mock's side of a bridge leg with real audio (`--media webrtc`): a werift RTCPeerConnection
 * behind sip.js's SessionDescriptionHandler. The mock always offers (the bridge INVITE carries the
 * offer; the phone answers); the first offer/answer sets up ICE, DTLS-SRTP and Opus. Later offers
 * and answers (hold and retrieve by re-INVITE, either way) only change the direction attribute of
 * the same description — the ICE and DTLS session stays — and the direction decides whether the
 * mock sends: it plays the customer's voice (a generated Opus loop, one frame per 20 ms) while the
 * call is bridged (`audible()`), the mock does not hold, and the phone accepts audio. Everything the
 * phone sends is counted. The phone's SDP must have WebRTC's shape (Inferred, see webrtc-sdp-problem.ts): plain RTP,
 * or no ICE credentials or DTLS fingerprint, is refused. A WebRTC-shaped answer with no ICE candidates at all (the
 * sdk's headless phone) can never connect: the call goes on without audio, as with `--media fake`.
 *
 * Offer/answer states: `stable` (nothing pending), `have-local-offer` (our offer sent, waiting for
 * the answer), `have-remote-offer` (the phone re-offered, our answer owed); `closed` once the
 * session ends (the peer connection is closed, the sender stops).
 */
class WebrtcSessionDescriptionHandler implements SessionDescriptionHandler, BridgeMedia, RefusesNonWebrtcSdp {
  sdpRefusal: string | undefined;
  private offerState: 'stable' | 'have-local-offer' | 'have-remote-offer' | 'closed' = 'stable';
  private readonly pc: RTCPeerConnection;
  private readonly transceiver: RTCRtpTransceiver;
  private readonly now: () => number;
  /** Our description once ICE gathering finished; later descriptions only change its direction. */
  private localSdp: string | undefined;
  private remoteApplied = false;
  /** The phone's answer had no ICE candidates: a phone without real media. */
  private medialess = false;
  private remoteUfrag: string | undefined;
  private sdpVersion = 0;
  private localDirection: MediaDirection = 'sendrecv';
  /** The mock holds the phone (its last offer or answer said so): it sends nothing then. */
  private localHold = false;
  private remoteDirection: MediaDirection = 'sendrecv';
  private audible: () => boolean = () => false;
  private audibleNow = false;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private tickCount = 0;
  private framesDue = 0;
  private clockStart = 0;
  private sequence = 0;
  private frameIndex = 0;
  private playing = false;
  private readonly counters = {
    packetsSent: 0,
    bytesSent: 0,
    packetsReceived: 0,
    bytesReceived: 0,
    startedAt: 0,
    firstPacketSentAt: null as number | null,
    lastPacketSentAt: null as number | null,
    firstPacketReceivedAt: null as number | null,
    lastPacketReceivedAt: null as number | null,
  };

  constructor(private readonly config: WebrtcMediaConfig) {
    this.now = config.now ?? Date.now;
    this.counters.startedAt = this.now();
    this.pc = new RTCPeerConnection({
      iceServers: [],
      iceAdditionalHostAddresses: config.iceAdditionalHostAddresses ?? ['127.0.0.1'],
      iceUseIpv6: false,
      // Opus as browsers offer it (payload type 111, in-band FEC).
      codecs: { audio: [useOPUS({ payloadType: 111, parameters: 'minptime=10;useinbandfec=1' })] },
    });
    this.transceiver = this.pc.addTransceiver('audio', { direction: 'sendrecv' });
    this.transceiver.onTrack.subscribe((track) => {
      track.onReceiveRtp.subscribe((rtp) => {
        const at = this.now();
        this.counters.packetsReceived += 1;
        this.counters.bytesReceived += rtp.payload.length;
        this.counters.firstPacketReceivedAt ??= at;
        this.counters.lastPacketReceivedAt = at;
      });
    });
    this.pc.connectionStateChange.subscribe((state) => {
      if (state === 'connected') this.startSending();
      if (state === 'failed') this.config.log?.('warn', 'a bridge leg’s media failed to connect (ICE/DTLS)');
    });
  }

  stats(): BridgeMediaStats {
    return {
      state: this.offerState === 'closed' ? 'closed' : this.medialess ? 'none' : this.pc.connectionState,
      playing: this.playing,
      localDirection: this.localDirection,
      remoteDirection: this.remoteDirection,
      ...this.counters,
    };
  }

  setAudioSource(audible: () => boolean): void {
    this.audible = audible;
    this.audibleNow = audible();
  }

  close(): void {
    if (this.offerState === 'closed') return;
    this.offerState = 'closed';
    this.playing = false;
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = undefined;
    this.pc.close().catch(() => undefined);
  }

  async getDescription(options?: FakeMediaOptions): Promise<BodyAndContentType> {
    if (this.offerState === 'closed') throw new Error('the session description handler is closed');
    const hold = options?.hold === true;
    this.localHold = hold;
    if (this.offerState === 'have-remote-offer') {
      this.localDirection = answerDirection(this.remoteDirection, hold);
      this.offerState = 'stable';
    } else {
      this.localDirection = offerDirection(hold);
      this.offerState = 'have-local-offer';
    }
    const base = this.localSdp ?? (await this.firstOffer());
    return { body: this.describe(base), contentType: 'application/sdp' };
  }

  hasDescription(contentType: string): boolean {
    return contentType === 'application/sdp';
  }

  async rollbackDescription(): Promise<void> {
    if (this.offerState !== 'closed') this.offerState = 'stable';
  }

  async setDescription(sdp: string): Promise<void> {
    if (this.offerState === 'closed') throw new Error('the session description handler is closed');
    if (!/^m=audio /m.test(sdp)) throw new Error('the SDP has no audio stream');
    const problem = webrtcSdpProblem(sdp);
    if (problem !== undefined) {
      this.sdpRefusal = problem;
      throw new NotWebrtcSdpError(problem);
    }
    const ufrag = iceUfrag(sdp);
    if (this.offerState !== 'have-local-offer') {
      // The phone re-offers (its own hold, or an offerless re-INVITE's ACK): same ICE session only.
      if (!this.remoteApplied)
        throw new Error('the mock offers first: an initial offer from the phone is not supported');
      if (ufrag !== this.remoteUfrag) throw new Error('ICE restart is not supported by the mock');
      this.remoteDirection = sdpDirection(sdp);
      this.offerState = 'have-remote-offer';
      return;
    }
    if (!this.remoteApplied) {
      if (!/^a=candidate:/m.test(sdp)) {
        // A headless phone (WebRTC's shape, no candidates): ICE could never connect. The call goes on
        // without audio, as with --media fake, rather than failing the agent's login.
        this.medialess = true;
        this.pc.close().catch(() => undefined);
      } else {
        await this.pc.setRemoteDescription({ type: 'answer', sdp });
      }
      this.remoteApplied = true;
      this.remoteUfrag = ufrag;
    } else if (ufrag !== this.remoteUfrag) {
      throw new Error('ICE restart is not supported by the mock');
    }
    this.remoteDirection = sdpDirection(sdp);
    this.offerState = 'stable';
  }

  sendDtmf(): boolean {
    return false;
  }

  /** Creates the offer and waits until ICE gathering completes (SIP carries no trickled candidates). */
  private async firstOffer(): Promise<string> {
    const offer = await this.pc.createOffer();
    await this.pc.setLocalDescription(offer);
    if (this.pc.iceGatheringState !== 'complete') {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, this.config.gatheringTimeoutMs ?? 3_000);
        const { unSubscribe } = this.pc.iceGatheringStateChange.subscribe((state) => {
          if (state === 'complete') done();
        });
        function done() {
          clearTimeout(timer);
          unSubscribe();
          resolve();
        }
      });
    }
    const sdp = this.pc.localDescription?.sdp;
    if (!sdp) throw new Error('werift produced no local description');
    this.localSdp = sdp;
    return sdp;
  }

  /** Our description with the current direction and a fresh `o=` version (RFC 3264 §8). */
  private describe(base: string): string {
    this.sdpVersion += 1;
    return base
      .replace(DIRECTION_LINE, `a=${this.localDirection}`)
      .replace(/^(o=\S+ \S+ )\S+/m, (_match, head: string) => `${head}${this.sdpVersion}`);
  }

  /** Paces Opus frames on the wall clock once DTLS is up; frames are sent only while audible. */
  private startSending(): void {
    if (this.ticker || this.offerState === 'closed') return;
    toneOpusFrames();
    this.clockStart = this.now();
    this.framesDue = 0;
    this.ticker = setInterval(() => this.tick(), OPUS_FRAME_MS);
    // A leg never keeps the process alive by itself (the server and its sockets do).
    this.ticker.unref();
  }

  private tick(): void {
    if (this.tickCount % AUDIBLE_CHECK_EVERY === 0) {
      try {
        this.audibleNow = this.audible();
      } catch (error) {
        this.audibleNow = false;
        this.config.log?.('error', `the bridge leg’s audio source failed: ${String(error)}`);
      }
    }
    this.tickCount += 1;
    const elapsedFrames = Math.floor((this.now() - this.clockStart) / OPUS_FRAME_MS);
    const send =
      this.audibleNow &&
      !this.localHold &&
      directionSends(this.localDirection) &&
      directionReceives(this.remoteDirection);
    const wasPlaying = this.playing;
    this.playing = send;
    if (!send) {
      // Silence sends nothing, but the RTP clock runs on: timestamps keep pace with real time.
      this.framesDue = elapsedFrames;
      return;
    }
    const frames = toneOpusFrames();
    let first = !wasPlaying;
    const from = Math.max(this.framesDue, elapsedFrames - MAX_CATCH_UP_FRAMES);
    for (let n = from; n <= elapsedFrames; n += 1) {
      const payload = frames[this.frameIndex % frames.length];
      if (!payload) break;
      this.frameIndex += 1;
      this.sequence = (this.sequence + 1) & 0xffff;
      // Marker on the first packet of a talk spurt (RFC 7587 §4.1 / RFC 3551).
      const header = new RtpHeader({
        sequenceNumber: this.sequence,
        timestamp: (n * OPUS_FRAME_SAMPLES) >>> 0,
        marker: first,
      });
      first = false;
      this.transceiver.sender.sendRtp(new RtpPacket(header, payload)).catch(() => undefined);
      const at = this.now();
      this.counters.packetsSent += 1;
      this.counters.bytesSent += payload.length;
      this.counters.firstPacketSentAt ??= at;
      this.counters.lastPacketSentAt = at;
    }
    this.framesDue = elapsedFrames + 1;
  }
}

/** A sip.js factory giving each bridge leg a werift peer connection that plays the customer's voice. */
export function createWebrtcSessionDescriptionHandlerFactory(
  config: WebrtcMediaConfig = {},
): SessionDescriptionHandlerFactory {
  // Encode the voice now (~50 ms, once per process) rather than in the first call's media path.
  toneOpusFrames();
  return (_session: Session) => new WebrtcSessionDescriptionHandler(config);
}
