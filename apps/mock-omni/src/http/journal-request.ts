/**
 * The journal stage of an Omni route: one entry in its system's request journal for every answer, success or refusal —
 * before the system is known (a bad key) it goes to the default system's. The bodies are kept as JSON texts, the
 * request's as received and the answer's as sent; secrets are masked and bodies bounded when the journal is read
 * (journal-redaction.ts, control-handlers.ts). A binary answer is journalled as its type and size.
 *
 * @module
 */

import type { RouteDef } from '@omnikit/contracts';
import type { Context } from 'hono';
import type { MockServices } from '../mock-services.js';
import type { Flight } from './flight.js';
import { journalSafeQuery } from './journal-redaction.js';
import { RawBinary } from './raw-binary.js';
import { answerJson } from './send-answer.js';

const JOURNAL_BODY_LIMIT = 64 * 1024;

export function journalRequest(
  c: Context,
  route: RouteDef,
  services: MockServices,
  f: Flight,
  status: number,
  body: unknown,
  /** The answer's JSON text as sent (none for a binary answer). */
  json: string | undefined,
): void {
  const journalSystem = f.system ?? services.registry.getDefault();
  const url = c.req.url;
  const q = url.indexOf('?');
  services.journal(journalSystem).record({
    at: f.wallAt,
    virtualAt: journalSystem.clock.now(),
    method: route.method,
    path: c.req.path,
    query: q < 0 ? '' : journalSafeQuery(url.slice(q)),
    routeId: route.id,
    status,
    durationMs: Math.round((performance.now() - f.started) * 1000) / 1000,
    fault: f.fault,
    requestJson: journalable(f.requestJson, f.requestSize),
    responseJson: journalAnswer(body, json),
  });
}

/**
 * The answer as the journal keeps it: its JSON text as sent (made by `answerJson` when not given), a binary one as its
 * type and size; always JSON.
 */
export function journalAnswer(body: unknown, json: string | undefined): string {
  if (body instanceof RawBinary) return `{"binary":${JSON.stringify(body.contentType)},"bytes":${body.size}}`;
  // No body serialises to no text: the entry's text must still parse.
  return json ?? answerJson(body) ?? 'null';
}

/** A request body as the journal keeps it: its JSON text as received, none over 64 KiB, null when none was read. */
function journalable(json: string | undefined, size: number): string | null {
  if (json === undefined) return null;
  if (size > JOURNAL_BODY_LIMIT) return `{"truncated":true,"bytes":${size}}`;
  return json;
}
