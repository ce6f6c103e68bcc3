/**
 * Compares one JSON value with one of the contracts' JSON Schemas, field by field, and says what
 * differs and the source tag of each difference. It checks shape, not every rule: presence,
 * unknown fields, JSON type, enumerations and constants, and the date-time format (a date in
 * another format is a type difference); ranges and lengths are the server's business.
 *
 * @module
 */

import type { JsonValue } from '../common.js';
import { SOURCE_KEY, type Source } from '../source.js';
import type { JsonSchema } from './drift-contracts.js';
import type { DriftFinding } from './drift-report.js';

const REF_PREFIX = '#/components/schemas/';
/** How deep a schema is followed (a recursive one, such as JsonValue, stops here). */
const MAX_DEPTH = 32;
/** How long an example's JSON may be before it is cut. */
const EXAMPLE_CHARS = 300;

const isObject = (v: unknown): v is JsonSchema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The JSON type of a value, `integer` for whole numbers. */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'object') return 'object';
  return typeof value;
}

/** A value as an example: itself when short, else its JSON cut to a short string. */
export function exampleOf(value: unknown): JsonValue {
  if (value === undefined) return null;
  const text = JSON.stringify(value);
  if (text === undefined) return null;
  if (text.length <= EXAMPLE_CHARS) return value as JsonValue;
  return `${text.slice(0, EXAMPLE_CHARS)}…`;
}

const words = (value: unknown): string => (value === undefined ? 'absent' : JSON.stringify(value));

function typeMatches(expected: unknown, value: unknown): boolean {
  const types = Array.isArray(expected) ? expected : [expected];
  const actual = jsonTypeOf(value);
  return types.some((t) => t === actual || (t === 'number' && actual === 'integer'));
}

/** The name a field normalises to when looking for a rename: case, `_` and `-` aside. */
const normalised = (name: string) => name.toLowerCase().replace(/[-_]/g, '');

export class SchemaDiff {
  constructor(private readonly components: Readonly<Record<string, JsonSchema>>) {}

  /** The findings of `value` against `schema` at `location`, whose source defaults to `source`. */
  diff(schema: JsonSchema, value: unknown, location: string, source: Source): DriftFinding[] {
    const out: DriftFinding[] = [];
    this.walk(schema, value, location, source, out, 0);
    return out;
  }

  private resolve(schema: JsonSchema): JsonSchema {
    let node = schema;
    for (let i = 0; i < MAX_DEPTH && typeof node.$ref === 'string' && node.$ref.startsWith(REF_PREFIX); i++) {
      const target = this.components[node.$ref.slice(REF_PREFIX.length)];
      if (!target) break;
      // A $ref with its own tag (a property pointing at a component) keeps that tag.
      node = SOURCE_KEY in node && !(SOURCE_KEY in target) ? { ...target, [SOURCE_KEY]: node[SOURCE_KEY] } : target;
    }
    return node;
  }

  /** A short description of what a schema accepts, for `expected`. */
  describe(schema: JsonSchema, depth = 0): string {
    const node = this.resolve(schema);
    if ('const' in node) return JSON.stringify(node.const);
    if (Array.isArray(node.enum)) return `one of ${node.enum.map((v) => JSON.stringify(v)).join(', ')}`;
    const branches = (node.anyOf ?? node.oneOf) as JsonSchema[] | undefined;
    if (Array.isArray(branches) && depth < 3) return branches.map((b) => this.describe(b, depth + 1)).join(' | ');
    const type = Array.isArray(node.type) ? node.type.join(' | ') : typeof node.type === 'string' ? node.type : 'any';
    if (type === 'string' && node.format === 'date-time') return 'string (date-time)';
    return type;
  }

