/**
 * What a route answers for anything thrown on the way: a stage's refusal and an engine's `DomainError` as they are, a
 * failing database file as 503 (storage-failure.ts), and anything else as 500 `INTERNAL`, logged — a bug in the mock,
 * never a crash.
 *
 * @module
 */

import type { RouteDef } from '@omnikit/contracts';
import { DomainError } from '../engine/domain-error.js';
import type { Logger } from '../mock-services.js';
import type { ErrorDetails } from './error-table.js';
import { RouteFailure } from './route-failure.js';
import { storageFailure } from './storage-failure.js';

/** The error body for anything a route threw; an unexpected error is logged and answers `INTERNAL`. */
export function toErrorDetails(error: unknown, route: RouteDef, logger: Logger): ErrorDetails {
  if (error instanceof RouteFailure) return error.details;
  if (error instanceof DomainError) {
    return { code: error.code, detail: error.detail, errors: error.errors, retryAfterSeconds: error.retryAfterSeconds };
  }
  const storage = storageFailure(error, logger);
  if (storage) return storage;
  logger.error(`${route.id} failed with an unexpected error`, error);
  return { code: 'INTERNAL', detail: `the mock failed while serving ${route.id} (a bug in the mock; see its log)` };
}
