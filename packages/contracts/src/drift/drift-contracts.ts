/**
 * The contracts as the drift check reads them: every route and notification of the OpenAPI
 * document, whose JSON Schemas already carry `x-omni-source` on every property by the rule of
 * source.ts, with a matcher from a concrete method and path to its route. Built once from the
 * document, so the check and the published document can never disagree.
 *
 * @module
 */

import { omniOpenApiDocument } from '../omni-openapi.js';
import type { OpenApiDocument } from '../openapi.js';
import { SOURCE_KEY, type Source } from '../source.js';

export type JsonSchema = Record<string, unknown>;

export interface ContractResponse {
  readonly source: Source;
  /** The JSON body's schema; absent for a binary answer. */
  readonly schema?: JsonSchema;
  /** The content type of a binary answer (a recording's WAV). */
  readonly binary?: string;
}

export interface ContractRoute {
  readonly id: string;
  readonly method: string;
  readonly path: string;
  readonly source: Source;
  readonly deprecated: boolean;
  readonly requestBody?: { readonly source: Source; readonly schema: JsonSchema };
  readonly responses: Readonly<Record<string, ContractResponse>>;
  readonly pattern: RegExp;
  /** Literal path segments: the more, the more specific (`/call/{id}/hold` beats `/call/{id}`). */
  readonly literals: number;
}

export interface ContractNotification {
  readonly type: string;
  readonly source: Source;
  /** The `{ type, payload }` envelope's schema. */
  readonly schema: JsonSchema;
}

export interface DriftContracts {
  readonly routes: readonly ContractRoute[];
  readonly notifications: readonly ContractNotification[];
  /** `components.schemas`, which `$ref`s point into. */
  readonly components: Readonly<Record<string, JsonSchema>>;
}

const isObject = (v: unknown): v is JsonSchema => typeof v === 'object' && v !== null && !Array.isArray(v);
const sourceIn = (node: unknown, fallback: Source): Source => {
  const s = isObject(node) ? node[SOURCE_KEY] : undefined;
  return s === 'documented' || s === 'inferred' ? s : fallback;
};

function jsonSchemaOf(content: unknown): JsonSchema | undefined {
  if (!isObject(content)) return undefined;
  const json = content['application/json'];
  return isObject(json) && isObject(json.schema) ? json.schema : undefined;
}

function pathPattern(path: string): RegExp {
  const escaped = path
    .split(/\{[a-z_]+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]+');
  return new RegExp(`^${escaped}$`);
}

/** Reads the routes and notifications out of an OpenAPI document built by `buildOpenApiDocument`. */
export function driftContractsOf(doc: OpenApiDocument): DriftContracts {
  const routes: ContractRoute[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!isObject(op) || typeof op.operationId !== 'string') continue;
      const source = sourceIn(op, 'inferred');
      const responses: Record<string, ContractResponse> = {};
      for (const [status, res] of Object.entries(isObject(op.responses) ? op.responses : {})) {
        if (!isObject(res)) continue;
        const from = sourceIn(res, source);
        const schema = jsonSchemaOf(res.content);
        const types = isObject(res.content) ? Object.keys(res.content) : [];
        responses[status] = schema
          ? { source: from, schema }
          : { source: from, ...(types[0] ? { binary: types[0] } : {}) };
      }
      const body = isObject(op.requestBody) ? op.requestBody : undefined;
      const bodySchema = body ? jsonSchemaOf(body.content) : undefined;
      routes.push({
        id: op.operationId,
        method: method.toUpperCase(),
        path,
        source,
        deprecated: op.deprecated === true,
        ...(body && bodySchema ? { requestBody: { source: sourceIn(body, source), schema: bodySchema } } : {}),
        responses,
        pattern: pathPattern(path),
        literals: path.split('/').filter((s) => s !== '' && !s.startsWith('{')).length,
      });
    }
  }
  const notifications: ContractNotification[] = [];
  for (const [type, hook] of Object.entries(doc.webhooks ?? {})) {
    const post = isObject(hook) ? hook.post : undefined;
    if (!isObject(post) || !isObject(post.requestBody)) continue;
    const schema = jsonSchemaOf(post.requestBody.content);
    if (schema) notifications.push({ type, source: sourceIn(post, 'inferred'), schema });
  }
  return { routes, notifications, components: doc.components.schemas };
}

let omni: DriftContracts | undefined;

/** The Omni contracts (the published document, webhooks included), built on first use. */
export function omniDriftContracts(): DriftContracts {
  omni ??= driftContractsOf(omniOpenApiDocument());
  return omni;
}

/**
 * The route a request is for: the method must match, then the path, a trailing `/` aside; where
 * two templates match (`/omni/campaign/{campaign_id}` and a literal path), the one with more
 * literal segments wins.
 */
export function matchRoute(contracts: DriftContracts, method: string, path: string): ContractRoute | undefined {
  const upper = method.toUpperCase();
  const candidates = path.length > 1 && path.endsWith('/') ? [path, path.slice(0, -1)] : [path, `${path}/`];
  let best: ContractRoute | undefined;
  for (const candidate of candidates) {
    for (const route of contracts.routes) {
      if (route.method !== upper || !route.pattern.test(candidate)) continue;
      if (!best || route.literals > best.literals) best = route;
    }
    if (best) return best;
  }
  return undefined;
}
