import type { BridgeLeg } from './bridge-leg.js';
import type { PhoneGateway, PhoneHangupEvent } from './phone-gateway.js';
import { SipBridgeError } from './sip-bridge-error.js';
import type { SipEdge } from './sip-edge.js';

/** The {@link PhoneGateway} for phones registered over SIP-over-WebSocket. */
export function createSipPhoneGateway(edge: SipEdge): PhoneGateway {
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
