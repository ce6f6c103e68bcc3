export { type NodeListenerOptions, toNodeListener, type WebHandler } from './node-listener.js';
