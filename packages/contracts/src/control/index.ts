/**
 * The mock's control API (`/__mock/*`): not part of Omni, never used by the production sdk.
 * Its routes are filled in by the mock's issues.
 */
export { controlRoutes, controlRouteList } from './routes.js';
export * from './schemas.js';
