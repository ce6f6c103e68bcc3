/**
 * Tags every property of a generated JSON Schema with where it comes from (`x-omni-source`,
 * `x-omni-page`), so the OpenAPI document shows `documented` or `inferred` field by field.
 *
 * @module
 */

import { INFERRED_NOTE, PAGE_KEY, SOURCE_KEY, type Source } from './source.js';

type JsonSchema = Record<string, unknown>;

/** A source with the wiki page a documented one comes from. */
export interface Provenance {
  readonly source: Source;
  readonly page?: string | undefined;
}

const REF_PREFIX = '#/components/schemas/';
/** Keywords whose value is a sub-schema or a list of them (`properties` is walked on its own). */
const SUBSCHEMA_KEYS = ['items', 'prefixItems', 'anyOf', 'oneOf', 'allOf', 'not', 'additionalProperties'];

function isObject(v: unknown): v is JsonSchema {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function same(a: Provenance, b: Provenance): boolean {
  return a.source === b.source && a.page === b.page;
}

function ownProvenance(node: JsonSchema, inherited: Provenance): Provenance | undefined {
  const source = node[SOURCE_KEY];
  if (source !== 'documented' && source !== 'inferred') return undefined;
  const page = typeof node[PAGE_KEY] === 'string' ? (node[PAGE_KEY] as string) : undefined;
  // A documented field without a page of its own keeps the page of the documented object it is in.
  return { source, page: source === 'documented' ? (page ?? inherited.page) : undefined };
}

/**
 * Writes `x-omni-source` (and `x-omni-page`) on every property of the JSON Schemas it is given,
 * by the rule of source.ts: a property keeps its own tag, else inherits its object's, up to the
 * request body or response, whose default the caller passes. Named components are shared, so a
 * component reached under two different defaults must tag its properties itself: that is an error
 * here, never a silent pick of one of them.
 */
export class SourceTagger {
  private readonly reachedAs = new Map<string, Provenance>();
  /** Component and provenance pairs already walked (a component may refer to itself). */
  private readonly visited = new Set<string>();
  /** Properties whose tag came from a default, not from the contract. */
  private readonly defaulted = new WeakSet<JsonSchema>();

  constructor(private readonly components: Record<string, JsonSchema>) {}

  tag(schema: unknown, inherited: Provenance, where: string): void {
    this.walk(schema, inherited, where, false);
  }

  private walk(node: unknown, inherited: Provenance, where: string, checkOnly: boolean): void {
    if (Array.isArray(node)) {
      for (const item of node) this.walk(item, inherited, where, checkOnly);
      return;
    }
    if (!isObject(node)) return;
    const own = ownProvenance(node, inherited);
    const here = own ?? inherited;
    if (typeof node.$ref === 'string' && node.$ref.startsWith(REF_PREFIX)) {
      this.component(node.$ref.slice(REF_PREFIX.length), here, where);
    }
    if (isObject(node.properties)) {
      for (const [name, prop] of Object.entries(node.properties)) {
        if (!isObject(prop)) continue;
        const explicit = ownProvenance(prop, here);
        if (checkOnly && (!explicit || this.defaulted.has(prop))) {
          throw new Error(
            `${where}: property ${name} has no x-omni-source of its own, and a shared schema must tag its fields (source.ts)`,
          );
        }
        const provenance = explicit ?? here;
        if (!explicit) this.defaulted.add(prop);
        prop[SOURCE_KEY] = provenance.source;
        if (provenance.page !== undefined) prop[PAGE_KEY] = provenance.page;
        else delete prop[PAGE_KEY];
        if (explicit?.source === 'inferred') {
          const text = typeof prop.description === 'string' ? ` ${prop.description}` : '';
          if (!text.startsWith(` ${capitalised(INFERRED_NOTE)}`))
            prop.description = `${capitalised(INFERRED_NOTE)}.${text}`;
        }
        this.walk(prop, provenance, `${where}.${name}`, checkOnly);
      }
    }
    for (const key of SUBSCHEMA_KEYS) {
      if (key in node) this.walk(node[key], here, where, checkOnly);
    }
  }

  private component(name: string, inherited: Provenance, where: string): void {
    const schema = this.components[name];
    if (!schema) return;
    const key = `${name}|${inherited.source}|${inherited.page ?? ''}`;
    if (this.visited.has(key)) return;
    this.visited.add(key);
    const before = this.reachedAs.get(name);
    if (before && same(before, inherited)) return;
    // A component tagged as a whole reads the same under any default.
    if (before && ownProvenance(schema, inherited)) return;
    if (before) {
      this.walk(
        schema,
        inherited,
        `${name} (reached from ${where} as ${describe(inherited)}, before as ${describe(before)})`,
        true,
      );
      return;
    }
    this.reachedAs.set(name, inherited);
    this.walk(schema, inherited, name, false);
  }
}

function describe(p: Provenance): string {
  return p.page ? `${p.source} on page ${p.page}` : p.source;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
