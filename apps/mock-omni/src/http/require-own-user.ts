/**
 * On a route with a `{user_id}` path parameter, a token acts only for its own user: another user's id is 403
 * `FORBIDDEN_USER`. Runs once the path parameters are valid.
 *
 * @module
 */

import type { TokenRecord } from '../engine/ports.js';
import { fail } from './route-failure.js';

/** Refuses with `FORBIDDEN_USER` when the path's `user_id` is not the token's user. */
export function requireOwnUser(params: unknown, user: TokenRecord | undefined): void {
  if (user && (params as { user_id?: number }).user_id !== user.userId) {
    fail(
      'FORBIDDEN_USER',
      `the token belongs to user ${user.userId}, not to user ${(params as { user_id: number }).user_id}`,
    );
  }
}
