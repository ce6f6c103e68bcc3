/**
 * The variation stage of an Omni route: the answer as the plausible Omni the system plays writes it
 * (`@omnikit/contracts/variants`). It runs after the contract check, which sees the contracts' own shape (so
 * `--strict` and `validateResponses` hold under any variation), and before the journal and the response, so the journal
 * shows what was sent.
 *
 * - `errors`: every 4xx becomes the form `rewriteError` writes (a 429 keeps its `Retry-After`: the headers are not
 *   this stage's); a 5xx stays as it is.
 * - `dates`, `ids`, `extras`: a success is rewritten by `rewriteBody` with the route's 200 schema, the dates in the
 *   system's time zone (its office hours' `time_zone`, the offset taken at each instant, so daylight saving time is
 *   right on both sides of a change). `extras` adds its fields to error bodies too: a server that adds fields adds
 *   them everywhere (inferred).
 *
 * `/vicidial/*` keeps its documented shape and `/__mock/*` is the mock's own: neither is varied, and neither is an
 * answer before the system is known (a missing or unknown system key): those are in the contracts' own shape. The
 * caller skips this stage for a system of the contracts' own shapes (`DEFAULT_VARIATION`), so that answer is
 * untouched: a pre-serialised `RawJson` stays as it is, and nothing is parsed or copied.
 *
 * @module
 */

import { errorSchemaFor, type RouteDef } from '@omnikit/contracts';
import { rewriteBody, rewriteError, UTC_ZONE, type WireZone } from '@omnikit/contracts/variants';
import type { z } from 'zod';
import { utcOffsetMinutes } from '../engine/systems/office-hours.js';
import type { SystemContext } from '../engine/systems/system-context.js';
import { RawBinary } from './raw-binary.js';
import { RawJson } from './raw-json.js';

/** A status and a body as they go on the wire. */
export interface WireAnswer {
  status: number;
  body: unknown;
}

/** Whether a route's answers follow its system's variation: Omni's own routes, the archive service excepted. */
export function isVariedRoute(route: RouteDef): boolean {
  return (route.auth === 'system' || route.auth === 'user') && route.errorShape !== 'vicidial';
}

/** The system's time zone as the date forms need it. */
export function systemZone(system: SystemContext): WireZone {
  const timeZone = system.record.officeHours.time_zone;
  return timeZone === 'UTC' ? UTC_ZONE : { offsetMinutesAt: (epochMs) => utcOffsetMinutes(epochMs, timeZone) };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * `status` and `body` as `system`'s variation writes them; `success` is the route's 200 schema (none for a binary
 * answer, which no axis touches).
 */
export function varyAnswer(
  route: RouteDef,
  success: z.ZodType | undefined,
  system: SystemContext,
  status: number,
  body: unknown,
): WireAnswer {
  const v = system.variation;
  if (status >= 400) {
    if (!isRecord(body)) return { status, body };
    const out = rewriteError(v.errors, status, body);
    return v.extras === 'exact'
      ? out
      : { status: out.status, body: rewriteBody(errorSchemaFor(route, status), out.body, v) };
  }
  if (v.dates === 'iso-z' && v.ids === 'integers' && v.extras === 'exact') return { status, body };
  if (!success || body instanceof RawBinary) return { status, body };
  const json: unknown = body instanceof RawJson ? JSON.parse(body.text) : body;
  return { status, body: rewriteBody(success, json, v, systemZone(system)) };
}
