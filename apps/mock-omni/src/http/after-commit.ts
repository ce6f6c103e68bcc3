/**
 * The last stage: group commit (store/group-commit.ts). While a turn's writes are not yet committed, no answer leaves
 * — a write's own, nor a read that may have seen it; a failed COMMIT answers 500 instead of the answer it held. With
 * nothing pending the response goes at once (no promise, so a read stays on @hono/node-server's fast path).
 *
 * @module
 */

import type { RouteDef } from '@omnikit/contracts';
import type { Context } from 'hono';
import type { MockServices } from '../mock-services.js';
import { errorAnswer } from './error-table.js';

/** Sends `response` once the turn's writes are durable, or at once when none are pending. */
export function afterCommit(
  c: Context,
  route: RouteDef,
  services: MockServices,
  response: Response,
): Response | Promise<Response> {
  const tx = services.stores.tx;
  return tx.pending()
    ? tx.durable().then(
        () => response,
        (error: unknown) => {
          services.options.logger.error(`${route.id}: the commit failed`, error);
          const answer = errorAnswer(
            { code: 'INTERNAL', detail: 'the mock could not store the change' },
            route.errorShape,
          );
          return c.json(answer.body as object, answer.status as 500);
        },
      )
    : response;
}
