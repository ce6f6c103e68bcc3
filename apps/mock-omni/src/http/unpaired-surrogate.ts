/**
 * Where a parsed JSON body holds a string that is not valid Unicode: a `\uD800`–`\uDFFF` escape with no partner. JSON's
 * grammar lets one through and JavaScript keeps it, but UTF-8 cannot encode it: SQLite would store U+FFFD in its place,
 * so the value read back would differ from the one accepted (and one character would become three bytes past a length
 * limit). PHP's `json_decode`, which an Omni on VICIdial most likely answers with, refuses such a body (inferred).
 *
 * @module
 */

/** A `\u` escape of a surrogate, high or low: only a text with one can hold an unpaired surrogate. */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one (code units: no `u` flag). */
const UNPAIRED = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNPAIRED_ALL = new RegExp(UNPAIRED.source, 'g');

/** A key as an error names it: each unpaired surrogate written as its JSON escape. */
const shownKey = (key: string) =>
  key.replace(UNPAIRED_ALL, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * The dotted path (`phone_numbers.0.phone_number`, `body` for the value itself) of the first string, key or value, of
 * `value` that is not well-formed; undefined when there is none. `text` is the JSON it was parsed from: a text with no
 * surrogate escape is answered without walking the value.
 */
export function unpairedSurrogateAt(text: string, value: unknown): string | undefined {
  if (!SURROGATE_ESCAPE.test(text)) return undefined;
  // Depth-first, in the order the fields were written (a key before its value); the body's depth is bounded before
  // the parse (json-depth.ts).
  const stack: { value: unknown; path: string[]; badKey: boolean }[] = [{ value, path: [], badKey: false }];
  while (stack.length > 0) {
    const { value: v, path, badKey } = stack.pop() as { value: unknown; path: string[]; badKey: boolean };
    if (badKey) return [...path.slice(0, -1), shownKey(path[path.length - 1] as string)].join('.');
    if (typeof v === 'string') {
      if (UNPAIRED.test(v)) return path.length === 0 ? 'body' : path.join('.');
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: [...path, String(i)], badKey: false });
    } else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, item] = entries[i] as [string, unknown];
        stack.push({ value: item, path: [...path, key], badKey: UNPAIRED.test(key) });
      }
    }
  }
  return undefined;
}
