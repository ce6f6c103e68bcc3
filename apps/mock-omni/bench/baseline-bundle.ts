/**
 * The bench's baseline server (baseline-server.ts) as one plain JavaScript file, so that it runs as the mock's built CLI
 * does: run through tsx it would carry tsx's loader thread and transpiler. better-sqlite3, a native addon, stays a
 * package import, resolved from this repository.
 *
 * @module
 */

import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/** Writes the baseline's bundle into `dir` and returns its path (run it with a database file as its argument). */
export async function bundleBaseline(dir: string): Promise<string> {
  const outfile = join(dir, 'baseline-server.mjs');
  const sqlite = pathToFileURL(createRequire(import.meta.url).resolve('better-sqlite3')).href;
  await build({
    entryPoints: [fileURLToPath(new URL('./baseline-server.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'warning',
    plugins: [
      {
        name: 'better-sqlite3-from-the-repository',
        setup(b) {
          b.onResolve({ filter: /^better-sqlite3$/ }, () => ({ path: sqlite, external: true }));
        },
      },
    ],
  });
  return outfile;
}

/** The line the baseline prints once listening, with its URL. */
export const BASELINE_LISTENING = /baseline listening on (http:\/\/[0-9.]+:[0-9]+)/;
