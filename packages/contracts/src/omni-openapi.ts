import { type OpenApiDocument, buildOpenApiDocument } from './openapi.js';
import { routeList } from './routes/index.js';

export const CONTRACTS_VERSION = '0.1.0';

/** The Omni API's OpenAPI document (Parts A and B of omni-api.md), generated from the route objects. */
export function omniOpenApiDocument(servers?: { url: string; description?: string }[]): OpenApiDocument {
  return buildOpenApiDocument(
    routeList,
    {
      title: 'TForge Omni (OmniSense) integration API',
      version: CONTRACTS_VERSION,
      description:
        'The REST surface of TForge’s Omni as OmniKit implements it. Operations tagged `x-omni-source: documented` follow TForge’s integration wiki; `inferred` ones are OmniKit’s shapes where the wiki is silent. Notifications are under `webhooks`.',
    },
    { ...(servers ? { servers } : {}), includeWebhooks: true },
  );
}
