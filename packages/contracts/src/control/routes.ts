import type { RouteDef } from '../route.js';

/** The control API's routes, keyed by operation id (filled in with the mock's features). */
export const controlRoutes = {} as const satisfies Record<string, RouteDef>;
export const controlRouteList: RouteDef[] = Object.values(controlRoutes);
