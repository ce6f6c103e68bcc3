import type { Context } from 'hono';
import { z } from 'zod';
import { badRequest, ConsoleHttpError } from './console-http-error.js';

/** `application/json`, with or without parameters (`; charset=utf-8`). */
function isJsonMediaType(contentType: string | undefined): boolean {
  return contentType?.split(';', 1)[0]?.trim().toLowerCase() === 'application/json';
}

/**
 * The request's JSON body checked against the route's schema; a clear 400 otherwise. A body sent
 * under another media type is refused with 415: only `text/plain`, form and multipart bodies can
 * come from another site's page without a CORS preflight, so requiring JSON keeps such pages out
 * (the sign-in route has no CSRF token to do it).
 */
export async function readBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  if (!isJsonMediaType(c.req.header('content-type'))) {
    const text = await c.req.text();
    if (text === '')
      throw new ConsoleHttpError('BAD_REQUEST', 'The request needs a JSON body (Content-Type: application/json).');
    throw new ConsoleHttpError(
      'UNSUPPORTED_MEDIA_TYPE',
      'The request body must be sent as Content-Type: application/json.',
    );
  }
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new ConsoleHttpError('BAD_REQUEST', 'The request body must be JSON (Content-Type: application/json).');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw badRequest(parsed.error);
  return parsed.data;
}

const positiveId = z
  .string()
  .regex(/^[0-9]{1,15}$/)
  .transform(Number)
  .refine((n) => n > 0);

/** A numeric id from the path (`call_id`, `lead_id`, `shotgun_id`); a clear 400 otherwise. */
export function pathId(c: Context, name: string): number {
  const parsed = positiveId.safeParse(c.req.param(name));
  if (!parsed.success)
    throw new ConsoleHttpError('BAD_REQUEST', `“${name}” must be a positive whole number.`, { field: name });
  return parsed.data;
}
