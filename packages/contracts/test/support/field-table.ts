/**
 * Field tables transcribed from omni-api.md. A table names every field of one wire object with
 * the type the doc gives it; `checkFields` turns the table into tests that parse good and bad
 * values through the schema, so a renamed field, a changed type or a lost field fails.
 * The samples below are the doc's rules written as values, never read from the code under test.
 *
 * @module
 */

import { describe, expect, it } from 'vitest';
import { z } from 'zod';

/** A field's type as the doc gives it. */
export type FieldType =
  /** Any integer. */
  | 'int'
  /** An integer id, present (> 0). */
  | 'id'
  /** An integer id that may be absent, then 0 (B.1). */
  | 'id0'
  /** A count or a duration in milliseconds: a non-negative integer. */
  | 'count'
  /** A decimal number. */
  | 'decimal'
  | 'string'
  | 'bool'
  /** B.1: digits with an optional leading `+`, 3–16 digits. */
  | 'phone'
  /** A.2: Base64 of the password's ASCII bytes. */
  | 'base64'
  /** B.1 out: ISO-8601 UTC with milliseconds and `Z`. */
  | 'dateTimeOut'
  /** B.1 in: ISO-8601 with `Z` or an offset, or `YYYY-MM-DD HH:MM:SS`. */
  | 'dateTimeIn'
  /** A.6 add lead: a `dateTimeIn`, or the literal `"Now()"` the page names as the default. */
  | 'scheduleIn'
  /** A.6 campaign `caller_id`: a string (the page's JSON) or a non-negative integer (its table). */
  | 'stringOrInt'
  | 'stringArray'
  | 'phoneArray'
  | 'idArray'
  /** An array of objects (its rows have their own table); the sample comes with the row. */
  | 'objectArray'
  /** An array of anything (e.g. the offending ids A.7 echoes, whatever they were). */
  | 'anyArray'
  /** An object (its fields have their own table); the sample comes with the row. */
  | 'object'
  | { readonly enum: readonly (string | number)[] }
  | { readonly literal: string | number | boolean };

export interface FieldRow {
  readonly type: FieldType;
  readonly required: boolean;
  readonly nullable?: boolean;
  /** A valid value when the type's default sample would break a rule of this field. */
  readonly sample?: unknown;
  /** A.6 bulk rows: `""` is accepted and means the field is absent (a CSV-fed upload's empty cell). */
  readonly blankIsAbsent?: boolean;
  /** Where omni-api.md fixes the field: Part A (`documented`) or Part B (`inferred`). */
  readonly source?: 'documented' | 'inferred';
}

export type FieldTable = Readonly<Record<string, FieldRow>>;

/** A documented-or-inferred required field. */
export function req(type: FieldType, extra: Omit<FieldRow, 'type' | 'required'> = {}): FieldRow {
  return { type, required: true, ...extra };
}

/** An optional field. */
export function opt(type: FieldType, extra: Omit<FieldRow, 'type' | 'required'> = {}): FieldRow {
  return { type, required: false, ...extra };
}

/** A required field that is `null` until it has a value. */
export function nul(type: FieldType, extra: Omit<FieldRow, 'type' | 'required' | 'nullable'> = {}): FieldRow {
  return { type, required: true, nullable: true, ...extra };
}

interface TypeRule {
  readonly sample: unknown;
  readonly accepts: readonly unknown[];
  readonly rejects: readonly unknown[];
}

