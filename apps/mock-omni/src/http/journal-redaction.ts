/**
 * What the request journal hands out of a body: secrets masked, and no more than it can always serialise.
 *
 * A value under a secret field name (`SECRET_FIELDS` in the contracts) reads `***` at any depth, and a URL's password
 * reads `***` in any string. The copy is bounded — at most `MAX_JSON_DEPTH` levels and `JOURNAL_MAX_VALUES` values —
 * and what is cut is replaced by a marker string saying so, so that `GET /__mock/journal` can serialise every entry
 * whatever a request carried. The journal keeps bodies as sent (request-journal.ts); this runs on each entry as
 * `GET /__mock/journal` reads it, and a value that needs none of it is handed out as it is, not copied. The query
 * string's secrets (`journalSafeQuery`) are masked as the entry is written.
 *
 * @module
 */

import { isSecretField, MAX_JSON_DEPTH, SECRET_MASK } from '@omnikit/contracts';

export const JOURNAL_MAX_VALUES = 20_000;

export const TRUNCATED_DEEP = `[truncated: nested deeper than ${MAX_JSON_DEPTH} levels]`;
export const TRUNCATED_LARGE = `[truncated: more than ${JOURNAL_MAX_VALUES} values]`;

/** Key under which an object cut short by the value budget says so. */
const MORE = '…';

/** Field names seen so far and whether each is secret (bounded: names are few, but come from clients). */
const secretNames = new Map<string, boolean>();
function isSecret(name: string): boolean {
  let known = secretNames.get(name);
  if (known === undefined) {
    known = isSecretField(name);
    if (secretNames.size < 10_000) secretNames.set(name, known);
  }
  return known;
}

/** `scheme://user:password@`, anywhere in a text. */
const URL_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/[^/?#@:\s]*):[^/?#@\s]*@/gi;

/**
 * `value` as the journal may keep it: the same reference when nothing in it is secret or beyond
 * the bounds, else a copy with secrets masked and the excess replaced by markers.
 *
 * @example journalSafe({ user_name: 'agent1', password: 'cGFzc3dvcmQx' }) // { user_name: 'agent1', password: '***' }
 */
export function journalSafe(value: unknown): unknown {
  const budget = { left: JOURNAL_MAX_VALUES };
  return safe(value, 0, budget);
}

function safe(value: unknown, depth: number, budget: { left: number }): unknown {
  if (typeof value === 'string') return value.includes('@') ? maskUrlPasswords(value) : value;
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_JSON_DEPTH) return TRUNCATED_DEEP;
  if (Array.isArray(value)) return safeArray(value, depth, budget);
  return safeObject(value as Record<string, unknown>, depth, budget);
}

function safeArray(value: unknown[], depth: number, budget: { left: number }): unknown[] {
  let out: unknown[] | undefined;
  for (let i = 0; i < value.length; i++) {
    if (--budget.left < 0) {
      out ??= value.slice(0, i);
      out.push(TRUNCATED_LARGE);
      return out;
    }
    const item = value[i];
    const kept = safe(item, depth + 1, budget);
    if (kept !== item) out ??= value.slice(0, i);
    if (out) out.push(kept);
  }
  return out ?? value;
}

function safeObject(value: Record<string, unknown>, depth: number, budget: { left: number }): Record<string, unknown> {
  const keys = Object.keys(value);
  let out: Record<string, unknown> | undefined;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    if (--budget.left < 0) {
      out ??= copyFirst(value, keys, i);
      define(out, MORE, TRUNCATED_LARGE);
      return out;
    }
    const item = value[key];
    const kept = isSecret(key) && item !== null && item !== undefined ? SECRET_MASK : safe(item, depth + 1, budget);
    if (kept !== item) out ??= copyFirst(value, keys, i);
    if (out) define(out, key, kept);
  }
  return out ?? value;
}

function copyFirst(value: Record<string, unknown>, keys: string[], n: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) define(out, keys[i] as string, value[keys[i] as string]);
  return out;
}

/** Sets an own property, `__proto__` included (a plain assignment would change the prototype). */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** `text` with the password of every URL in it masked (`https://user:***@host/…`). */
export function maskUrlPasswords(text: string): string {
  return text.replace(URL_PASSWORD, `$1:${SECRET_MASK}@`);
}

/** A query string (`?a=1&auth-key=…`) with the value of every secret parameter masked. */
export function journalSafeQuery(search: string): string {
  if (search === '' || search === '?') return search;
  const out = new URLSearchParams();
  let masked = false;
  for (const [name, value] of new URLSearchParams(search)) {
    const secret = isSecret(name);
    out.append(name, secret ? SECRET_MASK : value);
    masked ||= secret;
  }
  return masked ? `?${out.toString()}` : search;
}
