/**
 * A request refused by one of the route's own stages (a missing key, an invalid field, an injected fault): thrown
 * where the refusal is found, answered by the route's one error exit with exactly these details.
 *
 * @module
 */

import type { ErrorCode } from '@omnikit/contracts';
import type { ErrorDetails } from './error-table.js';

/** A stage's refusal, carrying the error body it answers with. */
export class RouteFailure extends Error {
  constructor(readonly details: ErrorDetails) {
    super(details.detail);
  }
}

/** Refuses the request: throws a `RouteFailure` with this code and detail. */
export function fail(code: ErrorCode, detail: string, extra: Partial<ErrorDetails> = {}): never {
  throw new RouteFailure({ code, detail, ...extra });
}
