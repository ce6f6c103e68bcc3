#!/usr/bin/env node
// Runs the built console (dist/server/main.js). Build it first: npm run build -w @omnikit/agent-console
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/server/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  console.error(
    'omnikit-console: dist/server/main.js is missing; build first: npm run build -w @omnikit/agent-console',
  );
  process.exit(1);
}
await import(main.href);
