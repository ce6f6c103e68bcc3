/**
 * The API reference: the OpenAPI documents generated from the contracts and an interactive page (swagger-ui-dist)
 * whose assets this server serves itself: no CDN.
 *
 * @module
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { INFERRED_NOTE, omniOpenApiDocument } from '@omnikit/contracts';
import { controlOpenApiDocument } from '@omnikit/contracts/control';
import type { Hono } from 'hono';
import { variationAxesHtml } from './variation-axes-html.js';

const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

/**
 * The page's own additions to Swagger UI: a badge after each operation's path saying where it
 * comes from (`x-omni-source`), the extensions shown in the expanded views, and the `Key=` that
 * `Authorization` needs (A.2) added when a user types the bare system key.
 */
const initScript = (control: boolean) => `function omniSourceBadge() {
  return {
    wrapComponents: {
      OperationSummaryPath: function (Original, system) {
        return function (props) {
          var React = system.React;
          // Read from the spec itself: the summary's props do not carry the operation's extensions.
          var path = props.operationProps.get('path');
          var method = props.operationProps.get('method');
          var spec = system.specSelectors.specJson();
          var source =
            spec.getIn(['paths', path, method, 'x-omni-source']) || spec.getIn(['webhooks', path, method, 'x-omni-source']);
          var badge = source
            ? React.createElement(
                'span',
                {
                  className: 'omni-source omni-source-' + source,
                  title: source === 'inferred' ? '${INFERRED_NOTE}' : 'documented by TForge',
                },
                source,
              )
            : null;
          return React.createElement(React.Fragment, null, React.createElement(Original, props), badge);
        };
      },
    },
  };
}

function withKeyPrefix(request) {
  var headers = request.headers || {};
  var value = headers.Authorization;
  if (typeof value === 'string' && value !== '' && value.indexOf('Key=') !== 0) headers.Authorization = 'Key=' + value;
  return request;
}

window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    urls: [
      { url: '/openapi.json', name: 'Omni API' }${control ? ",\n      { url: '/openapi/control.json', name: 'Mock control API' }" : ''}
    ],
    'urls.primaryName': 'Omni API',
    dom_id: '#swagger-ui',
    deepLinking: true,
    showExtensions: true,
    requestInterceptor: withKeyPrefix,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [omniSourceBadge],
    layout: 'StandaloneLayout'
  });
});
`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Omni mock — API reference</title>
  <link rel="icon" type="image/png" href="/docs/assets/favicon-32x32.png">
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
  <style>
    .omni-source { margin-left: 0.6em; padding: 1px 6px; border-radius: 3px; font: 700 11px sans-serif; }
    .omni-source-inferred { background: #fcefd2; color: #7a4b00; border: 1px solid #e0a030; }
    .omni-source-documented { background: #e3f6ec; color: #1b5e3a; border: 1px solid #49cc90; }
    .omni-axes { max-width: 1460px; margin: 16px auto 0; padding: 0 20px; font: 14px sans-serif; color: #3b4151; }
    .omni-axes summary { cursor: pointer; font-weight: 700; font-size: 16px; }
    .omni-axes table { border-collapse: collapse; margin-bottom: 12px; }
    .omni-axes td, .omni-axes th { border: 1px solid #d8dde7; padding: 4px 8px; text-align: left; vertical-align: top; }
  </style>
</head>
<body>
${variationAxesHtml()}
  <div id="swagger-ui"></div>
  <script src="/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/docs/assets/swagger-ui-standalone-preset.js"></script>
  <script src="/docs/init.js"></script>
</body>
</html>
`;

function assetsFolder(): string {
  return dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
}

/** `control: false` (strict mode) leaves the control API's document out: a real Omni has none. */
export function mountDocs(app: Hono, { control }: { control: boolean }): void {
  const INIT_SCRIPT = initScript(control);
  const folder = assetsFolder();
  const cache = new Map<string, Buffer>();
  const servers = (url: string) => [{ url: new URL(url).origin, description: 'This mock' }];
  let omniDoc: string | undefined;
  let controlDoc: string | undefined;
  app.get('/openapi.json', (c) => {
    omniDoc ??= JSON.stringify(omniOpenApiDocument());
    const doc = JSON.parse(omniDoc) as Record<string, unknown>;
    return c.json({ ...doc, servers: servers(c.req.url) });
  });
  if (control) {
    app.get('/openapi/control.json', (c) => {
      controlDoc ??= JSON.stringify(controlOpenApiDocument());
      const doc = JSON.parse(controlDoc) as Record<string, unknown>;
      return c.json({ ...doc, servers: servers(c.req.url) });
    });
  }
  app.get('/docs', (c) => c.html(PAGE));
  app.get('/docs/', (c) => c.redirect('/docs'));
  app.get('/docs/init.js', (c) => c.body(INIT_SCRIPT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }));
  app.get('/docs/assets/:file', (c) => {
    const file = c.req.param('file');
    const type = ASSETS[file];
    if (!type) return c.json({ success: false, detail: `no docs asset ${file}`, error_code: 'ROUTE_NOT_FOUND' }, 404);
    let data = cache.get(file);
    if (!data) {
      data = readFileSync(join(folder, file));
      cache.set(file, data);
    }
    return c.body(new Uint8Array(data), 200, { 'Content-Type': type, 'Cache-Control': 'public, max-age=3600' });
  });
}
