/**
 * The token stage: on `auth: 'user'` routes, the request's token (header or cookie) must be a live token of the
 * system; its record (and so its user) is what the handler acts for. Other routes carry no user.
 *
 * @module
 */

import type { RouteDef } from '@omnikit/contracts';
import type { Context } from 'hono';
import type { TokenRecord } from '../engine/ports.js';
import type { SystemContext } from '../engine/systems/system-context.js';
import type { MockServices } from '../mock-services.js';
import { readToken } from './read-token.js';

/** The token's record on `auth: 'user'` routes; undefined on others. */
export function authenticateUser(
  c: Context,
  route: RouteDef,
  system: SystemContext,
  services: MockServices,
): TokenRecord | undefined {
  return route.auth === 'user' ? services.auth.verify(system, readToken(c)) : undefined;
}
