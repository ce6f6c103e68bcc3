import { z } from 'zod';
import { pathId } from './common.js';
import { codesForStatus } from './errors.js';
import { notification } from './notifications.js';
import { errorSchemaFor, errorStatuses, isBinaryResponse, pathParamNames, type RouteDef } from './route.js';

/**
 * Builds an OpenAPI 3.1 document from route objects with zod 4's own JSON Schema output. Never
 * written by hand: change a route object and the document follows.
 */
type JsonSchema = Record<string, unknown>;

export interface OpenApiInfo {
  title: string;
  version: string;
  description?: string;
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: OpenApiInfo;
  servers?: { url: string; description?: string }[];
  tags: { name: string; description?: string }[];
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, unknown> };
  webhooks?: Record<string, unknown>;
}

class SchemaCollector {
  readonly components: Record<string, JsonSchema> = {};

  /** Converts a schema, hoisting named sub-schemas (`.meta({ id })`) into `components.schemas`. */
  convert(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    const json = z.toJSONSchema(schema, {
      target: 'draft-2020-12',
      io,
      unrepresentable: 'any',
      reused: 'inline',
    }) as JsonSchema;
    const defs = (json.$defs ?? {}) as Record<string, JsonSchema>;
    delete json.$defs;
    delete json.$schema;
    const renames = new Map<string, string>();
    for (const [name, def] of Object.entries(defs)) renames.set(name, this.place(name, def, io));
    const rewrite = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(rewrite);
      if (node && typeof node === 'object') {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(node)) {
          if (k === '$ref' && typeof v === 'string') {
            const name = v.replace(/^#\/\$defs\//, '').replace(/^#$/, '');
            out[k] = `#/components/schemas/${renames.get(name) ?? name}`;
          } else out[k] = rewrite(v);
        }
        return out;
      }
      return node;
    };
    for (const name of renames.values()) this.components[name] = rewrite(this.components[name]) as JsonSchema;
    // zod answers a named schema with a $ref to its definition; keep a definition it left inline named too.
    const id = z.globalRegistry.get(schema)?.id;
    if (typeof id === 'string' && json.$ref === undefined) {
      const placed = this.place(id, json, io);
      this.components[placed] = rewrite(this.components[placed]) as JsonSchema;
      return { $ref: `#/components/schemas/${placed}` };
    }
    return rewrite(json) as JsonSchema;
  }

  private place(name: string, def: JsonSchema, io: 'input' | 'output'): string {
    const existing = this.components[name];
    // A placed definition has had its references to other definitions rewritten: compare alike.
    const same = () =>
      JSON.stringify(existing) === JSON.stringify(def).replaceAll('"#/$defs/', '"#/components/schemas/');
    if (!existing || same()) {
      this.components[name] = def;
      return name;
    }
    const alt = io === 'input' ? `${name}Input` : `${name}Output`;
    this.components[alt] = def;
    return alt;
  }
}

function paramSchema(collector: SchemaCollector, schema: z.ZodType): JsonSchema {
  if (schema === pathId) return { type: 'integer', minimum: 1 };
  return collector.convert(schema, 'input');
}

const SECURITY_SCHEMES = {
  SystemKey: {
    type: 'apiKey',
    in: 'header',
    name: 'Authorization',
    description: 'The system key, sent as `Authorization: Key=<system key>` (the word `Key=` then the key).',
  },
  SystemKeyQuery: {
    type: 'apiKey',
    in: 'query',
    name: 'auth-key',
    description: 'The system key as a query parameter: accepted by Omni, not recommended.',
  },
  UserToken: {
    type: 'apiKey',
    in: 'header',
    name: 'tokenKey',
    description: 'A user token from `POST /omni/user/authorize`.',
  },
};

export function buildOpenApiDocument(
  routeList: readonly RouteDef[],
  info: OpenApiInfo,
  options: { servers?: { url: string; description?: string }[]; includeWebhooks?: boolean } = {},
): OpenApiDocument {
  const collector = new SchemaCollector();
  const paths: Record<string, Record<string, unknown>> = {};
  const tags = new Set<string>();
  for (const route of routeList) {
    tags.add(route.group);
    const parameters: unknown[] = [];
    const names = pathParamNames(route.path);
    for (const name of names) {
      const schema = route.params?.shape[name] as z.ZodType | undefined;
      if (!schema) throw new Error(`${route.id}: path parameter {${name}} has no schema`);
      parameters.push({ name, in: 'path', required: true, schema: paramSchema(collector, schema) });
    }
    if (route.query) {
      for (const [name, schema] of Object.entries(route.query.shape)) {
        const s = schema as z.ZodType;
        parameters.push({
          name,
          in: 'query',
          required: !s.safeParse(undefined).success,
          schema: paramSchema(collector, s),
        });
      }
    }
    const responses: Record<string, unknown> = {};
    for (const [status, spec] of Object.entries(route.responses)) {
      responses[status] = isBinaryResponse(spec)
        ? {
            description: spec.description,
            content: { [spec.contentType]: { schema: { type: 'string', contentMediaType: spec.contentType } } },
          }
        : { description: 'Success', content: { 'application/json': { schema: collector.convert(spec, 'output') } } };
    }
    for (const status of errorStatuses(route)) {
      const codes = route.errorCodes.filter((c) => codesForStatus(status).includes(c));
      responses[String(status)] = {
        description: `Error: ${codes.join(', ')}`,
        ...(status === 429
          ? { headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait.' } } }
          : {}),
        content: { 'application/json': { schema: collector.convert(errorSchemaFor(route, status), 'output') } },
      };
    }
    const security =
      route.auth === 'system'
        ? [{ SystemKey: [] }, { SystemKeyQuery: [] }]
        : [
            { SystemKey: [], UserToken: [] },
            { SystemKeyQuery: [], UserToken: [] },
          ];
    const operation: Record<string, unknown> = {
      operationId: route.id,
      summary: route.summary,
      ...(route.description || route.deprecated
        ? {
            description: [
              route.description,
              route.deprecated ? `Deprecated alias: use \`${route.deprecated.use}\`.` : undefined,
            ]
              .filter(Boolean)
              .join('\n\n'),
          }
        : {}),
      tags: [route.group],
      ...(route.deprecated ? { deprecated: true } : {}),
      security,
      ...(parameters.length ? { parameters } : {}),
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: collector.convert(route.body, 'input') } },
            },
          }
        : {}),
      responses,
      'x-omni-source': route.source,
      'x-omni-idempotent': route.idempotent,
    };
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, unknown>)[route.method.toLowerCase()] = operation;
  }
  const doc: OpenApiDocument = {
    openapi: '3.1.0',
    info,
    ...(options.servers ? { servers: options.servers } : {}),
    tags: [...tags].map((name) => ({ name })),
    paths,
    components: { schemas: collector.components, securitySchemes: SECURITY_SCHEMES },
  };
  if (options.includeWebhooks) {
    doc.webhooks = {
      notification: {
        post: {
          summary: 'A notification posted to the system’s endpoint (B.7)',
          requestBody: {
            required: true,
            content: { 'application/json': { schema: collector.convert(notification, 'output') } },
          },
          responses: { '200': { description: 'Any 2xx within 5 s acknowledges.' } },
        },
      },
    };
  }
  return doc;
}
