/**
 * Wire primitives shared by every route (omni-api.md B.1). Each is written once here; routes,
 * the mock and the sdk infer from them.
 *
 * @module
 */

import { z } from 'zod';

/** A positive integer id in a JSON body (ids are integers everywhere in Omni but `GET /omni/users`). */
export const id = z.number().int().positive();

/** An id that may be absent in a payload: omni-api.md B.1 says absent ids are `0`. */
export const idOrZero = z.number().int().nonnegative();

/** The largest id a path or a body may name: JSON numbers are exact up to 2^53 − 1, and ids are JSON numbers. */
export const MAX_ID = Number.MAX_SAFE_INTEGER;

/**
 * A path parameter holding an integer id: the path gives text, the handler gets a number. Its range is a body id's
 * (`id`): 1 to 2^53 − 1, so an id a body may name is looked up (404 when no such thing exists) when a path names it.
 */
export const pathId = z
  .string()
  .regex(/^[0-9]+$/, 'must be a positive integer')
  .transform(Number)
  .refine((n) => n > 0, 'must be a positive integer')
  .refine((n) => n <= MAX_ID, `must be at most ${MAX_ID}`);

/** Date-times the server emits: ISO-8601 UTC with milliseconds and `Z` (B.1). */
export const dateTimeOut = z.iso.datetime({ precision: 3, offset: false });

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/**
 * `Date.UTC` of a local form's fields, its year as written: `Date.UTC` alone reads years 0–99 as
 * 1900–1999, so `0050-01-01 00:00:00` would be 1950.
 */
function utcOfFields(y: number, mo: number, d: number, h: number, mi: number, s: number): number {
  const t = new Date(Date.UTC(2000, mo - 1, d, h, mi, s));
  t.setUTCFullYear(y);
  return t.getTime();
}

/**
 * The local form must name a real calendar time: `Date.UTC` would silently roll 30 February or
 * hour 24 over into another day, so a typo would schedule a call at the wrong time, not fail.
 */
function isCalendarDateTime(value: string): boolean {
  const local = LOCAL_DATE_TIME.exec(value);
  if (!local) return false;
  const [, y, mo, d, h, mi, s] = local.map(Number) as [number, number, number, number, number, number, number];
  const t = new Date(utcOfFields(y, mo, d, h, mi, s));
  return (
    t.getUTCFullYear() === y &&
    t.getUTCMonth() === mo - 1 &&
    t.getUTCDate() === d &&
    t.getUTCHours() === h &&
    t.getUTCMinutes() === mi &&
    t.getUTCSeconds() === s
  );
}

/**
 * Date-times the server accepts (B.1): ISO-8601 with `Z` or an offset, or `YYYY-MM-DD HH:MM:SS`
 * in the system's time zone. The value is kept as given; the server interprets the local form.
 */
export const dateTimeIn = z.union(
  [
    z.iso.datetime({ offset: true }),
    z
      .string()
      .regex(LOCAL_DATE_TIME, 'must be ISO-8601 or YYYY-MM-DD HH:MM:SS')
      .refine(isCalendarDateTime, 'is not a real calendar date and time'),
  ],
  // Without it a bad value reads only "Invalid input": say which forms are accepted.
  { error: 'must be a real date-time, ISO-8601 with Z or an offset, or YYYY-MM-DD HH:MM:SS' },
);

/**
 * Interprets an accepted date-time input as epoch milliseconds; the local form is read in the
 * given UTC offset (minutes east of UTC; the system's time zone, default 0).
 */
export function parseDateTimeIn(value: string, utcOffsetMinutes = 0): number {
  const local = LOCAL_DATE_TIME.exec(value);
  if (local) {
    const [, y, mo, d, h, mi, s] = local.map(Number) as [number, number, number, number, number, number, number];
    return utcOfFields(y, mo, d, h, mi, s) - utcOffsetMinutes * 60_000;
  }
  return Date.parse(value);
}

const formatted = new Map<number, string>();
/** Date-times formatted, at most this many: a call's timeline is formatted again at each of its steps. */
const FORMATTED_LIMIT = 8_192;

/**
 * Formats epoch milliseconds the way the server emits date-times. The same instants come back again and again (every
 * notification of a call carries its whole timeline), and a lookup costs a fifteenth of formatting one.
 */
export function formatDateTime(epochMs: number): string {
  let text = formatted.get(epochMs);
  if (text === undefined) {
    text = new Date(epochMs).toISOString();
    if (formatted.size >= FORMATTED_LIMIT) formatted.clear();
    formatted.set(epochMs, text);
  }
  return text;
}

/** Phone numbers in: digits with an optional leading `+`, 3–16 digits (B.1). */
/** Flags each repeated value of a list: `message` at the repeat's index, under `path`. */
export function flagDuplicates<T>(
  values: readonly T[],
  ctx: z.RefinementCtx,
  path: (string | number)[] = [],
  message = 'is a duplicate',
): void {
  const seen = new Set<T>();
  values.forEach((v, i) => {
    if (seen.has(v)) ctx.addIssue({ code: 'custom', path: [...path, i], message });
    seen.add(v);
  });
}

export const phoneNumber = z.string().regex(/^\+?[0-9]{3,16}$/, 'must be 3 to 16 digits with an optional leading +');

/** Base64 of the password's ASCII bytes (A.2). */
export const base64Password = z
  .string()
  .min(4, 'must be the Base64 of the password')
  .regex(
    /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/,
    'must be Base64 (the password’s ASCII bytes)',
  );

/** Any JSON value: what a body echoes back as it was sent (the offending ids of a vicidial 400). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export const jsonValue: z.ZodType<JsonValue> = z
  .lazy(() =>
    z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValue), z.record(z.string(), jsonValue)]),
  )
  .meta({ id: 'JsonValue', description: 'Any JSON value, echoed as it was sent.' });

/** The documented command answer `{ success, detail }`. */
export const commandResult = z.object({
  success: z.boolean(),
  detail: z.string(),
});
export type CommandResult = z.infer<typeof commandResult>;

/**
 * Encodes a password the way authorize expects it (A.2): Base64 of its ASCII bytes. A password with
 * any other character has no ASCII bytes to send: it is refused with a TypeError (which names its
 * position, never the character), not cut down to a different password.
 */
export function encodePassword(password: string): string {
  if (typeof password !== 'string') {
    throw new TypeError(`the password must be a string; got ${password === null ? 'null' : typeof password}`);
  }
  for (let i = 0; i < password.length; i++) {
    if (password.charCodeAt(i) > 0x7f) {
      throw new TypeError(
        `the password must be ASCII: Omni takes the Base64 of its ASCII bytes (A.2), and character ${i + 1} is not ASCII`,
      );
    }
  }
  return btoa(password);
}
