/**
 * How deeply a JSON text nests, found without building it.
 *
 * A body nested thousands of levels deep parses (V8's JSON.parse does not recurse), but every recursive walk after it
 * — validation, an error's echo, JSON.stringify of an answer or of the request journal — can overflow the stack. So
 * the depth is read from the bytes first, in one linear pass with no recursion and no allocation: brackets count only
 * outside strings, and inside a string a backslash skips the byte it escapes. UTF-8 never puts an ASCII byte inside a
 * multi-byte character, so scanning bytes is exact.
 *
 * @module
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

/**
 * Whether the JSON text in `bytes` opens more than `limit` arrays or objects inside one another.
 * Text that is not JSON gets an answer too; the parse that follows reports what is wrong with it.
 *
 * @example jsonNestsDeeperThan(new TextEncoder().encode('[[["]]]]"]]]'), 2) // true
 */
export function jsonNestsDeeperThan(bytes: Uint8Array, limit: number): boolean {
  let depth = 0;
  let inString = false;
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) {
      inString = true;
    } else if (b === OPEN_ARRAY || b === OPEN_OBJECT) {
      depth++;
      if (depth > limit) return true;
    } else if (b === CLOSE_ARRAY || b === CLOSE_OBJECT) {
      depth--;
    }
  }
  return false;
}
