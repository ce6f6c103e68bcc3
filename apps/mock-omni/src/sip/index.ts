export type {
  BridgeConnection,
  BridgeEndReason,
  BridgeLegState,
  BridgeTarget,
  PlaceBridgeOptions,
} from './bridge-leg.js';
export { BridgeLeg } from './bridge-leg.js';
export {
  createFakeSessionDescriptionHandlerFactory,
  type FakeMediaOptions,
} from './fake-session-description-handler.js';
export { SipBridgeError, type SipBridgeErrorCode } from './sip-bridge-error.js';
export {
  createStaticSipAccounts,
  type SipAccounts,
  type SipAccount,
  type StaticSipUser,
} from './sip-accounts.js';
export {
  attachSipEdge,
  type SipBindingInfo,
  type SipEdge,
  type SipEdgeDeps,
  type SipEdgeStats,
  type SipUnregisterReason,
} from './sip-edge.js';
export {
  type BridgeCall,
  createSipPhoneGateway,
  type PhoneHangupEvent,
  type PhoneHangupReason,
  type SipPhoneGateway,
} from './sip-phone-gateway.js';
export { type BridgeMedia, type BridgeMediaState, type BridgeMediaStats, isBridgeMedia } from './bridge-media.js';
// The werift handler and the Opus voice are not re-exported here: importing werift costs about
// half a second. Import them from './webrtc-session-description-handler.js' and './opus-tone.js'.
