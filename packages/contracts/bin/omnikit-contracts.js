#!/usr/bin/env node
/**
 * Runs `omnikit-contracts drift-apply` (dist/drift/drift-apply-cli.js) on the real file system.
 * Build it first: npm run build -w @omnikit/contracts
 *
 * @module
 */

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/drift/drift-apply-cli.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  console.error(
    'omnikit-contracts: dist/drift/drift-apply-cli.js is missing; build first: npm run build -w @omnikit/contracts',
  );
  process.exit(1);
}
const { runDriftApply } = await import(cli.href);

/** The contracts' source files under `src`, shown in a diff as packages/contracts/src/…; undefined when none. */
function sourcesIn(src) {
  const files = [];
  for (const sub of ['', 'routes']) {
    const dir = join(src, sub);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      if (!name.endsWith('.ts')) continue;
      const path = ['packages/contracts/src', sub, name].filter(Boolean).join('/');
      files.push({ path, text: readFileSync(join(dir, name), 'utf8') });
    }
  }
  return files.some((f) => f.path.startsWith('packages/contracts/src/routes/')) ? files : undefined;
}

const status = runDriftApply(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  readText: (path) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
  sources: (src) => {
    if (src !== undefined) return sourcesIn(resolve(src));
    for (const candidate of [resolve('packages/contracts/src'), fileURLToPath(new URL('../src', import.meta.url))]) {
      const found = sourcesIn(candidate);
      if (found) return found;
    }
    return undefined;
  },
});
process.exitCode = status;
