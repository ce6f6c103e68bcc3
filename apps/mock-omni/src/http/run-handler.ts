/**
 * The transaction stage: the route's handler, once every input is valid. An Omni command (any method but GET) runs
 * inside one transaction of the stores (a savepoint of the turn's group commit), so it changes everything or nothing.
 * A handler may answer later (a promise): only its synchronous part runs in the transaction, so writes it makes later
 * go through `stores.tx.run`. Reads need no transaction: better-sqlite3 is synchronous, nothing interleaves with a
 * handler.
 *
 * @module
 */

import type { RouteDef } from '@omnikit/contracts';
import type { MockServices } from '../mock-services.js';
import { isOmniRoute } from './is-omni-route.js';
import type { Handler, HandlerInput } from './mount-route.js';

/**
 * A handler's promise carried out of the route's transaction (better-sqlite3 refuses a
 * transaction function that returns a promise); unboxed once the synchronous part has run.
 */
class Later {
  constructor(readonly answer: Promise<unknown>) {}
}

const boxLater = (answer: unknown): unknown => (answer instanceof Promise ? new Later(answer) : answer);
const unboxLater = (answer: unknown): unknown => (answer instanceof Later ? answer.answer : answer);

export function runHandler<R extends RouteDef>(
  route: R,
  handler: Handler<R>,
  input: HandlerInput<R>,
  services: MockServices,
): unknown {
  return isOmniRoute(route) && route.method !== 'GET'
    ? unboxLater(services.stores.tx.run(() => boxLater(handler(input))))
    : handler(input);
}
