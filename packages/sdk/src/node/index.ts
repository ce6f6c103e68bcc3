/**
 * `@omnikit/sdk/node`: what only Node needs, apart so that the main entry stays browser-safe.
 *
 * @module
 */

export { type NodeListenerOptions, toNodeListener, type WebHandler } from './node-listener.js';
