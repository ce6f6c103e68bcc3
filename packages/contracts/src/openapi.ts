/**
 * Builds an OpenAPI 3.1 document from route objects with zod 4's own JSON Schema output. Never
 * written by hand: change a route object and the document follows.
 *
 * @module
 */

import { z } from 'zod';
import { AXES_KEY, tagAxes } from './axis-tagger.js';
import { MAX_ID, pathId } from './common.js';
import { shownAs } from './document-as.js';
import { codesForStatus } from './errors.js';
import { notification } from './notifications.js';
import { errorSchemaFor, errorStatuses, isBinaryResponse, pathParamNames, type RouteDef } from './route.js';
import type { RouteExample } from './route-example.js';
import { INFERRED_NOTE, PAGE_KEY, SOURCE_KEY, type Source, sourceOf } from './source.js';
import { SourceTagger } from './source-tagger.js';
import { variationAxesExtension } from './variants/axes-markdown.js';
import { VARIATION_AXES } from './variants/variation-axes.js';

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
  /** The variation axes (`@omnikit/contracts/variants`), each value with its effect and plausibility. */
  'x-omni-variation-axes'?: ReturnType<typeof variationAxesExtension>;
}

const AXIS_ORDER: readonly string[] = VARIATION_AXES.map((a) => a.name);

