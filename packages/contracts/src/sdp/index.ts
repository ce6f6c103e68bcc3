/**
 * `@omnikit/contracts/sdp`: what the phone side of Omni's SIP puts in an SDP body and reads
 * from one (the audio direction that carries hold, and a medialess description). A subpath of its
 * own so that neither the contracts' nor the sdk's main entry carries it.
 *
 * @module
 */

export * from './fake-sdp.js';
export * from './sdp-direction.js';
