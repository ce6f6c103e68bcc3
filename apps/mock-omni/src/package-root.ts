/**
 * The package's own folder, found from the module that asks: the nearest folder above it whose package.json is
 * `@omnikit/mock-omni`'s. The compiled modules (`dist/…`, at every depth) and the CLI's bundle (`dist/bundle/`) sit at
 * different depths below it, so a path written relative to one module (`../../drizzle`) would be wrong from another.
 *
 * @module
 */

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = '@omnikit/mock-omni';

/** The nearest folder at or above `from` holding `@omnikit/mock-omni`'s package.json; throws when there is none. */
export function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === PACKAGE_NAME
    )
      return dir;
    if (dirname(dir) === dir) throw new Error(`${PACKAGE_NAME}: no package.json of ${PACKAGE_NAME} above ${from}`);
  }
}

/** This package's folder (where its package.json, `drizzle/` and `dist/` are). */
export const PACKAGE_ROOT: string = findPackageRoot(dirname(fileURLToPath(import.meta.url)));
