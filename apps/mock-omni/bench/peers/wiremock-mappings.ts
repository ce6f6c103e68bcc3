/**
 * WireMock stubs that replay the mock: each request the peers bench sent to the mock and the answer it got
 * become one WireMock mapping (the request's method, path, the headers that carried its key and token, its
 * JSON body; the answer's status, content type and exact body). WireMock then serves the mock's own
 * answers, byte for byte, to the requests that match, and keeps nothing between them.
 *
 * @module
 */

/** One request sent to the mock and what the mock answered. */
export interface CapturedExchange {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path without a query, as sent (`/omni/campaign/2`). */
  path: string;
  /** Headers the stub requires: a value must be sent exactly; `null` means the header must be absent. */
  headers: Record<string, string | null>;
  /** The JSON body sent, when there was one: the stub matches a body equal to it as JSON. */
  body?: string;
  status: number;
  contentType: string;
  /** The mock's answer, exactly as it came. */
  responseBody: string;
}

type HeaderMatcher = { equalTo: string } | { absent: true };

/** One stub in WireMock's mapping format. */
export interface WireMockMapping {
  request: {
    method: string;
    urlPath: string;
    headers?: Record<string, HeaderMatcher>;
    bodyPatterns?: { equalToJson: string }[];
  };
  response: { status: number; headers: Record<string, string>; body: string };
}

/** The content of a WireMock mappings file (`<root-dir>/mappings/*.json`). */
export interface WireMockMappings {
  mappings: WireMockMapping[];
}

function parseBody(exchange: CapturedExchange): unknown {
  try {
    return JSON.parse(exchange.body ?? '');
  } catch {
    throw new Error(`the body of ${exchange.method} ${exchange.path} is not JSON: equalToJson needs JSON`);
  }
}

/** `value` with every object's keys in order, so that two equal JSON values print the same. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => [k, canonical(v)]),
  );
}

/**
 * The mappings replaying `exchanges`. Two exchanges whose requests WireMock could not tell apart (same
 * method, path, headers and body) would make the replay depend on which stub WireMock tries first, so
 * they are refused.
 */
export function wiremockMappings(exchanges: readonly CapturedExchange[]): WireMockMappings {
  const seen = new Set<string>();
  // WireMock compares header names without case and JSON bodies without key order or spacing.
  const mappings = exchanges.map((exchange): WireMockMapping => {
    const headerNames = Object.keys(exchange.headers).sort();
    const identity = JSON.stringify([
      exchange.method,
      exchange.path,
      headerNames.map((name) => [name.toLowerCase(), exchange.headers[name]]).sort(),
      exchange.body === undefined ? null : canonical(parseBody(exchange)),
    ]);
    if (seen.has(identity)) {
      throw new Error(`two captured exchanges share one request: ${exchange.method} ${exchange.path}`);
    }
    seen.add(identity);
    if (!exchange.path.startsWith('/') || exchange.path.includes('?')) {
      throw new Error(`a stub's path is absolute and has no query: ${exchange.path}`);
    }
    const request: WireMockMapping['request'] = { method: exchange.method, urlPath: exchange.path };
    if (headerNames.length > 0) {
      request.headers = Object.fromEntries(
        headerNames.map((name): [string, HeaderMatcher] => {
          const value = exchange.headers[name];
          return [name, value === null || value === undefined ? { absent: true } : { equalTo: value }];
        }),
      );
    }
    if (exchange.body !== undefined) request.bodyPatterns = [{ equalToJson: exchange.body }];
    return {
      request,
      response: {
        status: exchange.status,
        headers: { 'Content-Type': exchange.contentType },
        body: exchange.responseBody,
      },
    };
  });
  return { mappings };
}