function ruleOf(type: FieldType): TypeRule {
  if (typeof type === 'object' && 'enum' in type) {
    const values = type.enum;
    const first = values[0];
    if (typeof first === 'number') {
      const nums = values as readonly number[];
      return {
        sample: first,
        accepts: nums,
        rejects: [Math.max(...nums) + 1, Math.min(...nums) - 1, String(first), first + 0.5, null],
      };
    }
    return { sample: first, accepts: values, rejects: ['__not_a_member__', 1, null] };
  }
  if (typeof type === 'object') {
    const v = type.literal;
    const other = typeof v === 'number' ? v + 1 : typeof v === 'string' ? `${v}_` : !v;
    return { sample: v, accepts: [v], rejects: [other, typeof v === 'string' ? 1 : String(v)] };
  }
  switch (type) {
    case 'int':
      return { sample: 1, accepts: [], rejects: ['1', 1.5, true, null] };
    case 'id':
      return { sample: 7, accepts: [7, 123456], rejects: ['7', 7.5, 0, -1, null] };
    case 'id0':
      return { sample: 0, accepts: [0, 7], rejects: ['0', 1.5, -1, null] };
    case 'count':
      return { sample: 1500, accepts: [0, 1500], rejects: ['1500', 1.5, -1, null] };
    case 'decimal':
      return { sample: 2.5, accepts: [2.5, 3], rejects: ['2.5', true, null] };
    case 'string':
      return { sample: 'text', accepts: [], rejects: [1, true, null] };
    case 'bool':
      return { sample: true, accepts: [true, false], rejects: ['true', 1, null] };
    case 'phone':
      return {
        sample: '+441234567890',
        accepts: ['0800555001', '+441234567890', '123', '1234567890123456'],
        rejects: ['12', '12345678901234567', '0800 555 001', 'abc', 800555001, null],
      };
    case 'base64':
      return { sample: 'cGFzc3dvcmQx', accepts: ['cGFzc3dvcmQx', 'YQ=='], rejects: ['password1!', 'YQ=', 5, null] };
    case 'dateTimeOut':
      return {
        sample: '2024-05-06T07:08:09.123Z',
        accepts: ['2024-05-06T07:08:09.123Z'],
        rejects: ['2024-05-06 07:08:09', '2024-05-06T07:08:09Z', '2024-05-06T07:08:09.123+02:00', 1714979289123],
      };
    case 'dateTimeIn':
      return {
        sample: '2024-05-06 07:08:09',
        accepts: ['2024-05-06 07:08:09', '2024-05-06T07:08:09Z', '2024-05-06T07:08:09.5+02:00'],
        rejects: ['2024-05-06', '2024-05-06T07:08:09', 'soon', 1714979289123],
      };
    case 'scheduleIn':
      return {
        sample: '2024-05-06 07:08:09',
        accepts: ['Now()', '2024-05-06T07:08:09Z', '2024-05-06T07:08:09.5+02:00'],
        rejects: ['Now', 'NOW()', 'now()', 'soon', '2024-05-06', 1714979289123],
      };
    case 'stringOrInt':
      return { sample: '0215550100', accepts: ['', 27215550100, 0], rejects: [true, 1.5, -1, {}, null] };
    case 'stringArray':
      return { sample: ['TEXT'], accepts: [], rejects: ['TEXT', [1]] };
    case 'phoneArray':
      return { sample: ['0800555001'], accepts: [], rejects: ['0800555001', ['12']] };
    case 'idArray':
      return { sample: [1, 2], accepts: [], rejects: [1, ['1'], [1.5]] };
    case 'objectArray':
      return { sample: [], accepts: [], rejects: ['x', {}, [1]] };
    case 'anyArray':
      return { sample: [1, 'x'], accepts: [[], [1.5, null]], rejects: ['x', {}, 1] };
    case 'object':
      return { sample: {}, accepts: [], rejects: ['x', 1] };
  }
}

function sampleOf(row: FieldRow): unknown {
  return row.sample !== undefined ? row.sample : ruleOf(row.type).sample;
}

/** A valid object of the table: every field (or only the required ones). */
export function sampleObject(table: FieldTable, only: 'all' | 'required' = 'all'): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, row] of Object.entries(table)) if (only === 'all' || row.required) out[name] = sampleOf(row);
  return out;
}

/** Dotted issue paths, the way the error body's `errors[].field` names them. */
export function issuePaths(result: { success: boolean; error?: z.ZodError }): string[] {
  return (result.error?.issues ?? []).map((i) => i.path.map(String).join('.'));
}

/** True when some issue is at `path` or inside it. */
export function failsAt(result: { success: boolean; error?: z.ZodError }, path: string): boolean {
  if (result.success) return false;
  return issuePaths(result).some((p) => p === path || (path !== '' && p.startsWith(`${path}.`)));
}

type Json = Record<string, unknown>;

/** The property names of the object at `at` (dotted: a number steps into an array's items). */
function jsonKeys(schema: z.ZodType, io: 'input' | 'output', at: string): string[] {
  const root = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json;
  const defs = (root.$defs ?? {}) as Record<string, Json>;
  const resolve = (node: Json): Json => {
    let n = node;
    while (typeof n.$ref === 'string') n = defs[n.$ref.replace('#/$defs/', '')] as Json;
    return n;
  };
  let node = resolve(root);
  for (const step of at === '' ? [] : at.split('.')) {
    node = resolve((/^[0-9]+$/.test(step) ? node.items : (node.properties as Json)[step]) as Json);
  }
  return Object.keys((node.properties ?? {}) as Json).sort();
}

