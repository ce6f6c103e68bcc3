/**
 * The response check (tests and development, `validateResponses`): a handler's answer must fit the route's own 200
 * schema. One that does not is a bug in the mock, logged with zod's reasons and answered 500 `INTERNAL` — never sent
 * on as if Omni could answer so. Binary answers have no schema to fit.
 *
 * @module
 */

import type { RouteDef } from '@omnikit/contracts';
import type { z } from 'zod';
import type { Logger } from '../mock-services.js';
import { RawBinary } from './raw-binary.js';
import { RawJson } from './raw-json.js';
import { fail } from './route-failure.js';

/** The schema answers of `route` are checked against: none when responses are not validated. */
export function answerSchema(route: RouteDef, validateResponses: boolean): z.ZodType | undefined {
  const spec = route.responses[200];
  return validateResponses && spec && 'safeParse' in spec ? (spec as z.ZodType) : undefined;
}

export function checkAnswer(route: RouteDef, schema: z.ZodType | undefined, answer: unknown, logger: Logger): void {
  if (!schema || answer instanceof RawBinary) return;
  const verdict = schema.safeParse(answer instanceof RawJson ? JSON.parse(answer.text) : answer);
  if (!verdict.success) {
    logger.error(`${route.id} answered outside its contract: ${verdict.error.message}`);
    fail('INTERNAL', `the mock's answer to ${route.id} broke its contract (a bug in the mock)`);
  }
}
