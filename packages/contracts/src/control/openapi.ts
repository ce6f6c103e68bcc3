import { MAX_JSON_DEPTH } from '../max-json-depth.js';
import { buildOpenApiDocument, type OpenApiDocument } from '../openapi.js';
import { controlRouteList } from './routes.js';
import { ADMIN_KEY_HEADER } from './schemas.js';

/**
 * The control API's own OpenAPI document, kept apart from Omni's. The shared generator knows the
 * Omni credentials only, so each operation's `security` is set here from its `auth`.
 */
export function controlOpenApiDocument(servers?: { url: string; description?: string }[]): OpenApiDocument {
  const doc = buildOpenApiDocument(
    controlRouteList,
    {
      title: 'OmniKit mock: control API',
      version: '0.1.0',
      description: `Not part of Omni. Systems (tenants), virtual clocks, users, the DNC list, office hours, the request journal, fault injection, virtual phones, callee rules and webhook deliveries of the OmniKit mock. Bodies nest at most ${MAX_JSON_DEPTH} levels deep (deeper: 400 \`VALIDATION_FAILED\`, field \`body\`).`,
    },
    servers ? { servers } : {},
  );
  doc.components.securitySchemes.AdminKey = {
    type: 'apiKey',
    in: 'header',
    name: ADMIN_KEY_HEADER,
    description: 'The mock’s admin key (`--admin-key`); needed only when the mock has one.',
  };
  for (const route of controlRouteList) {
    const op = doc.paths[route.path]?.[route.method.toLowerCase()] as Record<string, unknown> | undefined;
    if (!op) continue;
    // With an admin key the mock wants it on every route but /health; without one, nothing.
    op.security =
      route.auth === 'admin' || route.path === '/health'
        ? [{}, { AdminKey: [] }]
        : [{}, { SystemKey: [] }, { AdminKey: [] }, { SystemKey: [], AdminKey: [] }];
  }
  return doc;
}