export interface CheckOptions {
  /** Builds the whole input around one object of the table (for nested tables). */
  readonly wrap?: (obj: Record<string, unknown>) => unknown;
  /** The dotted path of the table's object inside the wrapped input. */
  readonly at?: string;
  /** Which side's JSON Schema lists the object's fields: requests are `input`, answers `output`. */
  readonly io?: 'input' | 'output';
  /** A schema holding the table's object at `keysAt` (when `at` cannot reach it through a union). */
  readonly keysOf?: z.ZodType;
  readonly keysAt?: string;
  /**
   * Optional fields the minimal object still carries: one of two spellings (B.1), or the one
   * change a partial update needs.
   */
  readonly minimalAlso?: readonly string[];
  /** Fields the schema accepts but maps away on output (older spellings). */
  readonly renamedOnOutput?: readonly string[];
}

/**
 * Registers tests asserting that `schema` carries exactly the table's fields with their types:
 * the key set is the table's; a full and a minimal sample parse; each required field, when
 * missing, fails at its path; each field rejects values of another type and accepts its own.
 */
export function checkFields(title: string, schema: z.ZodType, table: FieldTable, options: CheckOptions = {}): void {
  const wrap = options.wrap ?? ((o: Record<string, unknown>) => o);
  const at = options.at ?? '';
  const pathOf = (field: string) => (at === '' ? field : `${at}.${field}`);
  const parse = (obj: Record<string, unknown>) => schema.safeParse(wrap(obj));

  describe(title, () => {
    it('has exactly the documented field names', () => {
      const keys = options.keysOf
        ? jsonKeys(options.keysOf, options.io ?? 'input', options.keysAt ?? '')
        : jsonKeys(schema, options.io ?? 'input', at);
      expect(keys).toEqual(Object.keys(table).sort());
    });

    it('accepts an object with every field, and one with the required fields only', () => {
      const full = parse(sampleObject(table, 'all'));
      expect(full.error?.issues ?? []).toEqual([]);
      const all = sampleObject(table, 'all');
      const minimal = parse({
        ...sampleObject(table, 'required'),
        ...Object.fromEntries((options.minimalAlso ?? []).map((name) => [name, all[name]])),
      });
      expect(minimal.error?.issues ?? []).toEqual([]);
    });

    const required = Object.entries(table).filter(([, row]) => row.required);
    if (required.length > 0) {
      it.each(required.map(([name]) => name))('rejects a missing %s at its path', (name) => {
        const obj = sampleObject(table, 'all');
        delete obj[name];
        expect(failsAt(parse(obj), pathOf(name)), `${pathOf(name)} missing`).toBe(true);
      });
    }

    const optional = Object.entries(table).filter(([, row]) => !row.required);
    if (optional.length > 0) {
      it.each(optional.map(([name]) => name))('accepts %s left out', (name) => {
        const obj = sampleObject(table, 'all');
        delete obj[name];
        expect(parse(obj).error?.issues ?? []).toEqual([]);
      });
    }

    it.each(Object.entries(table))('%s has its documented type', (name, row) => {
      const rule = ruleOf(row.type);
      for (const bad of rule.rejects) {
        if (bad === null && row.nullable) continue;
        const obj = { ...sampleObject(table, 'all'), [name]: bad };
        expect(failsAt(parse(obj), pathOf(name)), `${pathOf(name)} = ${JSON.stringify(bad)} must fail`).toBe(true);
      }
      for (const good of [sampleOf(row), ...rule.accepts, ...(row.nullable ? [null] : [])]) {
        const obj = { ...sampleObject(table, 'all'), [name]: good };
        const result = parse(obj);
        expect(result.error?.issues ?? [], `${pathOf(name)} = ${JSON.stringify(good)} must pass`).toEqual([]);
      }
      if (row.blankIsAbsent) {
        const blank = parse({ ...sampleObject(table, 'all'), [name]: '' });
        expect(blank.error?.issues ?? [], `${pathOf(name)} = "" must pass`).toEqual([]);
        const holder = (at === '' ? blank.data : valueAt(blank.data, at)) as Record<string, unknown>;
        expect(holder[name], `${pathOf(name)} = "" means absent`).toBeUndefined();
      }
      if (!options.renamedOnOutput?.includes(name)) {
        const out = parse(sampleObject(table, 'all'));
        const holder = at === '' ? out.data : valueAt(out.data, at);
        expect(holder, `${pathOf(name)} is kept under its documented name`).toHaveProperty([name]);
      }
    });
  });
}

function valueAt(value: unknown, at: string): unknown {
  let node = value;
  for (const step of at.split('.')) node = (node as Record<string, unknown>)[step];
  return node;
}
