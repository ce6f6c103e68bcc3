/**
 * A schema whose wire check is deliberately looser than what a client should send, and the shape
 * the OpenAPI document shows in its place. The bulk upload takes its rows as plain objects so that
 * one bad row is a `rejected` entry rather than a 400 for the upload (B.8), yet a generator must
 * see each row's fields, not `{ [key: string]: unknown }`.
 *
 * @module
 */

import type { z } from 'zod';

/** The schema the OpenAPI document shows in place of the wire one, and its component name. */
export interface ShownAs {
  readonly schema: z.ZodType;
  readonly name: string;
}

const shown = new WeakMap<object, ShownAs>();

/** Marks `schema` to appear in the OpenAPI document as `as`, a component called `name`. */
export function documentAs<T extends z.ZodType>(schema: T, as: z.ZodType, name: string): T {
  shown.set(schema, { schema: as, name });
  return schema;
}

/** What the document shows for `schema`, when it was marked. */
export function shownAs(schema: object): ShownAs | undefined {
  return shown.get(schema);
}
