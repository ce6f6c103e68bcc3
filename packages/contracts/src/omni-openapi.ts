import { MAX_JSON_DEPTH } from './max-json-depth.js';
import { buildOpenApiDocument, type OpenApiDocument } from './openapi.js';
import { routeList } from './routes/index.js';
import { omniRequestExamples } from './routes/route-examples.js';

export const CONTRACTS_VERSION = '0.1.0';

/** The Omni API's OpenAPI document (Parts A and B of omni-api.md), generated from the route objects. */
export function omniOpenApiDocument(servers?: { url: string; description?: string }[]): OpenApiDocument {
  return buildOpenApiDocument(
    routeList,
    {
      title: 'TForge Omni (OmniSense) integration API',
      version: CONTRACTS_VERSION,
      description:
        'The REST surface of TForge’s Omni as OmniKit implements it. `x-omni-source` says where each operation, schema property, response and webhook comes from: `documented` follows TForge’s integration wiki (`x-omni-page` names the page); `inferred` is OmniKit’s shape where the wiki is silent, not confirmed against a real Omni. A field inherits the source of the object it is in, up to its response or request body, which inherits its operation’s. Notifications are under `webhooks`. ' +
        `A request body may nest arrays and objects at most ${MAX_JSON_DEPTH} levels deep (inferred): a deeper one answers 400 \`VALIDATION_FAILED\` with the field \`body\` (\`/vicidial/*\` in its own shape), as does a request the HTTP parser cannot read (bad header bytes, headers or URL over 16 KiB).`,
    },
    { ...(servers ? { servers } : {}), includeWebhooks: true, examples: omniRequestExamples() },
  );
}
