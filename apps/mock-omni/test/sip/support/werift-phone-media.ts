import { answerDirection, type MediaDirection, sdpDirection } from '@omnikit/contracts/sdp';
import type { BodyAndContentType, SessionDescriptionHandler, SessionDescriptionHandlerFactory } from 'sip.js';
import { RTCPeerConnection, RtpHeader, RtpPacket, useOPUS } from 'werift';
import { OPUS_FRAME_MS, OPUS_FRAME_SAMPLES, toneOpusFrames } from '../../../src/sip/opus-tone.js';

/**
 * A headless phone's real media for Node tests and the media bench: a werift peer that answers
 * the mock's offer (ICE on 127.0.0.1, DTLS-SRTP, Opus), sends the same Opus loop as its
 * "microphone" while its answer lets it send, and keeps every payload it receives so a test can
 * decode and measure it. Re-offers (hold/retrieve) only change the direction, as the mock's do.
 */
export class WeriftPhoneMedia implements SessionDescriptionHandler {
  readonly received: Buffer[] = [];
  packetsSent = 0;
  firstPacketAt: number | undefined;
  private readonly pc = new RTCPeerConnection({
    iceServers: [],
    iceAdditionalHostAddresses: ['127.0.0.1'],
    iceUseIpv6: false,
    codecs: { audio: [useOPUS()] },
  });
  private localSdp: string | undefined;
  private remoteDirection: MediaDirection = 'sendrecv';
  private localDirection: MediaDirection = 'sendrecv';
  private ticker: ReturnType<typeof setInterval> | undefined;
  private sequence = 0;
  private frame = 0;
  private startedAt = 0;

  constructor() {
    // Added before the offer arrives, the offer's audio section takes it over: the phone talks too.
    this.pc.addTransceiver('audio', { direction: 'sendrecv' });
    this.pc.onTrack.subscribe((track) => {
      track.onReceiveRtp.subscribe((rtp) => {
        this.firstPacketAt ??= Date.now();
        this.received.push(Buffer.from(rtp.payload));
      });
    });
    this.pc.connectionStateChange.subscribe((state) => {
      if (state !== 'connected' || this.ticker) return;
      this.startedAt = Date.now();
      this.ticker = setInterval(() => this.pace(), OPUS_FRAME_MS);
    });
  }

  get direction(): MediaDirection {
    return this.localDirection;
  }

  get connectionState(): string {
    return this.pc.connectionState;
  }

  close(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = undefined;
    this.pc.close().catch(() => undefined);
  }

  async setDescription(sdp: string): Promise<void> {
    this.remoteDirection = sdpDirection(sdp);
    if (this.localSdp !== undefined) return;
    await this.pc.setRemoteDescription({ type: 'offer', sdp });
  }

  async getDescription(): Promise<BodyAndContentType> {
    this.localDirection = answerDirection(this.remoteDirection, false);
    if (this.localSdp === undefined) {
      await this.pc.setLocalDescription(await this.pc.createAnswer());
      if (this.pc.iceGatheringState !== 'complete') {
        await new Promise<void>((resolve) => {
          const { unSubscribe } = this.pc.iceGatheringStateChange.subscribe((state) => {
            if (state !== 'complete') return;
            unSubscribe();
            resolve();
          });
        });
      }
      this.localSdp = this.pc.localDescription?.sdp ?? '';
    }
    const body = this.localSdp.replace(
      /^a=(?:sendrecv|sendonly|recvonly|inactive)(?=\r?$)/gm,
      `a=${this.localDirection}`,
    );
    return { body, contentType: 'application/sdp' };
  }

  hasDescription(contentType: string): boolean {
    return contentType === 'application/sdp';
  }

  sendDtmf(): boolean {
    return false;
  }

  /** Sends every frame due by the wall clock (timers run late on a busy machine), at most 5 at once. */
  private pace(): void {
    const due = Math.floor((Date.now() - this.startedAt) / OPUS_FRAME_MS);
    if (due - this.frame > 5) this.frame = due - 5;
    while (this.frame < due) this.send();
  }

  private send(): void {
    this.frame += 1;
    if (this.localDirection !== 'sendrecv' && this.localDirection !== 'sendonly') return;
    const frames = toneOpusFrames();
    const payload = frames[this.frame % frames.length];
    if (!payload) return;
    this.sequence = (this.sequence + 1) & 0xffff;
    const header = new RtpHeader({ sequenceNumber: this.sequence, timestamp: (this.frame * OPUS_FRAME_SAMPLES) >>> 0 });
    const sender = this.pc.getTransceivers()[0]?.sender;
    sender?.sendRtp(new RtpPacket(header, payload)).catch(() => undefined);
    this.packetsSent += 1;
  }
}

/** A sip.js factory for {@link WeriftPhoneMedia}; `created` lists each call's media. */
export function createWeriftPhoneMediaFactory(created: WeriftPhoneMedia[] = []): SessionDescriptionHandlerFactory {
  return () => {
    const media = new WeriftPhoneMedia();
    created.push(media);
    return media;
  };
}