  private walk(
    raw: JsonSchema,
    value: unknown,
    location: string,
    inherited: Source,
    out: DriftFinding[],
    depth: number,
  ): void {
    if (depth > MAX_DEPTH) return;
    const schema = this.resolve(raw);
    const own = schema[SOURCE_KEY];
    const source: Source = own === 'documented' || own === 'inferred' ? own : inherited;
    const finding = (kind: DriftFinding['kind'], expected: string, seen: string): DriftFinding => ({
      location,
      kind,
      expected,
      seen,
      example: exampleOf(value),
      source,
    });

    const branches = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
    if (Array.isArray(branches)) {
      let best: DriftFinding[] | undefined;
      for (const branch of branches) {
        const found: DriftFinding[] = [];
        this.walk(branch, value, location, source, found, depth + 1);
        if (found.length === 0) return;
        // The branch the value is closest to: its type fits (the differences are deeper), then fewest.
        const fits = found.every((f) => f.location !== location);
        const bestFits = best?.every((f) => f.location !== location) ?? false;
        if (!best || (fits && !bestFits) || (fits === bestFits && found.length < best.length)) best = found;
      }
      if (!best) return;
      // Every branch refuses the value itself: one finding naming them all.
      const surface = best.every((f) => f.location === location);
      const only = best.length === 1 ? best[0] : undefined;
      if (!surface) out.push(...best);
      else out.push(finding(only?.kind ?? 'type', this.describe(schema), only?.seen ?? jsonTypeOf(value)));
      return;
    }
    if (Array.isArray(schema.allOf)) {
      for (const part of schema.allOf as JsonSchema[]) this.walk(part, value, location, source, out, depth + 1);
    }

    if (schema.type !== undefined && !typeMatches(schema.type, value)) {
      out.push(finding('type', this.describe(schema), jsonTypeOf(value)));
      return;
    }
    if ('const' in schema && schema.const !== value) {
      out.push(finding('enum', JSON.stringify(schema.const), words(value)));
      return;
    }
    if (Array.isArray(schema.enum) && !schema.enum.includes(value as never)) {
      out.push(finding('enum', this.describe(schema), words(value)));
      return;
    }
    if (typeof value === 'string' && schema.format === 'date-time' && typeof schema.pattern === 'string') {
      if (!new RegExp(schema.pattern).test(value)) {
        out.push(finding('type', 'string (date-time, ISO-8601 UTC with milliseconds and Z)', words(value)));
      }
      return;
    }
    if (Array.isArray(value) && isObject(schema.items)) {
      for (const item of value) this.walk(schema.items, item, `${location}[]`, source, out, depth + 1);
      return;
    }
    if (isObject(value) && (isObject(schema.properties) || isObject(schema.additionalProperties))) {
      this.object(schema, value, location, source, out, depth);
    }
  }

  private object(
    schema: JsonSchema,
    value: Record<string, unknown>,
    location: string,
    source: Source,
    out: DriftFinding[],
    depth: number,
  ): void {
    const properties = (isObject(schema.properties) ? schema.properties : {}) as Record<string, JsonSchema>;
    const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
    const at = (name: string) => `${location}.${name}`;
    const missing = [...required].filter((name) => value[name] === undefined && properties[name] !== undefined);
    const extras = Object.keys(value).filter((name) => !(name in properties));
    const open = isObject(schema.additionalProperties) || schema.additionalProperties === true;

    // A required field absent next to an unknown one: a rename when the names match but for case
    // and separators, or when it is the only one of each and the value fits.
    const renamed = new Map<string, string>();
    if (!open) {
      for (const name of missing) {
        const spec = properties[name] as JsonSchema;
        const byName = extras.find((e) => !renamed.has(e) && normalised(e) === normalised(name));
        const alone =
          missing.length === 1 &&
          extras.length === 1 &&
          this.diff(spec, value[extras[0] as string], '', source).length === 0
            ? extras[0]
            : undefined;
        const other = byName ?? alone;
        if (other !== undefined) renamed.set(other, name);
      }
    }
    const renamedTo = new Map([...renamed].map(([extra, name]) => [name, extra]));

    for (const [name, spec] of Object.entries(properties)) {
      const own = spec[SOURCE_KEY];
      const fieldSource: Source = own === 'documented' || own === 'inferred' ? own : source;
      if (value[name] === undefined) {
        if (!required.has(name)) continue;
        const other = renamedTo.get(name);
        out.push({
          location: at(name),
          kind: 'missing',
          expected: `present (${this.describe(spec)})`,
          seen: other === undefined ? 'absent' : `absent; ${JSON.stringify(other)} instead`,
          example: other === undefined ? null : exampleOf(value[other]),
          source: fieldSource,
          ...(other === undefined ? {} : { renamed_to: other }),
        });
        continue;
      }
      this.walk(spec, value[name], at(name), fieldSource, out, depth + 1);
    }
    for (const name of extras) {
      if (isObject(schema.additionalProperties)) {
        this.walk(schema.additionalProperties, value[name], at(name), source, out, depth + 1);
        continue;
      }
      if (open || renamed.has(name)) continue;
      out.push({
        location: at(name),
        kind: 'extra',
        expected: 'absent',
        seen: jsonTypeOf(value[name]),
        example: exampleOf(value[name]),
        source,
      });
    }
  }
}
