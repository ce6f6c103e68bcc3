/**
 * The webphone: `OmniPhone`, its errors, and the headless media for Node and CI.
 *
 * @module
 */

export type { MediaDirection } from '@omnikit/contracts/sdp';
export { createFakeMediaHandlerFactory, FakeMediaHandler, type FakeMediaOptions } from './fake-media-handler.js';
export {
  type AudioSink,
  type BridgeDownBy,
  type BridgeState,
  type IceServer,
  OmniPhone,
  type OmniPhoneEvents,
  type OmniPhoneLifecycle,
  type OmniPhoneOptions,
  type UnregisterReason,
} from './omni-phone.js';
export { OmniPhoneError, type OmniPhoneErrorCode } from './omni-phone-error.js';
export type { WebSocketConstructor, WebSocketEventLike, WebSocketLike } from './websocket-transport.js';
