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
export type { BridgeCall, PhoneGateway, PhoneHangupEvent, PhoneHangupReason } from './phone-gateway.js';
export { SipBridgeError, type SipBridgeErrorCode } from './sip-bridge-error.js';
export {
  createStaticSipDirectory,
  type SipDirectory,
  type SipDirectoryEntry,
  type StaticDirectoryUser,
} from './sip-directory.js';
export {
  attachSipEdge,
  type SipBindingInfo,
  type SipEdge,
  type SipEdgeDeps,
  type SipEdgeStats,
  type SipUnregisterReason,
} from './sip-edge.js';
export { createSipPhoneGateway } from './sip-phone-gateway.js';
export { OPUS_FRAME_MS, OPUS_FRAME_SAMPLES, OPUS_SAMPLE_RATE, toneOpusFrames, tonePcm } from './opus-tone.js';
export {
  type BridgeMedia,
  type BridgeMediaState,
  type BridgeMediaStats,
  createWebrtcSessionDescriptionHandlerFactory,
  isBridgeMedia,
  type WebrtcMediaConfig,
} from './webrtc-session-description-handler.js';
