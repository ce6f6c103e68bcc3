/**
 * The mock's control API (`/__mock/*`): not part of Omni, never used by the production sdk.
 *
 * @module
 */

export * from './callee-rules.js';
export * from './campaign-series.js';
export * from './clock-span.js';
export * from './control-path.js';
export * from './dialler.js';
export * from './openapi.js';
export * from './routes.js';
export * from './schemas.js';
export * from './sip-media.js';
export * from './variation.js';
export * from './webhook-deliveries.js';
