/**
 * The package's folder as the compiled modules and the CLI's bundle find it (its package.json, migrations).
 *
 * @module
 */

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { findPackageRoot, PACKAGE_ROOT } from '../src/package-root.js';
import { MIGRATIONS_FOLDER } from '../src/store/create-db.js';

const pkgDir = fileURLToPath(new URL('..', import.meta.url)).replace(/[\\/]$/, '');
const temp = mkdtempSync(join(tmpdir(), 'omni-package-root-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('findPackageRoot', () => {
  it('finds the package folder from any depth below it: src/, dist/…, the bundle in dist/bundle/', () => {
    expect(PACKAGE_ROOT).toBe(pkgDir);
    expect(MIGRATIONS_FOLDER).toBe(join(pkgDir, 'drizzle'));
    for (const below of ['src', join('src', 'store'), join('dist', 'bundle')])
      expect(findPackageRoot(join(pkgDir, below))).toBe(pkgDir);
  });

  it("passes over another package's package.json (an app that bundled the mock) and fails when there is none", () => {
    const installed = join(temp, 'node_modules', '@omnikit', 'mock-omni');
    mkdirSync(join(installed, 'dist', 'bundle'), { recursive: true });
    writeFileSync(join(temp, 'package.json'), JSON.stringify({ name: 'consumer' }));
    writeFileSync(join(installed, 'package.json'), JSON.stringify({ name: '@omnikit/mock-omni' }));
    writeFileSync(join(installed, 'dist', 'package.json'), JSON.stringify({ type: 'module' }));
    expect(findPackageRoot(join(installed, 'dist', 'bundle'))).toBe(installed);
    expect(() => findPackageRoot(temp)).toThrow(/no package\.json of @omnikit\/mock-omni above/);
  });
});
