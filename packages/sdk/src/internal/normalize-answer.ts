/**
 * Reads an answer or a notification written in any variant of the wire (the variation axes of
 * `@omnikit/contracts/variants`) back into the contract's own shape, so an application sees one
 * form whatever Omni writes: every date-time the schema declares as ISO-8601 UTC with
 * milliseconds and `Z`, every integer id it declares as a number. The fields come from the
 * schema (the contracts' walker), never from a list of names; unknown fields stay as they came.
 *
 * @module
 */

import { DOCUMENTED_FORMATS, normalizeBody, parseAnyDate, type WireZone } from '@omnikit/contracts/variants';
import type { z } from 'zod';

/**
 * `body` in the contract's shape. Beyond what the variants rewrite, the fields whose format the
 * wiki documents (authorize's `expiry_date`) are read in any date form too: a session caches that
 * expiry, and a real Omni that writes every other date in local time might write it so as well.
 */
export function normalizeAnswer(schema: z.ZodType, body: unknown, zone: WireZone): unknown {
  let out = normalizeBody(schema, body, zone);
  for (const documented of DOCUMENTED_FORMATS) {
    if (documented.object !== schema || typeof out !== 'object' || out === null || Array.isArray(out)) continue;
    const record = out as Record<string, unknown>;
    const value = record[documented.field];
    if (typeof value !== 'string') continue;
    const at = parseAnyDate(value, zone);
    if (at !== undefined) out = { ...record, [documented.field]: new Date(at).toISOString() };
  }
  return out;
}
