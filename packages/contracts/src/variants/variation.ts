/**
 * A variation — one value per axis — written and read as text (`errors=ok-false,dates=vicidial`, the rest at their
 * defaults), drawn from a seed (`random`), and listed one axis at a time (what `--vary all` runs).
 *
 * @module
 */

import { type AxisName, VARIATION_AXES, type Variation } from './variation-axes.js';

/** The contracts' own shapes: the first value of every axis. */
export const DEFAULT_VARIATION: Variation = Object.freeze(
  Object.fromEntries(VARIATION_AXES.map((a) => [a.name, a.values[0].name])) as unknown as Variation,
);

/** A `--vary` text that names no axis or value there is, or `random` without a seed. */
export class VaryError extends Error {
  override readonly name = 'VaryError';
}

const AXIS_NAMES = VARIATION_AXES.map((a) => a.name);

function axisOf(name: string) {
  return VARIATION_AXES.find((a) => a.name === name);
}

/**
 * Reads a `--vary` text: `default` (or empty), `random` (drawn from `seed`), or `axis=value` pairs separated by
 * commas, each axis at most once, the axes not named at their defaults. Throws `VaryError` naming what is wrong
 * and what is allowed.
 */
export function parseVary(text: string, seed?: number): Variation {
  const spec = text.trim();
  if (spec === '' || spec === 'default') return DEFAULT_VARIATION;
  if (spec === 'random') {
    if (seed === undefined)
      throw new VaryError('--vary random needs a seed (--seed N) so that the draw can be repeated');
    return randomVariation(seed);
  }
  const out: Record<string, string> = { ...DEFAULT_VARIATION };
  const seen = new Set<string>();
  const parts = spec.split(',');
  const empty = parts.findIndex((part) => part.trim() === '');
  if (empty >= 0) {
    const where = empty === 0 ? 'a leading comma' : empty === parts.length - 1 ? 'a trailing comma' : 'a doubled comma';
    throw new VaryError(
      `"${spec}" has an empty item (${where}): separate axis=value pairs by single commas, e.g. errors=ok-false,dates=vicidial`,
    );
  }
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq < 0) {
      throw new VaryError(
        `"${part.trim()}" is not axis=value (axes: ${AXIS_NAMES.join(', ')}; or "random", "default")`,
      );
    }
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    // An empty side is said as missing, not as an unknown axis or value named "".
    if (name === '') {
      throw new VaryError(`no axis named before '=' in "${part.trim()}" (axes: ${AXIS_NAMES.join(', ')})`);
    }
    const found = axisOf(name);
    if (!found) throw new VaryError(`unknown axis "${name}" (axes: ${AXIS_NAMES.join(', ')})`);
    if (seen.has(name)) throw new VaryError(`axis "${name}" is given twice`);
    seen.add(name);
    if (value === '') {
      throw new VaryError(`no value given for ${name} (values: ${found.values.map((v) => v.name).join(', ')})`);
    }
    if (!found.values.some((v) => v.name === value)) {
      throw new VaryError(
        `unknown value "${value}" for ${name} (values: ${found.values.map((v) => v.name).join(', ')})`,
      );
    }
    out[name] = value;
  }
  return Object.freeze(out) as unknown as Variation;
}

/** The text `parseVary` reads back: the axes away from their defaults, or `default`. */
export function formatVariation(v: Variation): string {
  const parts = VARIATION_AXES.filter((a) => v[a.name] !== a.values[0].name).map((a) => `${a.name}=${v[a.name]}`);
  return parts.length === 0 ? 'default' : parts.join(',');
}

/** Every axis with its value, default or not (`errors=coded,dates=iso-z,…`), for a banner. */
export function describeVariation(v: Variation): string {
  return VARIATION_AXES.map((a) => `${a.name}=${v[a.name]}`).join(',');
}

/** Whether `v` is the contracts' own shapes on every axis. */
export function isDefaultVariation(v: Variation): boolean {
  return VARIATION_AXES.every((a) => v[a.name] === a.values[0].name);
}

/** A 32-bit state stepped by a fixed odd increment and mixed: small, fast, and the same on every platform. */
function seededDraws(seed: number): () => number {
  let state = (Math.trunc(seed) ^ 0x5eed1234) >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 16), 0x21f0aaad) >>> 0;
    x = Math.imul(x ^ (x >>> 15), 0x735a2d97) >>> 0;
    return ((x ^ (x >>> 15)) >>> 0) / 2 ** 32;
  };
}

/** One value per axis drawn from `seed`: the same seed gives the same variation on every machine. */
export function randomVariation(seed: number): Variation {
  const draw = seededDraws(seed);
  const out: Record<string, string> = {};
  for (const a of VARIATION_AXES) {
    out[a.name] = (a.values[Math.floor(draw() * a.values.length)] ?? a.values[0]).name;
  }
  return Object.freeze(out) as unknown as Variation;
}

/** `count` variations drawn from consecutive seeds from `seed` on. */
export function randomVariations(seed: number, count: number): Variation[] {
  return Array.from({ length: count }, (_, i) => randomVariation(seed + i));
}

/** A named variation in a matrix: its text and the axis it varies (undefined for the default and random draws). */
export interface NamedVariation {
  readonly label: string;
  readonly axis: AxisName | undefined;
  readonly variation: Variation;
}

/**
 * What `--vary all` runs: the default, then every non-default value of each axis with the others at their
 * defaults, then `random` draws from `seed` (labelled `random#<seed>`).
 */
export function variationMatrix(options: { random?: number; seed?: number } = {}): NamedVariation[] {
  const out: NamedVariation[] = [{ label: 'default', axis: undefined, variation: DEFAULT_VARIATION }];
  for (const a of VARIATION_AXES) {
    for (const v of a.values.slice(1)) {
      const variation = Object.freeze({ ...DEFAULT_VARIATION, [a.name]: v.name }) as Variation;
      out.push({ label: `${a.name}=${v.name}`, axis: a.name, variation });
    }
  }
  const seed = options.seed ?? 1;
  for (let i = 0; i < (options.random ?? 0); i++) {
    out.push({ label: `random#${seed + i}`, axis: undefined, variation: randomVariation(seed + i) });
  }
  return out;
}
