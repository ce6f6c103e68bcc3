/**
 * `@omnikit/contracts`: the zod schema of every Omni route and notification, the closed error
 * list, the wire primitives they share, and the OpenAPI document built from them. The mock's
 * control API is a separate entry, `@omnikit/contracts/control`.
 *
 * @module
 */

export * from './common.js';
export * from './document-as.js';
export * from './enums.js';
export * from './errors.js';
export * from './max-json-depth.js';
export * from './notifications.js';
export * from './omni-openapi.js';
export * from './openapi.js';
export * from './route.js';
export type { RouteExample } from './route-example.js';
export * from './routes/agents.js';
export * from './routes/archive.js';
export * from './routes/auth.js';
export * from './routes/calls.js';
export * from './routes/campaigns.js';
export { type RouteId, type Routes, routeList, routes } from './routes/index.js';
export * from './routes/leads.js';
export * from './routes/lists.js';
export * from './routes/notification-endpoint.js';
export * from './routes/preview.js';
export * from './routes/recordings.js';
export * from './routes/route-examples.js';
export * from './routes/shotgun.js';
export * from './secret-fields.js';
export * from './source.js';
export * from './vicidial-bodies.js';
