/**
 * What a bridge leg's real media offers the rest of the mock (`--media webrtc`), kept apart from the werift handler
 * itself so that the default fake path never imports werift (about half a second of start-up).
 *
 * @module
 */

import type { MediaDirection } from '@omnikit/contracts/sdp';
import type { SessionDescriptionHandler } from 'sip.js';

/**
 * The state of a leg's peer connection, as werift reports it (`closed` once the session ended);
 * `none` when the phone answered without WebRTC media (a headless phone's SDP: WebRTC's shape, no ICE candidates).
 */
export type BridgeMediaState = 'none' | 'new' | 'connecting' | 'connected' | 'disconnected' | 'failed' | 'closed';

/** Counters of one bridge leg's real media. Times are wall-clock epoch ms. */
export interface BridgeMediaStats {
  state: BridgeMediaState;
  /** Whether the customer's voice is being sent right now. */
  playing: boolean;
  /** Direction the mock offered or answered last (`sendonly` while it holds the phone). */
  localDirection: MediaDirection;
  /** Direction the phone's SDP asked for last. */
  remoteDirection: MediaDirection;
  packetsSent: number;
  /** RTP payload bytes (Opus), as WebRTC's `bytesSent` counts them. */
  bytesSent: number;
  packetsReceived: number;
  bytesReceived: number;
  /** When the first offer was made (the INVITE). */
  startedAt: number;
  firstPacketSentAt: number | null;
  lastPacketSentAt: number | null;
  firstPacketReceivedAt: number | null;
  lastPacketReceivedAt: number | null;
}

/** What a bridge leg asks of its media: counters, and whether the customer side is talking. */
export interface BridgeMedia {
  stats(): BridgeMediaStats;
  /** `audible()` is asked every 100 ms: the customer's voice plays while it says true. */
  setAudioSource(audible: () => boolean): void;
}

/** True for a session description handler that carries real media (`--media webrtc`). */
export function isBridgeMedia(
  handler: SessionDescriptionHandler | undefined,
): handler is SessionDescriptionHandler & BridgeMedia {
  const candidate = handler as Partial<BridgeMedia> | undefined;
  return typeof candidate?.stats === 'function' && typeof candidate.setAudioSource === 'function';
}
