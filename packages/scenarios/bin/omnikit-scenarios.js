#!/usr/bin/env node
// Runs the built CLI (dist/cli/main.js). Build it first: npm run build -w @omnikit/scenarios
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  console.error('omnikit-scenarios: dist/cli/main.js is missing; build first: npm run build -w @omnikit/scenarios');
  process.exit(1);
}
await import(main.href);
