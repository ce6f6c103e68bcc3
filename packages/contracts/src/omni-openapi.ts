import { MAX_JSON_DEPTH } from './max-json-depth.js';
import { messagingRouteList } from './messaging/routes.js';
import { buildOpenApiDocument, type OpenApiDocument } from './openapi.js';
import { routeList } from './routes/index.js';
import { omniRequestExamples } from './routes/route-examples.js';
import { variationAxesMarkdown } from './variants/axes-markdown.js';

/** The section of the description that names the variation axes. */
const VARIATION_SECTION = [
  '## Every plausible Omni: the variation axes',
  'Where the wiki is silent, a real Omni could answer in more than one plausible way. Each axis below names those ways; `omni-mock --vary` (and, per system, `PUT /__mock/system/variation`) makes the mock answer in any of them, so an integration can be tried against all of them (`@omnikit/contracts/variants`). `x-omni-axes` marks what each axis rewrites: `dates` on each date-time property, `ids` on each integer id property, `errors` on each 4xx response, `extras` on each response, `notifications` on each webhook, `tokens` on each operation that takes a user token. The list is also in `x-omni-variation-axes`. Answers given before the system is known (a missing or unknown system key, an unknown route) and the archive service (`/vicidial/*`) are never varied (inferred).',
  variationAxesMarkdown(3),
].join('\n\n');

export const CONTRACTS_VERSION = '0.1.0';

/**
 * The Omni API's OpenAPI document (Parts A and B of omni-api.md, messaging's B.12 included), generated from the route
 * objects.
 */
export function omniOpenApiDocument(servers?: { url: string; description?: string }[]): OpenApiDocument {
  return buildOpenApiDocument(
    [...routeList, ...messagingRouteList],
    {
      title: 'TForge Omni (OmniSense) integration API',
      version: CONTRACTS_VERSION,
      description:
        'The REST surface of TForge’s Omni as OmniKit implements it. `x-omni-source` says where each operation, schema property, response and webhook comes from: `documented` follows TForge’s integration wiki (`x-omni-page` names the page); `inferred` is OmniKit’s shape where the wiki is silent, not confirmed against a real Omni. A field inherits the source of the object it is in, up to its response or request body, which inherits its operation’s. Notifications are under `webhooks`. ' +
        `A request body may nest arrays and objects at most ${MAX_JSON_DEPTH} levels deep (inferred): a deeper one answers 400 \`VALIDATION_FAILED\` with the field \`body\` (\`/vicidial/*\` in its own shape), as does a request the HTTP parser cannot read (bad header bytes, headers or URL over 16 KiB).\n\n${VARIATION_SECTION}`,
    },
    { ...(servers ? { servers } : {}), includeWebhooks: true, examples: omniRequestExamples(), variationAxes: true },
  );
}
