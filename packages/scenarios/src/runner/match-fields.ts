/**
 * How field matchers are judged against a payload: dotted paths, the operators, and `$ref`
 * names resolved to the ids the run gave them.
 *
 * @module
 */

import type { FieldMatcher, FieldMatchers } from '../dsl/scenario-schema.js';

/** Resolves `$ref` names to the ids the run gave them. */
export type RefResolver = (name: string) => number | undefined;

const show = (v: unknown) => (v === undefined ? 'nothing' : JSON.stringify(v));

/** Why `actual` fails `matcher`, or undefined when it matches. */
export function mismatch(actual: unknown, matcher: FieldMatcher, refs: RefResolver): string | undefined {
  if (matcher === null || typeof matcher !== 'object')
    return actual === matcher ? undefined : `expected ${show(matcher)}, got ${show(actual)}`;
  if ('$ref' in matcher) {
    const want = refs(matcher.$ref);
    if (want === undefined) return `"${matcher.$ref}" names nothing this run made`;
    return actual === want ? undefined : `expected ${want} (${matcher.$ref}), got ${show(actual)}`;
  }
  if ('$oneOf' in matcher)
    return matcher.$oneOf.includes(actual as never)
      ? undefined
      : `expected one of ${show(matcher.$oneOf)}, got ${show(actual)}`;
  if ('$ne' in matcher) return actual !== matcher.$ne ? undefined : `expected anything but ${show(matcher.$ne)}`;
  if ('$regex' in matcher)
    return typeof actual === 'string' && new RegExp(matcher.$regex).test(actual)
      ? undefined
      : `expected to match /${matcher.$regex}/, got ${show(actual)}`;
  if ('$present' in matcher) {
    const present = actual !== undefined && actual !== null && actual !== '' && actual !== 0;
    return present === matcher.$present
      ? undefined
      : `expected ${matcher.$present ? 'a value' : 'none'}, got ${show(actual)}`;
  }
  if (typeof actual !== 'number') return `expected a number, got ${show(actual)}`;
  const b = matcher as { $gte?: number; $lte?: number; $gt?: number };
  if (b.$gte !== undefined && actual < b.$gte) return `expected ≥ ${b.$gte}, got ${actual}`;
  if (b.$gt !== undefined && actual <= b.$gt) return `expected > ${b.$gt}, got ${actual}`;
  if (b.$lte !== undefined && actual > b.$lte) return `expected ≤ ${b.$lte}, got ${actual}`;
  return undefined;
}

/** Every field that fails its matcher, as `field: why`. Dotted names reach into objects (`agents.ready`). */
export function mismatches(actual: unknown, matchers: FieldMatchers, refs: RefResolver): string[] {
  const out: string[] = [];
  for (const [field, matcher] of Object.entries(matchers)) {
    let value: unknown = actual;
    for (const part of field.split('.'))
      value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
    const why = mismatch(value, matcher, refs);
    if (why) out.push(`${field}: ${why}`);
  }
  return out;
}

export function matches(actual: unknown, matchers: FieldMatchers, refs: RefResolver): boolean {
  return mismatches(actual, matchers, refs).length === 0;
}
