/**
 * The mock's control API (`/__mock/*`): not part of Omni, never used by the production sdk.
 *
 * @module
 */

export * from './routes.js';
export * from './schemas.js';
export * from './openapi.js';
export * from './callee-rules.js';
export * from './webhook-deliveries.js';
export * from './dialler.js';
export * from './sip-media.js';
export * from './control-path.js';
