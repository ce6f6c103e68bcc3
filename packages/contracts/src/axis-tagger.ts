/**
 * Marks, in a generated OpenAPI document, every property a variation axis rewrites (`x-omni-axes`): each date-time
 * with `dates` and each integer id with `ids`, found by the same reading of the zod schemas the mock's rewrites use
 * (`wireFields`), so the document and the wire cannot disagree. A field of the schema the JSON Schema does not have is
 * an error here, never a silent gap.
 *
 * @module
 */

import type { z } from 'zod';
import { wireFields } from './variants/variant-fields.js';

type JsonSchema = Record<string, unknown>;

export const AXES_KEY = 'x-omni-axes';

const REF_PREFIX = '#/components/schemas/';
const ALTERNATIVES = ['anyOf', 'oneOf', 'allOf'];

function isObject(v: unknown): v is JsonSchema {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Adds `axis` to a node's `x-omni-axes`, once, in the order the axes are added. */
export function addAxis(node: JsonSchema, axis: string): void {
  const list = Array.isArray(node[AXES_KEY]) ? (node[AXES_KEY] as string[]) : [];
  if (!list.includes(axis)) node[AXES_KEY] = [...list, axis];
}

/** How many property nodes along `path` (from `i`) were marked; `holder` is the property the walk is inside. */
function mark(
  node: unknown,
  path: readonly string[],
  i: number,
  axis: string,
  components: Record<string, JsonSchema>,
  holder: JsonSchema | undefined,
  depth: number,
): number {
  if (!isObject(node) || depth > 64) return 0;
  let marked = 0;
  if (typeof node.$ref === 'string' && node.$ref.startsWith(REF_PREFIX)) {
    marked += mark(components[node.$ref.slice(REF_PREFIX.length)], path, i, axis, components, holder, depth + 1);
  }
  for (const key of ALTERNATIVES) {
    const options = node[key];
    if (Array.isArray(options)) {
      for (const option of options) marked += mark(option, path, i, axis, components, holder, depth + 1);
    }
  }
  if (i === path.length) {
    if (!holder) return marked;
    addAxis(holder, axis);
    return marked + 1;
  }
  const seg = path[i] as string;
  if (seg === '[]') {
    // An array of ids (`lead_ids`) is marked on the array property itself.
    const last = i + 1 === path.length;
    if (last && holder) {
      addAxis(holder, axis);
      return marked + 1;
    }
    return marked + mark(node.items, path, i + 1, axis, components, holder, depth + 1);
  }
  const props = node.properties;
  if (isObject(props) && isObject(props[seg])) {
    marked += mark(props[seg], path, i + 1, axis, components, props[seg] as JsonSchema, depth + 1);
  }
  return marked;
}

/**
 * Marks the date-time and id properties of `json` (the JSON Schema generated from `schema`, its `$ref`s into
 * `components`). Returns the axes the schema's fields carry (`dates`, `ids`), for the response that holds it.
 */
export function tagAxes(
  schema: z.ZodType,
  json: JsonSchema,
  components: Record<string, JsonSchema>,
  where: string,
): string[] {
  const axes = new Set<string>();
  for (const field of wireFields(schema)) {
    if (field.kind === 'object') continue;
    const axis = field.kind === 'date' ? 'dates' : 'ids';
    if (mark(json, field.path, 0, axis, components, undefined, 0) === 0) {
      throw new Error(`${where}: the ${axis} field ${field.path.join('.')} is not in the generated JSON Schema`);
    }
    axes.add(axis);
  }
  return [...axes];
}
