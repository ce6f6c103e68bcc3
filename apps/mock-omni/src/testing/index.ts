/**
 * `@omnikit/mock-omni/testing`: what a test needs to drive a headless Chromium that holds a real WebRTC call with the
 * mock — where Chromium is, and the flags it needs.
 *
 * @module
 */

export { chromiumPath, missingChromiumMessage, WEBRTC_CHROMIUM_ARGS } from './webrtc-browser.js';
