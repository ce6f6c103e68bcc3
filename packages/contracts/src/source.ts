/**
 * Where a fact comes from: TForge's wiki (`documented`) or this project's decision where the wiki is
 * silent (`inferred`, omni-api.md Part B). A route carries one; a field, a response or a
 * notification may carry its own.
 *
 * The rule for defaults: a field inherits the source of the object it sits in, up to its response
 * (or request body), which inherits its route's, unless it says otherwise. An error response is
 * `inferred` (B.2) unless its route lists its status in `documentedErrors`.
 *
 * The tag lives in the schema's zod metadata under the OpenAPI extension names, so zod's own JSON
 * Schema output already carries it (`x-omni-source`, and `x-omni-page` for the wiki page).
 *
 * @module
 */

import type { z } from 'zod';

/** `documented` (TForge's wiki) or `inferred` (this project's decision, omni-api.md Part B). */
export type Source = 'documented' | 'inferred';

export const SOURCE_KEY = 'x-omni-source';
export const PAGE_KEY = 'x-omni-page';

/** The words a developer reads next to anything inferred (docs page, sdk method docs). */
export const INFERRED_NOTE = 'inferred: not confirmed against a real Omni';

export interface SourceMeta {
  readonly [SOURCE_KEY]: Source;
  readonly [PAGE_KEY]?: string;
}

/** The metadata tagging a schema, to spread into a named schema's `.meta({ id, ...source(…) })`. */
export function source(from: Source, page?: string): SourceMeta {
  return page === undefined ? { [SOURCE_KEY]: from } : { [SOURCE_KEY]: from, [PAGE_KEY]: page };
}

/** A field (or any unnamed schema) TForge documents, with the wiki page that says so. */
export function documented<T extends z.ZodType>(schema: T, page?: string): T {
  return schema.meta({ ...source('documented', page) }) as T;
}

/** A field (or any unnamed schema) that is this project's choice (omni-api.md Part B). */
export function inferred<T extends z.ZodType>(schema: T): T {
  return schema.meta({ ...source('inferred') }) as T;
}

type Shape = Readonly<Record<string, z.ZodType>>;

function tagShape<S extends Shape>(shape: S, meta: SourceMeta): S {
  return Object.fromEntries(Object.entries(shape).map(([k, s]) => [k, s.meta({ ...meta })])) as S;
}

/** Tags every field of an object shape as documented on `page`. */
export function documentedFields<S extends Shape>(shape: S, page?: string): S {
  return tagShape(shape, source('documented', page));
}

/** Tags every field of an object shape as inferred. */
export function inferredFields<S extends Shape>(shape: S): S {
  return tagShape(shape, source('inferred'));
}

/** The source a schema itself is tagged with, if any (not its route's default). */
export function sourceOf(schema: z.ZodType): Source | undefined {
  const meta = schema.meta() as Record<string, unknown> | undefined;
  const value = meta?.[SOURCE_KEY];
  return value === 'documented' || value === 'inferred' ? value : undefined;
}
