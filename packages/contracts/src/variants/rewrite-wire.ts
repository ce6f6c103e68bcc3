/**
 * How the `errors`, `dates`, `ids` and `extras` axes rewrite a body on the wire (`rewriteBody`, `rewriteError`), and
 * the way back to the contracts' own shapes (`normalizeBody`): the mock writes a variant with the first, a client
 * reads any variant with the second. Both are pure and never change the value they are given.
 *
 * @module
 */

import type { z } from 'zod';
import { type WireField, type WirePath, wireFields } from './variant-fields.js';
import type { Variation } from './variation-axes.js';

/** A system's time zone as the date forms need it: its offset from UTC, in minutes east, at an instant. */
export interface WireZone {
  offsetMinutesAt(epochMs: number): number;
}

export const UTC_ZONE: WireZone = { offsetMinutesAt: () => 0 };

/** A fixed offset (minutes east of UTC), for a zone without daylight saving time. */
export function fixedZone(offsetMinutes: number): WireZone {
  return { offsetMinutesAt: () => offsetMinutes };
}

/** The unknown fields `extras=extra-fields` adds: to every object, and to the body's top object. */
export const EXTRA_FIELDS: Readonly<Record<string, string | number>> = { server_node: 'omni-app-01' };
export const EXTRA_TOP_FIELDS: Readonly<Record<string, string | number>> = { api_version: '3.4.2', request_ms: 3 };

const pad = (n: number, width = 2) => String(Math.trunc(Math.abs(n))).padStart(width, '0');

function localParts(epochMs: number, offsetMinutes: number): string[] {
  const t = new Date(epochMs + offsetMinutes * 60_000);
  return [
    `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`,
    `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`,
    pad(t.getUTCMilliseconds(), 3),
  ];
}

/** An instant written in one of the `dates` forms, in `zone`. */
export function formatDateAs(epochMs: number, form: Variation['dates'], zone: WireZone = UTC_ZONE): string {
  if (form === 'iso-z') return new Date(epochMs).toISOString();
  const offset = zone.offsetMinutesAt(epochMs);
  const [day, time, ms] = localParts(epochMs, offset);
  if (form === 'vicidial') return `${day} ${time}`;
  const sign = offset < 0 ? '-' : '+';
  return `${day}T${time}.${ms}${sign}${pad(Math.abs(offset) / 60)}:${pad(Math.abs(offset) % 60)}`;
}

const LOCAL_FORM = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/;

/**
 * The instant a date-time in any `dates` form names: ISO-8601 with `Z` or an offset as written, the local form
 * (`YYYY-MM-DD HH:MM:SS`, no zone) in `zone`. `undefined` for anything else.
 */
export function parseAnyDate(text: string, zone: WireZone = UTC_ZONE): number | undefined {
  const local = LOCAL_FORM.exec(text);
  if (local) {
    const [y, mo, d, h, mi, s] = local.slice(1, 7).map(Number) as [number, number, number, number, number, number];
    const ms = local[7] ? Number(local[7].padEnd(3, '0')) : 0;
    const naive = Date.UTC(y, mo - 1, d, h, mi, s, ms);
    // The offset at the naive instant, then at the instant it gives: right on both sides of a DST change.
    const first = naive - zone.offsetMinutesAt(naive) * 60_000;
    return naive - zone.offsetMinutesAt(first) * 60_000;
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : at;
}

type Edit = (value: unknown, field: WireField) => unknown;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `value` with `edit` applied at `path` (copied along the way; untouched branches shared). */
function editAt(value: unknown, path: WirePath, i: number, field: WireField, edit: Edit): unknown {
  if (i === path.length) return edit(value, field);
  const seg = path[i] as string;
  if (seg === '[]') {
    if (!Array.isArray(value)) return value;
    let changed = false;
    const next = value.map((item) => {
      const out = editAt(item, path, i + 1, field, edit);
      if (out !== item) changed = true;
      return out;
    });
    return changed ? next : value;
  }
  if (!isPlainObject(value) || !(seg in value)) return value;
  const inner = value[seg];
  const out = editAt(inner, path, i + 1, field, edit);
  return out === inner ? value : { ...value, [seg]: out };
}

function applyFields(body: unknown, fields: readonly WireField[], edit: Edit): unknown {
  // Deepest paths first, so an object's extra fields are added after its own fields were rewritten.
  const ordered = [...fields].sort((a, b) => b.path.length - a.path.length);
  let out = body;
  for (const f of ordered) out = editAt(out, f.path, 0, f, edit);
  return out;
}

/**
 * A body the contracts describe with `schema`, rewritten the way variation `v` writes it: date-times in its
 * `dates` form, integer ids as strings under `ids=strings`, unknown fields added under `extras=extra-fields`.
 * Values that are not what the schema says (an id already a string, a date that does not parse) are left alone.
 */
export function rewriteBody(schema: z.ZodType, body: unknown, v: Variation, zone: WireZone = UTC_ZONE): unknown {
  if (v.dates === 'iso-z' && v.ids === 'integers' && v.extras === 'exact') return body;
  const fields = wireFields(schema);
  return applyFields(body, fields, (value, field) => {
    if (field.kind === 'date') {
      if (v.dates === 'iso-z' || typeof value !== 'string') return value;
      const at = parseAnyDate(value, zone);
      return at === undefined ? value : formatDateAs(at, v.dates, zone);
    }
    if (field.kind === 'id') {
      return v.ids === 'strings' && typeof value === 'number' && Number.isInteger(value) ? String(value) : value;
    }
    if (v.extras === 'exact' || !isPlainObject(value)) return value;
    const extras = field.path.length === 0 ? { ...EXTRA_FIELDS, ...EXTRA_TOP_FIELDS } : EXTRA_FIELDS;
    const added = Object.fromEntries(Object.entries(extras).filter(([k]) => !(k in value)));
    return { ...value, ...added };
  });
}

/**
 * The contracts' own shape of a body written in any variant: date-times back to ISO-8601 UTC with milliseconds and
 * `Z` (the local form read in `zone`), integer ids given as decimal strings back to numbers. Unknown fields stay.
 */
export function normalizeBody(schema: z.ZodType, body: unknown, zone: WireZone = UTC_ZONE): unknown {
  const fields = wireFields(schema).filter((f) => f.kind !== 'object');
  return applyFields(body, fields, (value, field) => {
    if (typeof value !== 'string') return value;
    if (field.kind === 'id') return /^(0|[1-9][0-9]{0,14})$/.test(value) ? Number(value) : value;
    const at = parseAnyDate(value, zone);
    return at === undefined ? value : new Date(at).toISOString();
  });
}

/**
 * An Omni error answer (B.2) as variation `errors` writes it; 5xx and non-Omni shapes are not rewritten. `ok-false`
 * keeps the field errors (`errors`, as the coded body names them) beside `detail`: with neither a status nor a code
 * left, they are the only machine-readable account of which field failed and why (inferred: a server that reports a
 * failure in the body alone reports its field errors there too). `status-only` has the status to say what failed, and
 * keeps the documented `{ success, detail }` body alone.
 */
export function rewriteError(
  errors: Variation['errors'],
  status: number,
  body: Record<string, unknown>,
): { status: number; body: Record<string, unknown> } {
  if (errors === 'coded' || status < 400 || status >= 500 || body.success !== false) return { status, body };
  const plain = { success: false, detail: body.detail };
  if (errors === 'status-only') return { status, body: plain };
  return { status: 200, body: Array.isArray(body.errors) ? { ...plain, errors: body.errors } : plain };
}
