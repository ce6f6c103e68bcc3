/**
 * Which fields the `dates`, `ids` and `extras` axes touch, read off the schemas themselves so that no route or
 * handler lists them by hand: a date-time is a string of format `datetime`, an id an integer whose field is named
 * `id`, `*_id` (or an item of `*_ids`), an object any `z.object` (records, whose keys are data, are not).
 *
 * A field whose format TForge documents keeps it on every axis; `DOCUMENTED_FORMATS` lists those.
 *
 * @module
 */

import type { z } from 'zod';
import { authorizeResponse } from '../routes/auth.js';

/** A path into a JSON value: property names, and `[]` for every item of an array. */
export type WirePath = readonly string[];

export interface WireField {
  readonly path: WirePath;
  readonly kind: 'date' | 'id' | 'object';
}

/** Fields whose format the wiki states, which no axis rewrites. */
export const DOCUMENTED_FORMATS: readonly {
  readonly object: z.ZodObject;
  readonly field: string;
  readonly why: string;
}[] = [
  { object: authorizeResponse, field: 'expiry_date', why: 'A.2 (page 2158002231): "expiry_date: ISO-8601 date-time"' },
];

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  options?: readonly z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
  getter?: () => z.ZodType;
}

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

function formatOf(schema: z.ZodType): string | undefined {
  return (schema as unknown as { format?: string | null }).format ?? undefined;
}

function isIdName(name: string | undefined, inArray: boolean): boolean {
  if (name === undefined) return false;
  return inArray ? name.endsWith('_ids') : name === 'id' || name.endsWith('_id');
}

const WRAPPERS = new Set([
  'optional',
  'nullable',
  'default',
  'prefault',
  'readonly',
  'catch',
  'nonoptional',
  'success',
]);

function walk(
  schema: z.ZodType,
  path: string[],
  name: string | undefined,
  inArray: boolean,
  out: Map<string, WireField>,
  depth: number,
): void {
  if (depth > 32) return;
  const def = defOf(schema);
  const add = (kind: WireField['kind']) => {
    const key = `${kind}:${path.join('.')}`;
    if (!out.has(key)) out.set(key, { path: [...path], kind });
  };
  if (WRAPPERS.has(def.type) && def.innerType) {
    walk(def.innerType, path, name, inArray, out, depth + 1);
    return;
  }
  switch (def.type) {
    case 'object': {
      add('object');
      for (const [key, child] of Object.entries(def.shape ?? {})) {
        if (DOCUMENTED_FORMATS.some((d) => d.object === schema && d.field === key)) continue;
        walk(child, [...path, key], key, false, out, depth + 1);
      }
      return;
    }
    case 'array':
      if (def.element) walk(def.element, [...path, '[]'], name, true, out, depth + 1);
      return;
    case 'pipe': {
      // The wire side of a pipe is its input, unless the input is a preprocessing transform.
      const side = def.in && defOf(def.in).type !== 'transform' ? def.in : def.out;
      if (side) walk(side, path, name, inArray, out, depth + 1);
      return;
    }
    case 'union':
      for (const option of def.options ?? []) walk(option, path, name, inArray, out, depth + 1);
      return;
    case 'intersection':
      if (def.left) walk(def.left, path, name, inArray, out, depth + 1);
      if (def.right) walk(def.right, path, name, inArray, out, depth + 1);
      return;
    case 'lazy':
      if (def.getter) walk(def.getter(), path, name, inArray, out, depth + 1);
      return;
    case 'string':
      if (formatOf(schema) === 'datetime') add('date');
      return;
    case 'number':
      if ((formatOf(schema) === 'safeint' || formatOf(schema) === 'int32') && isIdName(name, inArray)) add('id');
      return;
    default:
      return;
  }
}

const cache = new WeakMap<z.ZodType, readonly WireField[]>();

/** The date, id and object fields of the JSON a schema describes (its wire side), each path once. */
export function wireFields(schema: z.ZodType): readonly WireField[] {
  const known = cache.get(schema);
  if (known) return known;
  const out = new Map<string, WireField>();
  walk(schema, [], undefined, false, out, 0);
  const fields = Object.freeze([...out.values()]);
  cache.set(schema, fields);
  return fields;
}
