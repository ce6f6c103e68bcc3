import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import type { ConsoleEnv } from '../console-env.js';

/**
 * The built browser app (vite's output): its files as they are, and `index.html` for every other
 * GET that is not an API or webhook path, so client-side routes survive a reload. Hashed assets
 * are cached for good; index.html never (it names the current assets).
 */
export function mountWebAppRoutes(app: Hono<ConsoleEnv>, webDir: string | undefined): void {
  const index = webDir === undefined ? undefined : join(webDir, 'index.html');
  if (webDir === undefined || index === undefined || !existsSync(index)) {
    app.get('*', (c) =>
      c.text(
        'The console’s web app is not built. Run `npm run build -w @omnikit/agent-console` (or `npm start` at the repository root), then reload.',
        503,
      ),
    );
    return;
  }
  app.use(
    '/assets/*',
    serveStatic({
      root: webDir,
      onFound: (_path, c) => {
        c.header('cache-control', 'public, max-age=31536000, immutable');
      },
    }),
  );
  app.use('*', serveStatic({ root: webDir, index: 'index.html' }));
  app.get('*', async (c) => {
    c.header('cache-control', 'no-cache');
    return c.html(await readFile(index, 'utf8'));
  });
}
