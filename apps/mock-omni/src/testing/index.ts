export { chromiumPath, missingChromiumMessage, WEBRTC_CHROMIUM_ARGS } from './webrtc-browser.js';
