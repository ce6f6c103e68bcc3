import type { BridgeLeg } from './bridge-leg.js';
import type { BridgeMedia } from './bridge-media.js';
import { SipBridgeError } from './sip-bridge-error.js';
import type { SipEdge } from './sip-edge.js';

export type PhoneHangupReason = 'phone-hangup' | 'connection-lost' | 'session-error';

export interface PhoneHangupEvent {
  bridgeId: string;
  systemId: string;
  extension: string;
  userId: number;
  reason: PhoneHangupReason;
}

export interface BridgeCall {
  /** Opaque id naming the leg in later calls. */
  bridgeId: string;
  systemId: string;
  extension: string;
  /** The SIP Call-ID of the leg. */
  callRef: string;
}

/**
 * Bridge legs to phones registered over SIP-over-WebSocket, by bridge id. This is the SIP side of
 * the engine's `NetworkPhones` port (engine/ports.ts): runtime/sip-phones.ts implements that port
 * with it, keeping which agent holds which leg. `placeBridgeCall` sends a real INVITE and resolves
 * when the phone answers (wall clock); hold/retrieve are re-INVITEs; a BYE from the phone or its
 * socket closing is reported through `onPhoneHangup`.
 */
export interface SipPhoneGateway {
  /** Whether the extension can take a bridge call now (registered and not expired). */
  isRegistered(systemId: string, extension: string): boolean;
  /**
   * Calls the extension; resolves once it answered. Rejects with an error carrying a `code`:
   * NOT_REGISTERED, NO_ANSWER (after `answerTimeoutMs` of wall clock), REJECTED, CONNECTION_LOST.
   */
  placeBridgeCall(systemId: string, extension: string, options: { answerTimeoutMs: number }): Promise<BridgeCall>;
  /** Puts the agent's leg on hold (the customer is parked). Resolves when the phone agreed. */
  hold(bridgeId: string): Promise<void>;
  /** Takes the agent's leg off hold. */
  retrieve(bridgeId: string): Promise<void>;
  /** Ends the leg from the mock's side (campaign logout). No `onPhoneHangup` for this one. */
  hangup(bridgeId: string): Promise<void>;
  /** A live leg's real media (`--media webrtc`); undefined with fake media or for an ended leg. */
  media(bridgeId: string): BridgeMedia | undefined;
  /** The phone ended a leg (hung up, or its connection dropped). Returns an unsubscribe function. */
  onPhoneHangup(listener: (event: PhoneHangupEvent) => void): () => void;
}

/** The {@link SipPhoneGateway} of a SIP edge. */
export function createSipPhoneGateway(edge: SipEdge): SipPhoneGateway {
  const legs = new Map<string, BridgeLeg>();
  const listeners = new Set<(event: PhoneHangupEvent) => void>();

  const leg = (bridgeId: string): BridgeLeg => {
    const found = legs.get(bridgeId);
    if (!found) throw new SipBridgeError('ENDED', `no live bridge leg ${bridgeId}`);
    return found;
  };

  return {
    isRegistered: (systemId, extension) => edge.isRegistered(systemId, extension),
    async placeBridgeCall(systemId, extension, options) {
      const placed = await edge.bridge(systemId, extension, { answerTimeoutMs: options.answerTimeoutMs });
      legs.set(placed.id, placed);
      placed.onEnded((reason) => {
        legs.delete(placed.id);
        if (reason === 'server-hangup') return;
        const event: PhoneHangupEvent = {
          bridgeId: placed.id,
          systemId,
          extension,
          userId: placed.target.userId,
          reason,
        };
        for (const listener of listeners) listener(event);
      });
      return { bridgeId: placed.id, systemId, extension, callRef: placed.sipCallId };
    },
    media: (bridgeId) => legs.get(bridgeId)?.media,
    hold: async (bridgeId) => leg(bridgeId).hold(),
    retrieve: async (bridgeId) => leg(bridgeId).unhold(),
    async hangup(bridgeId) {
      await legs.get(bridgeId)?.hangup();
    },
    onPhoneHangup(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
