/**
 * The journal stage of an Omni route: one entry in its system's request journal for every answer, success or refusal —
 * before the system is known (a bad key) it goes to the default system's. Secrets are masked and bodies bounded
 * (journal-redaction.ts); a binary answer is journalled as its type and size.
 *
 * @module
 */

import type { RouteDef } from '@omnikit/contracts';
import type { Context } from 'hono';
import type { MockServices } from '../mock-services.js';
import type { Flight } from './flight.js';
import { journalSafe, journalSafeQuery } from './journal-redaction.js';
import { RawBinary } from './raw-binary.js';
import { RawJson } from './raw-json.js';

const JOURNAL_BODY_LIMIT = 64 * 1024;

export function journalRequest(
  c: Context,
  route: RouteDef,
  services: MockServices,
  f: Flight,
  status: number,
  body: unknown,
): void {
  const journalSystem = f.system ?? services.registry.getDefault();
  const url = c.req.url;
  const q = url.indexOf('?');
  services.journal(journalSystem).record({
    id: 0,
    at: f.wallAt,
    virtualAt: journalSystem.clock.now(),
    method: route.method,
    path: c.req.path,
    query: q < 0 ? '' : journalSafeQuery(url.slice(q)),
    routeId: route.id,
    status,
    durationMs: Math.round((performance.now() - f.started) * 1000) / 1000,
    fault: f.fault,
    requestBody: journalable(f.requestBody, f.requestSize),
    responseBody:
      body instanceof RawBinary
        ? { binary: body.contentType, bytes: body.size }
        : body instanceof RawJson
          ? body
          : journalSafe(body),
  });
}

/** A request body as the journal keeps it: none over 64 KiB, secrets masked, bounded. */
function journalable(body: unknown, size: number): unknown {
  if (body === undefined) return null;
  if (size > JOURNAL_BODY_LIMIT) return { truncated: true, bytes: size };
  return journalSafe(body);
}
