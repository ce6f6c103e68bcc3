/**
 * The first stage of every route: who is calling. The `Host` (and, on control routes, the caller's origin and the
 * mock's admin key) is checked, then the system key picks the system the request is about; control and open routes
 * without a key get the default system.
 *
 * @module
 */

import type { RouteDef } from '@omnikit/contracts';
import { ADMIN_KEY_HEADER } from '@omnikit/contracts/control';
import type { Context } from 'hono';
import type { SystemContext } from '../engine/systems/system-context.js';
import type { MockServices } from '../mock-services.js';
import { isOmniRoute } from './is-omni-route.js';
import { requestHeader } from './request-header.js';
import { fail } from './route-failure.js';
import { readSystemKey, safeEqual } from './system-key.js';

/** The system a request is about, once its caller has passed the host, origin and key checks. */
export function authenticateSystem(c: Context, route: RouteDef, services: MockServices): SystemContext {
  const { adminKey, originGuard } = services.options;
  // /health answers anyone: a load balancer's probe has no key and comes from anywhere.
  const open = route.path === '/health';
  if (!open) originGuard.checkHost(c);
  if (!open && !isOmniRoute(route)) {
    originGuard.checkControlCaller(c);
    if (adminKey !== undefined) {
      const given = requestHeader(c, ADMIN_KEY_HEADER);
      if (given === undefined)
        fail('MISSING_SYSTEM_KEY', `this route needs the mock's admin key in ${ADMIN_KEY_HEADER}`);
      if (!safeEqual(given, adminKey))
        fail('INVALID_SYSTEM_KEY', `the ${ADMIN_KEY_HEADER} header is not the mock's admin key`);
    }
  }
  const key = readSystemKey(requestHeader(c, 'Authorization'), c.req.url);
  if (key.kind === 'malformed') fail('INVALID_SYSTEM_KEY', key.detail);
  if (key.kind === 'missing') {
    if (route.auth === 'system' || route.auth === 'user') {
      fail('MISSING_SYSTEM_KEY', 'send the system key as "Authorization: Key=<system key>" (or ?auth-key=)');
    }
    return services.registry.getDefault();
  }
  if (route.auth === 'admin') return services.registry.getDefault();
  const system = services.registry.get(key.key);
  if (!system) fail('INVALID_SYSTEM_KEY', 'the system key is not the key of any system of this mock');
  return system;
}
