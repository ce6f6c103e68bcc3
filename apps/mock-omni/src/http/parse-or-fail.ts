/**
 * The validation stage for one part of a request (path, query or body): its value as the route's schema outputs it, or
 * 400 `VALIDATION_FAILED` naming the first field at fault and listing every one. A `/vicidial/*` body also carries the
 * archive service's own rejection.
 *
 * @module
 */

import type { z } from 'zod';
import { fieldErrors } from './field-errors.js';
import { fail } from './route-failure.js';
import { vicidialRejection } from './vicidial-answers.js';

/** `value` parsed by `schema`, or a 400 naming the fields of `part` at fault. */
export function parseOrFail(
  schema: z.ZodType,
  value: unknown,
  part: 'path' | 'query' | 'body',
  vicidial = false,
): unknown {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const errors = fieldErrors(parsed.error, part === 'body' ? 'body' : part);
  const where = part === 'path' ? 'path parameter' : part === 'query' ? 'query parameter' : 'body field';
  const first = errors[0];
  fail(
    'VALIDATION_FAILED',
    `invalid ${where}${errors.length > 1 ? 's' : ''}: ${first ? `${first.field} ${first.message}` : 'invalid input'}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`,
    {
      errors,
      ...(vicidial ? { rejection: vicidialRejection(parsed.error.issues, value) } : {}),
    },
  );
}