/** Axes in the order `VARIATION_AXES` lists them. */
function inAxisOrder(axes: Iterable<string>): string[] {
  return [...new Set(axes)].sort((a, b) => AXIS_ORDER.indexOf(a) - AXIS_ORDER.indexOf(b));
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
      override: (ctx) => {
        // A wire check looser than the shape a client should send: the document shows the shape.
        const shown = shownAs(ctx.zodSchema);
        if (!shown) return;
        const ref = this.convert(shown.schema, io);
        const placed = this.named(shown.name, ref, io);
        for (const key of Object.keys(ctx.jsonSchema)) delete (ctx.jsonSchema as JsonSchema)[key];
        Object.assign(ctx.jsonSchema, { $ref: `#/components/schemas/${placed}` });
      },
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
          if (k === '$ref' && typeof v === 'string' && !v.startsWith('#/components/')) {
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

  /** Keeps a converted schema as component `name` (a $ref to one is placed under that name too). */
  private named(name: string, json: JsonSchema, io: 'input' | 'output'): string {
    const ref = typeof json.$ref === 'string' ? json.$ref.replace('#/components/schemas/', '') : undefined;
    const def = ref !== undefined ? this.components[ref] : json;
    if (!def) throw new Error(`component ${ref} is missing`);
    return this.place(name, def, io);
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
  if (schema === pathId) return { type: 'integer', minimum: 1, maximum: MAX_ID };
  return collector.convert(schema, 'input');
}

const SECURITY_SCHEMES = {
  SystemKey: {
    type: 'apiKey',
    in: 'header',
    name: 'Authorization',
    description:
      'The system key, sent as `Authorization: Key=<system key>`: type the word `Key=` and then the key, e.g. `Key=omni-demo-key` for the mock’s demo system. (The mock’s /docs page adds `Key=` when it is left out.)',
  },
  SystemKeyQuery: {
    type: 'apiKey',
    in: 'query',
    name: 'auth-key',
    description: 'The system key alone (no `Key=`) as a query parameter: accepted by Omni, not recommended.',
  },
  UserToken: {
    type: 'apiKey',
    in: 'header',
    name: 'tokenKey',
    description: 'A user token: the `token_key` that `POST /omni/user/authorize` answers.',
  },
};

const INFERRED_TEXT = `${INFERRED_NOTE.charAt(0).toUpperCase()}${INFERRED_NOTE.slice(1)}`;

/** The words an operation's description opens with, saying where it comes from. */
function provenanceLine(from: Source, page: string | undefined): string {
  if (from === 'inferred')
    return `**${INFERRED_TEXT}** (OmniKit’s shape where TForge’s wiki is silent, omni-api.md Part B).`;
  return page ? `Documented by TForge (wiki page ${page}).` : 'Documented by TForge.';
}

function withNote(description: string, from: Source): string {
  return from === 'inferred' ? `${description} (${INFERRED_NOTE})` : description;
}

export interface OpenApiOptions {
  servers?: { url: string; description?: string }[];
  includeWebhooks?: boolean;
  /** Request examples by operation id (what the docs page's "Try it out" starts from). */
  examples?: Readonly<Record<string, RouteExample>>;
  /**
   * Name the variation axes (Omni's document): the list as `x-omni-variation-axes`, and `x-omni-axes` on every
   * response, webhook and property an axis rewrites.
   */
  variationAxes?: boolean;
}

export function buildOpenApiDocument(
  routeList: readonly RouteDef[],
  info: OpenApiInfo,
  options: OpenApiOptions = {},
): OpenApiDocument {
  const collector = new SchemaCollector();
  const paths: Record<string, Record<string, unknown>> = {};
  const tags = new Set<string>();
  // Tagged once every schema is converted: a component placed again after tagging would differ.
  const toTag: { schema: unknown; source: Source; page: string | undefined; where: string }[] = [];
  // Marked once every schema is converted too, for the same reason.
  const toMark: {
    schema: z.ZodType;
    json: JsonSchema;
    holder: Record<string, unknown>;
    axes: string[];
    where: string;
  }[] = [];
  for (const route of routeList) {
    const varied = options.variationAxes === true && route.errorShape !== 'vicidial';
    tags.add(route.group);
    const page = route.source === 'documented' ? route.page : undefined;
    const example = options.examples?.[route.id];
    const parameters: unknown[] = [];
    const names = pathParamNames(route.path);
    for (const name of names) {
      const schema = route.params?.shape[name] as z.ZodType | undefined;
      if (!schema) throw new Error(`${route.id}: path parameter {${name}} has no schema`);
      const value = example?.params?.[name];
      parameters.push({
        name,
        in: 'path',
        required: true,
        schema: paramSchema(collector, schema),
        ...(value !== undefined ? { example: value } : {}),
        [SOURCE_KEY]: route.source,
      });
    }
    if (route.query) {
      for (const [name, schema] of Object.entries(route.query.shape)) {
        const s = schema as z.ZodType;
        const value = example?.query?.[name];
        parameters.push({
          name,
          in: 'query',
          required: !s.safeParse(undefined).success,
          schema: paramSchema(collector, s),
          ...(value !== undefined ? { example: value } : {}),
          [SOURCE_KEY]: sourceOf(s) ?? route.source,
        });
      }
    }
    const responses: Record<string, unknown> = {};
    for (const [status, spec] of Object.entries(route.responses)) {
      if (isBinaryResponse(spec)) {
        responses[status] = {
          description: withNote(spec.description, route.source),
          content: { [spec.contentType]: { schema: { type: 'string', contentMediaType: spec.contentType } } },
          [SOURCE_KEY]: route.source,
        };
        continue;
      }
      const from = sourceOf(spec) ?? route.source;
      const schema = collector.convert(spec, 'output');
      toTag.push({ schema, source: from, page, where: `${route.id} ${status}` });
      responses[status] = {
        description: withNote('Success', from),
        content: { 'application/json': { schema } },
        [SOURCE_KEY]: from,
      };
      if (varied) {
        const holder = responses[status] as Record<string, unknown>;
        toMark.push({ schema: spec, json: schema, holder, axes: ['extras'], where: `${route.id} ${status}` });
      }
    }
    for (const status of errorStatuses(route)) {
      const codes = route.errorCodes.filter((c) => codesForStatus(status).includes(c));
      const from: Source = route.documentedErrors?.includes(status) ? 'documented' : 'inferred';
      const schema = collector.convert(errorSchemaFor(route, status), 'output');
      toTag.push({
        schema,
        source: from,
        page: from === 'documented' ? page : undefined,
        where: `${route.id} ${status}`,
      });
      responses[String(status)] = {
        description: withNote(`Error: ${codes.join(', ')}`, from),
        ...(status === 429
          ? { headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait.' } } }
          : {}),
        content: { 'application/json': { schema } },
        [SOURCE_KEY]: from,
        // `errors` rewrites a 4xx only: a 5xx keeps its status and code in every form (rewriteError).
        ...(varied ? { [AXES_KEY]: status < 500 ? ['errors', 'extras'] : ['extras'] } : {}),
      };
    }
    const security =
      route.auth === 'system'
        ? [{ SystemKey: [] }, { SystemKeyQuery: [] }]
        : [
            { SystemKey: [], UserToken: [] },
            { SystemKeyQuery: [], UserToken: [] },
          ];
    let requestBody: Record<string, unknown> | undefined;
    if (route.body) {
      const schema = collector.convert(route.body, 'input');
      toTag.push({ schema, source: route.source, page, where: `${route.id} body` });
      requestBody = {
        required: true,
        content: {
          'application/json': { schema, ...(example?.body !== undefined ? { example: example.body } : {}) },
        },
        [SOURCE_KEY]: route.source,
      };
    }
    const operation: Record<string, unknown> = {
      operationId: route.id,
      summary: route.summary,
      description: [
        provenanceLine(route.source, page),
        route.description,
        route.deprecated ? `Deprecated alias: use \`${route.deprecated.use}\`.` : undefined,
      ]
        .filter(Boolean)
        .join('\n\n'),
      tags: [route.group],
      ...(route.deprecated ? { deprecated: true } : {}),
      security,
      ...(parameters.length ? { parameters } : {}),
      ...(requestBody ? { requestBody } : {}),
      responses,
      [SOURCE_KEY]: route.source,
      ...(page ? { [PAGE_KEY]: page } : {}),
      'x-omni-idempotent': route.idempotent,
      ...(varied && (route.auth === 'user' || route.id.startsWith('authorize')) ? { [AXES_KEY]: ['tokens'] } : {}),
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
    doc.webhooks = {};
    // One webhook per notification type (A.4, B.7), each with its own source.
    for (const option of notification.options) {
      const type = option.shape.type.value;
      const payloadSchema = option.shape.payload as z.ZodType;
      const from = sourceOf(payloadSchema) ?? 'inferred';
      const meta = payloadSchema.meta() as Record<string, unknown> | undefined;
      const notePage = from === 'documented' && typeof meta?.[PAGE_KEY] === 'string' ? meta[PAGE_KEY] : undefined;
      const schema = collector.convert(option, 'output');
      toTag.push({ schema, source: from, page: notePage, where: `webhook ${type}` });
      const post: Record<string, unknown> = {};
      if (options.variationAxes) {
        toMark.push({
          schema: option,
          json: schema,
          holder: post,
          axes: ['notifications', 'extras'],
          where: `webhook ${type}`,
        });
      }
      doc.webhooks[type] = {
        post: Object.assign(post, {
          operationId: `notification_${type}`,
          summary: `The \`${type}\` notification, posted to the system’s endpoint`,
          description: [
            provenanceLine(from, notePage),
            'Delivered as `{ type, payload }` with `X-Omni-Notification-Id`, `X-Omni-Timestamp` and, with a secret, `X-Omni-Signature` (B.7).',
          ].join('\n\n'),
          requestBody: { required: true, content: { 'application/json': { schema } }, [SOURCE_KEY]: from },
          responses: {
            '200': { description: 'Any 2xx within 5 s acknowledges.', [SOURCE_KEY]: 'inferred' },
          },
          [SOURCE_KEY]: from,
          ...(notePage ? { [PAGE_KEY]: notePage } : {}),
        }),
      };
    }
  }
  if (options.variationAxes) {
    doc['x-omni-variation-axes'] = variationAxesExtension();
    for (const m of toMark) {
      const fieldAxes = tagAxes(m.schema, m.json, collector.components, m.where);
      m.holder[AXES_KEY] = inAxisOrder([...m.axes, ...fieldAxes]);
    }
  }
  const tagger = new SourceTagger(collector.components);
  for (const root of toTag) tagger.tag(root.schema, { source: root.source, page: root.page }, root.where);
  return doc;
}
