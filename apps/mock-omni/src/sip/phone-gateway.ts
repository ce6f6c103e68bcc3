import type { BridgeMedia } from './bridge-media.js';

/**
 * The port the mock calls at campaign login and for call control on the agent's side: how an
 * agent's phone is reached, whatever the phone is.
 *
 * Two implementations sit behind it:
 * - the SIP phone ({@link createSipPhoneGateway} in sip-phone-gateway.ts): the extension is
 *   registered over SIP-over-WebSocket; `placeBridgeCall` sends a real INVITE and resolves when the
 *   phone answers (wall clock); hold/retrieve are re-INVITEs; a BYE from the phone or its socket
 *   closing is reported through `onPhoneHangup`.
 * - the virtual phone of the call engine (issue #4): an extension marked virtual (no SIP at all,
 *   for in-process tests and scenarios) is always "registered"; `placeBridgeCall` resolves at
 *   once (virtual t+0: it never waits on the wall clock, so a manual clock needs no advance);
 *   `hold`/`retrieve`/`hangup` only record the leg's state and resolve; `onPhoneHangup` fires only
 *   when a test asks the virtual phone to hang up (a control-API command). It implements this same
 *   interface with a Map of bridge ids → { systemId, extension, held }.
 * The mock wires one gateway per system that asks the SIP gateway first and falls back to the
 * virtual phone for virtual extensions, so virtual and real phones work side by side.
 *
 * The engine itself stays pure and synchronous: the HTTP login handler awaits
 * `placeBridgeCall` BEFORE it runs the login command in its SQLite transaction (a rejection maps
 * to 409: NOT_REGISTERED → EXTENSION_NOT_REGISTERED, anything else → INVALID_STATE naming the
 * reason), and `onPhoneHangup` is turned into an engine command (agent phone hung up → the live
 * call ends as agent-hung-up, the agent is logged out, `agent_state` is sent).
 */
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
  /** The SIP Call-ID of the leg, or a synthetic one for a virtual phone. */
  callRef: string;
}

export interface PhoneGateway {
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
