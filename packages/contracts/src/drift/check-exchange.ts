/**
 * Checks one recorded exchange against the contracts and says every way it differs: the route
 * it matched (or that none did), a status the route never answers, a 2xx that carries
 * `success: false`, and field by field its response body (or its notification); a request body
 * is checked only when the server accepted it (a 2xx), since a body the contract rejects and
 * the server took says the contract is too strict, while a refused one says nothing.
 *
 * @module
 */

import { SOURCE_KEY, type Source } from '../source.js';
import { type DriftContracts, matchRoute, omniDriftContracts } from './drift-contracts.js';
import type { DriftFinding } from './drift-report.js';
import type { RecordedHeaders, RecordingLine } from './recording-line.js';
import { exampleOf, jsonTypeOf, SchemaDiff } from './schema-diff.js';

/** What one exchange showed: the route or notification type it is for, and its findings. */
export interface ExchangeCheck {
  readonly kind: 'rest' | 'notification';
  /** The matched route's id; `null` for a notification or an unknown route. */
  readonly route_id: string | null;
  /** The notification's `type` (known or not); `null` for a REST exchange or an unreadable one. */
  readonly notification_type: string | null;
  /** For a request no route matches: its method, its path with numeric segments as `{n}`, and the path. */
  readonly unknown_route: { method: string; path: string; example_path: string; status: number } | null;
  readonly findings: readonly DriftFinding[];
}

/** The headers every notification carries (B.7). */
const NOTIFICATION_HEADERS = ['x-omni-notification-id', 'x-omni-timestamp'] as const;

function header(headers: RecordedHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

function isJsonType(contentType: string | undefined): boolean {
  return contentType !== undefined && /^application\/([a-z0-9.+-]*\+)?json\b/i.test(contentType.trim());
}

/** A path with its numeric (and UUID-like) segments as `{n}`, to group unknown routes. */
export function templatePath(path: string): string {
  return path
    .split('/')
    .map((seg) => (/^\d+$/.test(seg) || /^[0-9a-f-]{16,}$/i.test(seg) ? '{n}' : seg))
    .join('/');
}

/**
 * A.7: a path the `/vicidial/` service does not have answers 404 in the service's own
 * `{ message, http_code }` shape — the documented answer (the contract suite asks for one), not a
 * route the contracts lack. The message's text is not documented, so only the shape is checked.
 */
function isVicidialNotFound(path: string, status: number, body: unknown): boolean {
  if (status !== 404 || !path.startsWith('/vicidial/')) return false;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const { message, http_code } = body as { message?: unknown; http_code?: unknown };
  return typeof message === 'string' && http_code === 404;
}

/** Checks one exchange; pure: the same line and contracts give the same findings. */
export function checkExchange(line: RecordingLine, contracts: DriftContracts = omniDriftContracts()): ExchangeCheck {
  const differ = new SchemaDiff(contracts.components);
  return line.kind === 'notification' ? checkNotification(line, contracts, differ) : checkRest(line, contracts, differ);
}

function checkRest(line: RecordingLine, contracts: DriftContracts, differ: SchemaDiff): ExchangeCheck {
  const { request, response } = line;
  const route = matchRoute(contracts, request.method, request.path);
  if (!route && isVicidialNotFound(request.path, response.status, response.body)) {
    return { kind: 'rest', route_id: null, notification_type: null, unknown_route: null, findings: [] };
  }
  if (!route) {
    const path = templatePath(request.path);
    const method = request.method.toUpperCase();
    return {
      kind: 'rest',
      route_id: null,
      notification_type: null,
      unknown_route: { method, path, example_path: request.path, status: response.status },
      findings: [
        {
          location: `${method} ${path}`,
          kind: 'unknown-route',
          expected: 'a route of the contracts',
          seen: `answered ${response.status}`,
          example: request.path,
          source: 'inferred',
        },
      ],
    };
  }
  const findings: DriftFinding[] = [];
  const result = (): ExchangeCheck => ({
    kind: 'rest',
    route_id: route.id,
    notification_type: null,
    unknown_route: null,
    findings,
  });
  const status = String(response.status);
  const spec = route.responses[status];
  const ok = response.status >= 200 && response.status < 300;
  const body = response.body;
  if (!spec) {
    findings.push({
      location: 'response.status',
      kind: 'status',
      expected: Object.keys(route.responses).join(', '),
      seen: status,
      example: exampleOf(body ?? null),
      source: route.source,
    });
    return result();
  }
  if (ok && typeof body === 'object' && body !== null && !Array.isArray(body) && body.success === false) {
    // B.2: a failure is a 4xx/5xx; a 2xx saying it failed is one difference, not a field-by-field one.
    findings.push({
      location: `response.${status}.body.success`,
      kind: 'status',
      expected: 'a failure answered with a 4xx/5xx status (B.2)',
      seen: `${status} with success: false`,
      example: exampleOf(body),
      source: 'inferred',
    });
    return result();
  }
  if (ok && route.requestBody && request.body !== undefined && isJsonType(header(request.headers, 'content-type'))) {
    findings.push(...differ.diff(route.requestBody.schema, request.body, 'request.body', route.requestBody.source));
  }
  const contentType = header(response.headers, 'content-type');
  if (spec.binary !== undefined) {
    const base = spec.binary.split(';')[0]?.trim().toLowerCase() ?? '';
    const seen = contentType?.split(';')[0]?.trim().toLowerCase();
    if (seen !== base) {
      findings.push({
        location: `response.${status}.headers.content-type`,
        kind: 'type',
        expected: base,
        seen: seen ?? 'absent',
        example: seen ?? null,
        source: spec.source,
      });
    }
    return result();
  }
  if (!spec.schema) return result();
  if (!isJsonType(contentType) || body === undefined) {
    findings.push({
      location: `response.${status}.body`,
      kind: 'unparseable',
      expected: 'a JSON body',
      seen: body === undefined && response.body_base64 === undefined ? 'no body' : (contentType ?? 'no content type'),
      example: exampleOf(body ?? null),
      source: spec.source,
    });
    return result();
  }
  findings.push(...differ.diff(spec.schema, body, `response.${status}.body`, spec.source));
  return result();
}

function checkNotification(line: RecordingLine, contracts: DriftContracts, differ: SchemaDiff): ExchangeCheck {
  const envelope = line.request.body;
  const findings: DriftFinding[] = [];
  const type =
    typeof envelope === 'object' && envelope !== null && !Array.isArray(envelope) && typeof envelope.type === 'string'
      ? envelope.type
      : null;
  const result = (): ExchangeCheck => ({
    kind: 'notification',
    route_id: null,
    notification_type: type,
    unknown_route: null,
    findings,
  });
  if (type === null) {
    findings.push({
      location: 'notification',
      kind: 'unparseable',
      expected: 'a JSON { type, payload } envelope',
      seen: envelope === undefined ? 'not JSON' : jsonTypeOf(envelope),
      example: exampleOf(envelope ?? null),
      source: 'documented',
    });
    return result();
  }
  for (const name of NOTIFICATION_HEADERS) {
    if (header(line.request.headers, name) !== undefined) continue;
    findings.push({
      location: `notification.headers.${name}`,
      kind: 'missing',
      expected: 'present (B.7)',
      seen: 'absent',
      example: null,
      source: 'inferred',
    });
  }
  const contract = contracts.notifications.find((n) => n.type === type);
  if (!contract) {
    findings.push({
      location: `notification ${type}`,
      kind: 'unknown-route',
      expected: `one of ${contracts.notifications.map((n) => JSON.stringify(n.type)).join(', ')}`,
      seen: JSON.stringify(type),
      example: exampleOf(envelope),
      source: 'inferred',
    });
    return result();
  }
  const source: Source = contract.schema[SOURCE_KEY] === 'documented' ? 'documented' : contract.source;
  findings.push(...differ.diff(contract.schema, envelope, `notification.${type}`, source));
  return result();
}
